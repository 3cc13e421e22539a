import {
  CONTRACTS,
  fromCloudEventHeaders,
  keyOf,
  toCloudEventHeaders,
  topicOf,
  inboundTopicOf,
  validatePublicEvent,
  deadLetterTopicOf,
  asyncApiDocument,
} from './index';

const employee = { nip: '198503302010011002', name: 'Siti Rahma', status: 'PNS', agencyId: 'dinkes', golongan: 'III/a' };

describe('public event contracts', () => {
  it('names every contract with a version, publishes it on its service topic and keys it by NIP where it has one', () => {
    expect(CONTRACTS.length).toBeGreaterThan(0);
    for (const contract of CONTRACTS) {
      expect(contract.type).toMatch(/^[A-Z][A-Za-z]+\.v[0-9]+$/);
      expect(contract.topic).toBe(contract.inbound ? inboundTopicOf(contract.service) : topicOf(contract.service));
      const properties = (contract.schema.properties ?? {}) as Record<string, unknown>;
      expect(Object.keys(properties)).toContain(contract.keyField);
      expect(contract.schema.required).toContain(contract.keyField);
      if ('nip' in properties) expect(contract.keyField).toBe('nip');
    }
  });

  it('uses the topic names kinerja.<service>.v1 and <topic>.dlq.<group>', () => {
    expect(topicOf('work-planning')).toBe('kinerja.work-planning.v1');
    expect(deadLetterTopicOf('kinerja.work-planning.v1', 'evaluation')).toBe('kinerja.work-planning.v1.dlq.evaluation');
  });

  it('keys an employee event by NIP and an agency event by its id', () => {
    expect(keyOf('EmployeeRegistered.v1', employee)).toBe(employee.nip);
    expect(keyOf('AgencyRegistered.v1', { agencyId: 'dinkes', code: '1.02', name: 'Dinas Kesehatan' })).toBe('dinkes');
    expect(() => keyOf('EmployeeRegistered.v1', { name: 'x' })).toThrow(/nip/);
  });

  it('accepts valid data and reports what is wrong with invalid data', () => {
    expect(validatePublicEvent('EmployeeRegistered.v1', employee)).toEqual({ ok: true });
    const invalid = validatePublicEvent('EmployeeRegistered.v1', { ...employee, nip: '123', status: 'HONORER' });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.errors.join(' ')).toMatch(/nip.*pattern|pattern.*nip|\/nip/);
    expect(validatePublicEvent('Nope.v1', {}).ok).toBe(false);
  });

  it('lets a consumer accept fields added later, but holds a producer to the documented fields', () => {
    const later = { ...employee, jabatan: 'Analis Kebijakan' };
    expect(validatePublicEvent('EmployeeRegistered.v1', later, 'consume')).toEqual({ ok: true });
    const produced = validatePublicEvent('EmployeeRegistered.v1', later, 'produce');
    expect(produced.ok).toBe(false);
    if (!produced.ok) expect(produced.errors.join(' ')).toContain('jabatan');
  });

  it('round-trips the CloudEvents binary-mode headers and rejects a broken envelope', () => {
    const headers = toCloudEventHeaders({
      id: '0b7c1c0e-6a43-5b8e-9a4f-0f6f3f0c8a11',
      type: 'EmployeeRegistered.v1',
      source: '/kinerja/work-planning',
      time: '2026-01-05T03:04:05.000Z',
      subject: employee.nip,
      correlationId: 'c-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(headers).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json', ce_subject: employee.nip });
    const parsed = fromCloudEventHeaders(headers);
    expect(parsed.ok && parsed.envelope.type).toBe('EmployeeRegistered.v1');
    expect(fromCloudEventHeaders({ ...headers, ce_specversion: '0.3' }).ok).toBe(false);
    const { ce_id: _id, ...withoutId } = headers;
    expect(fromCloudEventHeaders(withoutId)).toEqual({ ok: false, error: 'missing header ce_id' });
  });
});

describe('asyncApiDocument', () => {
  it('lists every contract on its topic with its schema, key and envelope headers', () => {
    const doc = asyncApiDocument() as any;
    expect(doc.asyncapi).toBe('3.0.0');
    for (const contract of CONTRACTS) {
      expect(doc.channels[contract.topic].messages[contract.type]).toEqual({ $ref: `#/components/messages/${contract.type}` });
      expect(doc.components.messages[contract.type].payload).toBe(contract.schema);
      expect(doc.components.messages[contract.type].headers.required).toContain('ce_id');
    }
  });
});
