import { toCloudEventHeaders } from '@kinerja/contracts';
import { classify, RawMessage } from './message';

const NIP = '198503302010011002';

function message(type: string, data: unknown, headers: Record<string, string> = {}): RawMessage {
  return {
    topic: 'kinerja.work-planning.v1',
    partition: 3,
    offset: '17',
    timestamp: String(Date.parse('2026-02-01T00:00:00Z')),
    value: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)),
    headers: {
      ...toCloudEventHeaders({
        id: 'e94d7692-e937-5891-911b-d2d344b44bea',
        type,
        source: '/kinerja/work-planning',
        time: '2026-01-31T10:00:00.000Z',
        subject: NIP,
        correlationId: 'c-1',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      }),
      ...headers,
    },
  };
}

describe('classify', () => {
  it('accepts a used type whose data matches its schema', () => {
    expect(classify(message('EmployeeRegistered.v1', { nip: NIP, name: 'Siti', status: 'PNS', agencyId: 'DINKES' }))).toEqual({
      kind: 'event',
      ceId: 'e94d7692-e937-5891-911b-d2d344b44bea',
      type: 'EmployeeRegistered.v1',
      data: { nip: NIP, name: 'Siti', status: 'PNS', agencyId: 'DINKES' },
      time: '2026-01-31T10:00:00.000Z',
    });
  });

  it('tolerates fields a later v1 adds (tolerant reader)', () => {
    expect(classify(message('EmployeeRegistered.v1', { nip: NIP, name: 'Siti', status: 'PNS', agencyId: 'DINKES', newField: 1 })).kind).toBe('event');
  });

  it('ignores types it does not use, known or not, without parsing them', () => {
    expect(classify(message('AgencyRegistered.v1', 'not json'))).toEqual({ kind: 'ignored', type: 'AgencyRegistered.v1' });
    expect(classify(message('EmployeeRetired.v9', 'not json'))).toEqual({ kind: 'ignored', type: 'EmployeeRetired.v9' });
  });

  it('rejects a broken envelope, a value that is not JSON, and data its schema refuses', () => {
    expect(classify(message('EmployeeRegistered.v1', {}, { ce_specversion: '0.3' }))).toMatchObject({ kind: 'rejected', reason: 'envelope: unsupported ce_specversion 0.3' });
    expect(classify(message('EmployeeRegistered.v1', '{"nip":'))).toMatchObject({ kind: 'rejected', reason: 'value: not JSON', type: 'EmployeeRegistered.v1' });
    expect(classify(message('EmployeeRegistered.v1', { nip: '123', name: 'Siti', status: 'PNS', agencyId: 'DINKES' }))).toMatchObject({
      kind: 'rejected',
      reason: 'schema: /nip must match pattern "^[0-9]{18}$"',
    });
  });

  it('falls back to the message timestamp when ce_time is absent', () => {
    const m = message('UnitCreated.v1', { agencyId: 'DINKES', unitId: 'U1', name: 'Umum', parentUnitId: null });
    delete m.headers!.ce_time;
    expect(classify(m)).toMatchObject({ kind: 'event', time: '2026-02-01T00:00:00.000Z' });
  });
});
