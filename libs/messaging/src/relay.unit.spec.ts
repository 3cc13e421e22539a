import type { Checkpoint, RecordedEvent } from '@kinerja/event-store';
import { toPublicEvents } from './relay';
import { toOutgoingMessage } from './public-message';

const recorded = (id: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id,
  stream: `employee-${id}`,
  revision: 0,
  position: '1' as Checkpoint,
  type: 'EmployeeRegistered',
  data,
  metadata,
  recordedAt: new Date('2026-01-05T03:04:05.000Z'),
  hash: 'h',
  previousHash: null,
});

const employee = { nip: '198503302010011002', name: 'Siti Rahma', status: 'PNS', agencyId: 'dinkes' };

describe('toPublicEvents', () => {
  it('derives the same ce_id from the same internal event every time, and different ones otherwise', () => {
    const map = () => [{ type: 'EmployeeRegistered.v1', data: employee }, { type: 'AgencyRegistered.v1', data: { agencyId: 'dinkes', code: '1', name: 'Dinkes' } }];
    const [a1, b1] = toPublicEvents('work-planning', [recorded('e-1', employee)], map);
    const [a2] = toPublicEvents('work-planning', [recorded('e-1', employee)], map);
    const [a3] = toPublicEvents('work-planning', [recorded('e-2', employee)], map);
    expect(a1.id).toBe(a2.id);
    expect(a1.id).not.toBe(b1.id);
    expect(a1.id).not.toBe(a3.id);
    expect(a1.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keys by NIP, fills the envelope from the internal event and keeps the trace of its correlation', () => {
    const events = toPublicEvents('work-planning', [recorded('e-1', employee, { correlationId: 'c-9' }), recorded('e-2', employee, { correlationId: 'c-9' })], () => [
      { type: 'EmployeeRegistered.v1', data: employee },
    ]);
    expect(events[0]).toMatchObject({ key: employee.nip, source: '/kinerja/work-planning', time: '2026-01-05T03:04:05.000Z', correlationId: 'c-9' });
    expect(events[0].traceparent.slice(0, 35)).toBe(events[1].traceparent.slice(0, 35));
    expect(events[0].traceparent).not.toBe(events[1].traceparent);
    const message = toOutgoingMessage(events[0]);
    expect(JSON.parse(message.value.toString())).toEqual(employee);
    expect(message.headers).toMatchObject({ ce_id: events[0].id, ce_subject: employee.nip, ce_type: 'EmployeeRegistered.v1' });
  });

  it('refuses data its schema rejects, and another service’s contract', () => {
    expect(() => toPublicEvents('work-planning', [recorded('e-1', employee)], () => [{ type: 'EmployeeRegistered.v1', data: { ...employee, extra: 1 } }])).toThrow(/extra/);
    expect(() =>
      toPublicEvents('work-planning', [recorded('e-1', employee)], () => [{ type: 'EvaluationSubmitted.v1', data: {} }]),
    ).toThrow(/work-planning cannot publish EvaluationSubmitted.v1/);
  });
});
