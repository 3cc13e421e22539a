import { actorFor, deciderSpec } from '@kinerja/testing';
import { CITIZEN } from '../citizen/citizen-actor';
import { DEFAULT_CALENDAR_WIB_2026, EXAMPLE_SLA_POLICY } from '../sla/sla-policy.rules';
import {
  complaintDecider,
  ComplaintCommand,
  ReceiveComplaint,
  SlaConfig,
} from './complaint.decider';
import { ComplaintEvent, ComplaintReceived } from './complaint.events';

const SLA: SlaConfig = { policy: EXAMPLE_SLA_POLICY, calendar: DEFAULT_CALENDAR_WIB_2026 };
const ID = 'c-1';
const CODE = 'hash-of-tracking-code';
const INTAKE = { employeeId: 'e-desk', unitId: 'u-dukcapil' };
const ASSIGNED = { employeeId: 'e-ktp', unitId: 'u-ktp' };
const OTHER = { employeeId: 'e-x', unitId: 'u-other' };
const TEXT = { textMaxLength: 500 };
const UNIT = { unitId: 'u-dukcapil', agencyId: 'a-disdukcapil', counterIds: ['loket-ktp'] };

/** Friday 9 January 2026, 18:00 WIB; PELAYANAN has 5 working days → due Tue 20 Jan 00:00 WIB. */
const RECEIVED_AT = new Date('2026-01-09T11:00:00Z');
const DUE_AT = '2026-01-19T17:00:00.000Z';
const BEFORE_DUE = new Date('2026-01-19T16:59:59.999Z');
const AFTER_DUE = new Date('2026-01-20T02:00:00Z');

const OFFICER = actorFor('e-desk');
const at = (iso: string | Date, actor = OFFICER) => ({ now: new Date(iso), actor });

function receive(overrides: Partial<ReceiveComplaint['data']> & { lookups?: Partial<ReceiveComplaint['lookups']> } = {}, now: Date = RECEIVED_AT): ReceiveComplaint {
  const { lookups, ...data } = overrides;
  return {
    type: 'ReceiveComplaint',
    data: {
      complaintId: ID,
      unitId: 'u-dukcapil',
      category: 'PELAYANAN',
      channel: 'WEB_FORM',
      description: 'Antrean KTP-el tidak bergerak selama tiga jam.',
      contactRef: 'contact-7f3a',
      trackingCodeHash: CODE,
      ...data,
    },
    lookups: { unit: UNIT, sla: SLA, descriptionMaxLength: 2000, ...lookups },
    metadata: { now, actor: CITIZEN },
  };
}

const { given } = deciderSpec(complaintDecider);

const received = given().when(receive()).events() as [ComplaintReceived];
const anonymous = given().when(receive({ contactRef: null })).events() as [ComplaintReceived];
const triaged: ComplaintEvent = {
  type: 'ComplaintTriaged',
  data: { complaintId: ID, assignee: { kind: 'UNIT', unitId: 'u-ktp' }, triagedBy: 'e-desk', note: null, triagedAt: '2026-01-12T01:00:00.000Z' },
};
const started: ComplaintEvent = { type: 'ComplaintWorkStarted', data: { complaintId: ID, startedBy: 'e-ktp', startedAt: '2026-01-12T02:00:00.000Z' } };
const resolved: ComplaintEvent = {
  type: 'ComplaintResolved',
  data: { complaintId: ID, unitId: 'u-dukcapil', category: 'PELAYANAN', resolution: 'Loket tambahan dibuka.', resolvedBy: 'e-ktp', resolvedAt: '2026-01-13T03:00:00.000Z', withinSla: true },
};
const rejected: ComplaintEvent = {
  type: 'ComplaintRejected',
  data: { complaintId: ID, reasonCode: 'DUPLICATE', reason: 'Sama dengan pengaduan c-0.', rejectedBy: 'e-desk', rejectedAt: '2026-01-12T03:00:00.000Z' },
};
const breached: ComplaintEvent = {
  type: 'ComplaintSlaBreached',
  data: { complaintId: ID, unitId: 'u-dukcapil', category: 'PELAYANAN', dueAt: DUE_AT, detectedAt: DUE_AT },
};

