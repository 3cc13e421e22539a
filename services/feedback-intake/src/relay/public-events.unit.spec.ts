import { validatePublicEvent } from '@kinerja/contracts';
import type { RecordedEvent } from '@kinerja/event-store';
import { toPublicEvents } from './public-events';

const recorded = (type: string, data: unknown): RecordedEvent =>
  ({ id: 'e1', stream: 's', revision: 0, position: '1', type, data, metadata: {}, recordedAt: new Date('2026-03-10T03:00:00Z'), hash: '', previousHash: null }) as unknown as RecordedEvent;

describe('feedback-intake relay mapping (internal → public)', () => {
  it('publishes citizen feedback without contact reference, comment text or forwarding officer', () => {
    const [draft] = toPublicEvents(
      recorded('CitizenFeedbackReceived', {
        feedbackId: 'f1',
        agencyId: 'DINKES',
        unitId: 'PUSKESMAS-1',
        counterId: 'LOKET-1',
        employeeId: null,
        rating: 2,
        comment: 'Nomor saya 0812-3456-7890, tolong hubungi.',
        channel: 'QR_COUNTER',
        forwardedBy: null,
        contactRef: '2c1d6a8e-5b7f-4d1e-9a3b-8c7d6e5f4a3b',
        receivedAt: '2026-03-10T03:00:00.000Z',
      }),
    );
    expect(draft).toEqual({
      type: 'FeedbackReceived.v1',
      data: { feedbackId: 'f1', agencyId: 'DINKES', unitId: 'PUSKESMAS-1', counterId: 'LOKET-1', rating: 2, channel: 'QR_COUNTER', hasComment: true, receivedAt: '2026-03-10T03:00:00.000Z' },
    });
    expect(validatePublicEvent(draft.type, draft.data, 'produce')).toEqual({ ok: true });
  });

  it('publishes resolutions, breaches and IKM results without free text, valid against their schemas', () => {
    const drafts = [
      ...toPublicEvents(
        recorded('ComplaintResolved', { complaintId: 'c1', unitId: 'U', category: 'PELAYANAN', resolution: 'Pak Budi sudah ditegur.', resolvedBy: '1', resolvedAt: '2026-03-10T03:00:00.000Z', withinSla: true }),
      ),
      ...toPublicEvents(recorded('ComplaintSlaBreached', { complaintId: 'c1', unitId: 'U', category: 'PELAYANAN', dueAt: '2026-03-17T17:00:00.000Z', detectedAt: '2026-03-17T17:00:01.000Z' })),
      ...toPublicEvents(
        recorded('IkmComputed', {
          unitId: 'U',
          periodId: '2026',
          agencyId: 'A',
          revision: 1,
          trigger: 'PERIOD_CLOSED',
          ikm: '76.61',
          ikmHundredths: 7661,
          unrounded: '76.608187',
          grade: 'B',
          label: 'Baik',
          respondentCount: 19,
          weight: '1/9',
          ruleSetVersion: 'v',
          perUnsur: [],
          ruleSet: {},
          computedAt: '2026-03-10T03:00:00.000Z',
        }),
      ),
      ...toPublicEvents(
        recorded('ContinuousFeedbackGiven', {
          feedbackId: 'f',
          periodId: '2026',
          employeeId: '199003152015031002',
          agencyId: 'A',
          giverId: '198001012005011001',
          source: 'PEJABAT_PENILAI',
          topic: { kind: 'BERAKHLAK', value: 'AKUNTABEL' },
          content: 'Isi umpan balik tetap di layanan ini.',
          evidence: [{ ref: 'x', description: null }],
          givenAt: '2026-03-10T03:00:00.000Z',
        }),
      ),
    ];
    expect(drafts.map((d) => d.type)).toEqual(['ComplaintResolved.v1', 'ComplaintSlaBreached.v1', 'IkmComputed.v1', 'ContinuousFeedbackGiven.v1']);
    for (const draft of drafts) expect(validatePublicEvent(draft.type, draft.data, 'produce')).toEqual({ ok: true });
    expect(JSON.stringify(drafts)).not.toMatch(/Budi|Isi umpan balik|ruleSet"|unrounded/);
  });

  it('publishes a complaint\'s deadline, reopening and rejection for the notifier, without who complained, about whom or what they wrote', () => {
    const sla = { dueAt: '2026-03-17T17:00:00.000Z', policyVersion: 'p' };
    const drafts = [
      ...toPublicEvents(
        recorded('ComplaintReceived', {
          complaintId: 'c1', agencyId: 'A', unitId: 'U', category: 'PELAYANAN', channel: 'WEB_FORM', counterId: null, description: 'Pak Budi lambat melayani.',
          subjectEmployeeId: '199003152015031002', forwardedBy: null, contactRef: 'ref-1', trackingCodeHash: 'h', receivedAt: '2026-03-10T03:00:00.000Z', sla,
        }),
      ),
      ...toPublicEvents(recorded('ComplaintReopened', { complaintId: 'c1', reason: 'Belum selesai menurut Pak Budi', reopenedAt: '2026-03-12T03:00:00.000Z', sla })),
      ...toPublicEvents(recorded('ComplaintRejected', { complaintId: 'c2', reasonCode: 'OTHER', reason: 'Pak Budi', rejectedBy: '1', rejectedAt: '2026-03-12T03:00:00.000Z' })),
    ];
    expect(drafts).toEqual([
      { type: 'ComplaintReceived.v1', data: { complaintId: 'c1', agencyId: 'A', unitId: 'U', category: 'PELAYANAN', dueAt: sla.dueAt, receivedAt: '2026-03-10T03:00:00.000Z' } },
      { type: 'ComplaintReopened.v1', data: { complaintId: 'c1', dueAt: sla.dueAt, reopenedAt: '2026-03-12T03:00:00.000Z' } },
      { type: 'ComplaintRejected.v1', data: { complaintId: 'c2', rejectedAt: '2026-03-12T03:00:00.000Z' } },
    ]);
    for (const draft of drafts) expect(validatePublicEvent(draft.type, draft.data, 'produce')).toEqual({ ok: true });
    expect(JSON.stringify(drafts)).not.toMatch(/Budi|199003152015031002|ref-1/);
  });

  it('keeps every other internal event inside the service', () => {
    for (const type of ['ComplaintTriaged', 'ComplaintContactErased', 'CitizenFeedbackContactErased', 'SurveyResponseRecorded', 'ContinuousFeedbackResponded']) {
      expect(toPublicEvents(recorded(type, {}))).toEqual([]);
    }
  });
});