const triage = (
  assignee: { kind: 'UNIT'; unitId: string } | { kind: 'EMPLOYEE'; unitId: string; employeeId: string },
  employeeUnit?: string,
  unitKnown = true,
): ComplaintCommand => ({
  type: 'TriageComplaint',
  data: {
    complaintId: ID,
    assignee,
    triagedBy: 'e-desk',
  },
  lookups: {
    assigneeUnit: unitKnown ? { unitId: assignee.unitId } : null,
    ...(assignee.kind === 'EMPLOYEE' ? { assigneeEmployee: { employeeId: assignee.employeeId, unitId: employeeUnit ?? assignee.unitId } } : {}),
    ...TEXT,
  },
  metadata: at('2026-01-12T01:00:00Z'),
});
const start = (officer = ASSIGNED, now: Date = new Date('2026-01-12T02:00:00Z')): ComplaintCommand => ({
  type: 'StartComplaintWork',
  data: { complaintId: ID, officer },
  metadata: { now, actor: actorFor(officer.employeeId) },
});
const resolve = (now: Date, resolution = 'Loket tambahan dibuka.'): ComplaintCommand => ({
  type: 'ResolveComplaint',
  data: { complaintId: ID, officer: ASSIGNED, resolution },
  lookups: TEXT,
  metadata: { now, actor: actorFor(ASSIGNED.employeeId) },
});
const reject = (officer = INTAKE, now: Date = new Date('2026-01-12T03:00:00Z')): ComplaintCommand => ({
  type: 'RejectComplaint',
  data: { complaintId: ID, officer, reasonCode: 'DUPLICATE', reason: 'Sama dengan pengaduan c-0.' },
  lookups: TEXT,
  metadata: { now, actor: actorFor(officer.employeeId) },
});
const confirm = (trackingCodeHash = CODE): ComplaintCommand => ({ type: 'ConfirmComplaintOutcome', data: { complaintId: ID, trackingCodeHash }, metadata: at('2026-01-14T01:00:00Z', CITIZEN) });
const reopen = (now = new Date('2026-01-14T01:00:00Z'), reopenWindowDays?: number, trackingCodeHash = CODE): ComplaintCommand => ({
  type: 'ReopenComplaint',
  data: { complaintId: ID, trackingCodeHash, reason: 'Antrean masih macet.' },
  lookups: { sla: SLA, textMaxLength: 500, reopenWindowDays },
  metadata: { now, actor: CITIZEN },
});
const markBreached = (now: Date): ComplaintCommand => ({ type: 'MarkSlaBreached', data: { complaintId: ID }, metadata: { now, actor: actorFor('feedback-intake.sla-scheduler', 'SYSTEM') } });
const eraseByComplainant = (trackingCodeHash = CODE): ComplaintCommand => ({
  type: 'EraseComplaintContact',
  data: { complaintId: ID, requestedBy: { kind: 'COMPLAINANT', trackingCodeHash } },
  metadata: at('2026-02-01T00:00:00Z', CITIZEN),
});

describe('complaint (pengaduan) decider', () => {
  describe('given no complaint', () => {
    it('receives it with the SLA deadline computed from the category and calendar', () => {
      expect(received).toEqual([
        {
          type: 'ComplaintReceived',
          data: {
            complaintId: ID,
            agencyId: 'a-disdukcapil',
            unitId: 'u-dukcapil',
            category: 'PELAYANAN',
            channel: 'WEB_FORM',
            counterId: null,
            description: 'Antrean KTP-el tidak bergerak selama tiga jam.',
            subjectEmployeeId: null,
            forwardedBy: null,
            contactRef: 'contact-7f3a',
            trackingCodeHash: CODE,
            receivedAt: '2026-01-09T11:00:00.000Z',
            sla: {
              workingDays: 5,
              dueOn: '2026-01-19',
              dueAt: DUE_AT,
              timeZone: 'Asia/Jakarta',
              calendarVersion: DEFAULT_CALENDAR_WIB_2026.version,
              policyVersion: EXAMPLE_SLA_POLICY.version,
            },
          },
        },
      ]);
    });

    it('carries only an opaque contact reference, never contact details', () => {
      expect(JSON.stringify(received)).not.toMatch(/email|phone|telepon|alamat|name/i);
    });

    it('accepts a complaint from a counter QR code', () => {
      expect(given().when(receive({ channel: 'QR_COUNTER', counterId: 'loket-ktp' })).events()[0].data).toMatchObject({ channel: 'QR_COUNTER', counterId: 'loket-ktp' });
    });

    it('accepts an anonymous complaint and one forwarded by an officer naming an employee', () => {
      expect(anonymous[0].data.contactRef).toBeNull();
      const [event] = given().when(receive({
          channel: 'FORWARDED_MESSAGE',
          forwardedBy: 'e-desk',
          subjectEmployeeId: 'e-ktp',
          lookups: { unit: UNIT, subjectEmployee: { employeeId: 'e-ktp', unitId: 'u-ktp' } },
        })).events();
      expect(event.data).toMatchObject({ channel: 'FORWARDED_MESSAGE', forwardedBy: 'e-desk', subjectEmployeeId: 'e-ktp' });
    });

    it.each([
      ['an unknown unit', receive({ lookups: { unit: null } }), 'UNKNOWN_UNIT', 'unitId'],
      ['an unknown category', receive({ category: 'ASAL' }), 'UNKNOWN_CATEGORY', 'category'],
      ['a category inherited from Object', receive({ category: 'toString' }), 'UNKNOWN_CATEGORY', 'category'],
      ['a QR code without its counter', receive({ channel: 'QR_COUNTER' }), 'COUNTER_REQUIRED', 'counterId'],
      ['a counter of another unit', receive({ channel: 'QR_COUNTER', counterId: 'loket-9' }), 'UNKNOWN_COUNTER', 'counterId'],
      ['an empty description', receive({ description: '   ' }), 'DESCRIPTION_REQUIRED', 'description'],
      ['an oversized description', receive({ description: 'x'.repeat(2001) }), 'DESCRIPTION_TOO_LONG', 'description'],
      ['a forwarded message without the officer', receive({ channel: 'FORWARDED_MESSAGE' }), 'FORWARDER_REQUIRED', 'forwardedBy'],
      ['a web form naming a forwarder', receive({ forwardedBy: 'e-desk' }), 'FORWARDER_NOT_ALLOWED', 'forwardedBy'],
      ['an unknown channel', receive({ channel: 'FAX' as never }), 'UNKNOWN_CHANNEL', 'channel'],
      ['an unknown employee', receive({ subjectEmployeeId: 'e-ghost', lookups: { unit: UNIT, subjectEmployee: null } }), 'UNKNOWN_EMPLOYEE', 'subjectEmployeeId'],
      ['no tracking code', receive({ trackingCodeHash: '' }), 'TRACKING_CODE_REQUIRED', 'trackingCodeHash'],
    ])('rejects %s', (_label, command, code, field) => {
      expect(given().when(command).error()).toMatchObject({ kind: 'invalid', code, field });
    });

    it.each([triage({ kind: 'UNIT', unitId: 'u-ktp' }), start(), markBreached(AFTER_DUE), confirm(), eraseByComplainant()])('answers not found to $type', (command) => {
      expect(given().when(command).error()).toMatchObject({ kind: 'not_found', code: 'COMPLAINT_NOT_FOUND' });
    });
  });

  describe('given a received complaint', () => {
    const history = [...received];

    it('cannot be received twice', () => {
      expect(given(...history).when(receive()).error()).toMatchObject({ kind: 'conflict', code: 'COMPLAINT_ALREADY_RECEIVED' });
    });

    it('is triaged to a unit or to an employee of that unit', () => {
      expect(given(...history).when(triage({ kind: 'UNIT', unitId: 'u-ktp' })).events()).toEqual([triaged]);
      expect(given(...history).when(triage({ kind: 'EMPLOYEE', unitId: 'u-ktp', employeeId: 'e-ktp' })).events()[0].data).toMatchObject({
        assignee: { kind: 'EMPLOYEE', unitId: 'u-ktp', employeeId: 'e-ktp' },
      });
    });

    it('refuses to triage to an unknown unit or an employee of another unit', () => {
      expect(given(...history).when(triage({ kind: 'UNIT', unitId: 'u-ktp' }, undefined, false)).error()).toMatchObject({ kind: 'invalid', code: 'UNKNOWN_UNIT' });
      expect(given(...history).when(triage({ kind: 'EMPLOYEE', unitId: 'u-ktp', employeeId: 'e-ktp' }, 'u-other')).error()).toMatchObject({ kind: 'invalid', code: 'EMPLOYEE_NOT_IN_UNIT' });
    });

    it('cannot start work before triage', () => {
      expect(given(...history).when(start()).error()).toMatchObject({ kind: 'conflict', code: 'TRANSITION_NOT_ALLOWED' });
    });

    it('is rejected with a reason by the receiving unit, not by another unit', () => {
      expect(given(...history).when(reject()).events()).toEqual([rejected]);
      expect(given(...history).when(reject(OTHER)).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_ASSIGNED_UNIT' });
    });

    it('needs a known reason code and a reason text to reject', () => {
      const base = reject() as Extract<ComplaintCommand, { type: 'RejectComplaint' }>;
      expect(given(...history).when({ ...base, data: { ...base.data, reasonCode: 'BOSAN' as never } }).error()).toMatchObject({ code: 'UNKNOWN_REASON_CODE' });
      expect(given(...history).when({ ...base, data: { ...base.data, reason: '' } }).error()).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    });

    it('records the breach of a rejection made after the deadline before the rejection', () => {
      expect(given(...history).when(reject(INTAKE, AFTER_DUE)).events().map((e) => e.type)).toEqual(['ComplaintSlaBreached', 'ComplaintRejected']);
    });
  });

  describe('SLA breach (MarkSlaBreached from the scheduler)', () => {
    it('is not due before the deadline instant', () => {
      expect(given(...received).when(markBreached(BEFORE_DUE)).error()).toMatchObject({ kind: 'conflict', code: 'SLA_NOT_YET_DUE' });
    });

    it('emits the breach once at the deadline, and nothing the second time', () => {
      const first = given(...received).when(markBreached(new Date(DUE_AT))).events();
      expect(first).toEqual([{ ...breached, data: { ...breached.data, detectedAt: DUE_AT } }]);
      expect(given(...received, ...first).when(markBreached(AFTER_DUE)).events()).toEqual([]);
    });

    it('breaches while triaged or in progress too', () => {
      expect(given(...received, triaged, started).when(markBreached(AFTER_DUE)).events().map((e) => e.type)).toEqual(['ComplaintSlaBreached']);
    });

    it('emits nothing once the complaint is resolved or rejected (the clock stopped)', () => {
      expect(given(...received, triaged, started, resolved).when(markBreached(AFTER_DUE)).events()).toEqual([]);
      expect(given(...received, rejected).when(markBreached(AFTER_DUE)).events()).toEqual([]);
    });
  });

  describe('given a triaged complaint', () => {
    const history = [...received, triaged];

    it('is started by an officer of the assigned unit', () => {
      expect(given(...history).when(start()).events()).toEqual([started]);
    });

    it('is not started by the receiving desk or another unit', () => {
      expect(given(...history).when(start(INTAKE)).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_ASSIGNED_UNIT' });
      expect(given(...history).when(start(OTHER)).error()).toMatchObject({ kind: 'forbidden' });
    });

    it('cannot be resolved before work starts', () => {
      expect(given(...history).when(resolve(BEFORE_DUE)).error()).toMatchObject({ kind: 'conflict', code: 'TRANSITION_NOT_ALLOWED' });
    });

    it('can be reassigned', () => {
      expect(given(...history).when(triage({ kind: 'EMPLOYEE', unitId: 'u-ktp', employeeId: 'e-ktp' })).events()[0].type).toBe('ComplaintTriaged');
    });
  });

  describe('given a complaint in progress', () => {
    const history = [...received, triaged, started];

    it('is resolved within the SLA', () => {
      expect(given(...history).when(resolve(new Date('2026-01-13T03:00:00Z'))).events()).toEqual([resolved]);
    });

    it('resolved late, it records the missed breach first and says it was not within the SLA', () => {
      const events = given(...history).when(resolve(AFTER_DUE)).events();
      expect(events.map((e) => e.type)).toEqual(['ComplaintSlaBreached', 'ComplaintResolved']);
      expect(events[1].data).toMatchObject({ withinSla: false });
    });

    it('resolved late after the scheduler recorded the breach, it does not record it again', () => {
      expect(given(...history, breached).when(resolve(AFTER_DUE)).events().map((e) => e.type)).toEqual(['ComplaintResolved']);
    });

    it('needs a resolution text within the limit', () => {
      expect(given(...history).when(resolve(BEFORE_DUE, '')).error()).toMatchObject({ kind: 'invalid', code: 'RESOLUTION_REQUIRED' });
      expect(given(...history).when(resolve(BEFORE_DUE, 'x'.repeat(501))).error()).toMatchObject({ kind: 'invalid', code: 'RESOLUTION_TOO_LONG' });
    });

    it('cannot be confirmed or reopened yet', () => {
      expect(given(...history).when(confirm()).error()).toMatchObject({ kind: 'conflict', code: 'TRANSITION_NOT_ALLOWED' });
      expect(given(...history).when(reopen()).error()).toMatchObject({ kind: 'conflict' });
    });
  });

  describe('given a resolved complaint', () => {
    const history = [...received, triaged, started, resolved];

    it('is confirmed by the complainant with the tracking code', () => {
      expect(given(...history).when(confirm()).events()).toEqual([{ type: 'ComplaintConfirmed', data: { complaintId: ID, outcome: 'RESOLVED', confirmedAt: '2026-01-14T01:00:00.000Z' } }]);
    });

    it('refuses a wrong tracking code', () => {
      expect(given(...history).when(confirm('wrong')).error()).toMatchObject({ kind: 'forbidden', code: 'TRACKING_CODE_MISMATCH' });
      expect(given(...history).when(reopen(undefined, undefined, 'wrong')).error()).toMatchObject({ kind: 'forbidden', code: 'TRACKING_CODE_MISMATCH' });
    });

    it('is reopened with a new deadline counted from the reopening', () => {
      // Wed 14 Jan 08:00 WIB: Thu 15, (Fri 16 holiday), Mon 19, 20, 21, Thu 22
      expect(given(...history).when(reopen()).events()).toEqual([
        {
          type: 'ComplaintReopened',
          data: {
            complaintId: ID,
            reason: 'Antrean masih macet.',
            reopenedAt: '2026-01-14T01:00:00.000Z',
            sla: expect.objectContaining({ workingDays: 5, dueOn: '2026-01-22', dueAt: '2026-01-22T17:00:00.000Z' }),
          },
        },
      ]);
    });

    it('is not reopened after the configured window', () => {
      expect(given(...history).when(reopen(new Date('2026-01-25T00:00:00Z'), 7)).error()).toMatchObject({ kind: 'conflict', code: 'REOPEN_WINDOW_PASSED' });
      expect(given(...history).when(reopen(new Date('2026-01-19T00:00:00Z'), 7)).events()).toHaveLength(1);
    });

    it('cannot be resolved again', () => {
      expect(given(...history).when(resolve(BEFORE_DUE)).error()).toMatchObject({ kind: 'conflict', code: 'TRANSITION_NOT_ALLOWED' });
    });
  });

  describe('given a rejected complaint', () => {
    const history = [...received, rejected];

    it('is confirmed as rejected, or reopened', () => {
      expect(given(...history).when(confirm()).events()[0].data).toMatchObject({ outcome: 'REJECTED' });
      expect(given(...history).when(reopen()).events()[0].type).toBe('ComplaintReopened');
    });
  });

  describe('given a reopened complaint', () => {
    const reopenedEvents = (earlier: ComplaintEvent[]) => [...earlier, ...given(...earlier).when(reopen()).events()];

    it('goes back to work with its assignment', () => {
      expect(given(...reopenedEvents([...received, triaged, started, resolved])).when(start(ASSIGNED, new Date('2026-01-15T01:00:00Z'))).events()[0].type).toBe('ComplaintWorkStarted');
    });

    it('needs triage first when it was rejected at intake', () => {
      expect(given(...reopenedEvents([...received, rejected])).when(start(INTAKE)).error()).toMatchObject({ kind: 'conflict', code: 'COMPLAINT_NOT_TRIAGED' });
    });

    it('can breach its new deadline once, even when the first one was breached', () => {
      const history = reopenedEvents([...received, triaged, started, breached, { ...resolved, data: { ...resolved.data, withinSla: false } }]);
      expect(given(...history).when(markBreached(AFTER_DUE)).error()).toMatchObject({ code: 'SLA_NOT_YET_DUE' });
      const newBreach = given(...history).when(markBreached(new Date('2026-01-22T17:00:00Z'))).events();
      expect(newBreach[0].data).toMatchObject({ dueAt: '2026-01-22T17:00:00.000Z' });
      expect(given(...history, ...newBreach).when(markBreached(new Date('2026-01-23T00:00:00Z'))).events()).toEqual([]);
    });
  });

  describe('given a confirmed complaint', () => {
    const history = [...received, triaged, started, resolved, ...given(...received, triaged, started, resolved).when(confirm()).events()];

    it('is final', () => {
      expect(given(...history).when(reopen()).error()).toMatchObject({ kind: 'conflict', code: 'TRANSITION_NOT_ALLOWED' });
      expect(given(...history).when(confirm()).error()).toMatchObject({ kind: 'conflict' });
      expect(given(...history).when(triage({ kind: 'UNIT', unitId: 'u-ktp' })).error()).toMatchObject({ kind: 'conflict' });
    });
  });

  describe('erasing the contact details', () => {
    it('records the erasure of the contact reference, asked by the complainant, in any state', () => {
      for (const history of [[...received], [...received, triaged, started, resolved, ...given(...received, triaged, started, resolved).when(confirm()).events()]]) {
        expect(given(...history).when(eraseByComplainant()).events()).toEqual([
          {
            type: 'ComplaintContactErased',
            data: { complaintId: ID, contactRef: 'contact-7f3a', requestedBy: 'COMPLAINANT', officerId: null, erasedAt: '2026-02-01T00:00:00.000Z' },
          },
        ]);
      }
    });

    it('is recorded once: asking again emits nothing', () => {
      const first = given(...received).when(eraseByComplainant()).events();
      expect(given(...received, ...first).when(eraseByComplainant()).events()).toEqual([]);
    });

    it('emits nothing for an anonymous complaint', () => {
      expect(given(...anonymous).when(eraseByComplainant()).events()).toEqual([]);
    });

    it('needs the tracking code from a complainant; an officer acts on a verified request', () => {
      expect(given(...received).when(eraseByComplainant('wrong')).error()).toMatchObject({ kind: 'forbidden', code: 'TRACKING_CODE_MISMATCH' });
      const byOfficer: ComplaintCommand = { type: 'EraseComplaintContact', data: { complaintId: ID, requestedBy: { kind: 'OFFICER', officerId: 'e-dpo' } }, metadata: at('2026-02-01T00:00:00Z') };
      expect(given(...received).when(byOfficer).events()[0].data).toMatchObject({ requestedBy: 'OFFICER', officerId: 'e-dpo' });
    });
  });

  it('folds a full history into the confirmed state', () => {
    const history = [...received, triaged, started, resolved, ...given(...received, triaged, started, resolved).when(confirm()).events()];
    const { state } = given(...history);
    expect(state).toMatchObject({ status: 'CONFIRMED', assignee: { kind: 'UNIT', unitId: 'u-ktp' }, slaBreached: false, dueAt: DUE_AT });
  });
});
