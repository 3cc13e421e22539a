import { actorFor } from '@kinerja/testing';
import { DomainEvent, Projection, project, Recorded } from '@kinerja/domain';
import { citizenFeedbackDecider, CitizenFeedbackCommand } from './citizen-feedback/citizen-feedback.decider';
import { citizenFeedbackViewProjection } from './citizen-feedback/get-citizen-feedback/citizen-feedback-view.projection';
import { complaintDecider, ComplaintCommand } from './complaints/complaint.decider';
import { complaintInboxProjection } from './complaints/get-complaint-inbox/complaint-inbox.projection';
import { complaintStatusProjection } from './complaints/get-complaint-status/complaint-status.projection';
import { dueComplaintProjection } from './complaints/get-due-complaints/due-complaint.projection';
import { DEFAULT_IKM_RULE_SET } from './ikm/ikm.rules';
import { DEFAULT_CALENDAR_WIB_2026, EXAMPLE_SLA_POLICY } from './sla/sla-policy.rules';
import { ikmResultProjection } from './surveys/get-ikm/ikm-result.projection';
import { surveyDecider, SurveyCommand } from './surveys/survey.decider';

const unit = { unitId: 'PKM-1', agencyId: 'DINKES', counterIds: [] };
const sla = { policy: EXAMPLE_SLA_POLICY, calendar: DEFAULT_CALENDAR_WIB_2026 };
const officer = { employeeId: '199003152015031002', unitId: 'PKM-1' };

/** Runs commands through a decider and records the events as the store would. */
function record<C, E extends DomainEvent, S>(decider: { initialState(): S; evolve(s: S, e: E): S; decide(c: C, s: S): E[] }, commands: C[], stream: string): Recorded[] {
  let state = decider.initialState();
  const out: Recorded[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      out.push({ ...event, id: `e${out.length}`, stream, revision: out.length, position: String(out.length), metadata: {}, recordedAt: new Date('2026-03-10T03:00:00Z') } as Recorded);
    }
  }
  return out;
}

const at = (iso: string) => ({ now: new Date(iso), actor: actorFor('e-officer') });
const complaintEvents = record(
  complaintDecider,
  [
    {
      type: 'ReceiveComplaint',
      data: { complaintId: 'c1', unitId: 'PKM-1', category: 'PELAYANAN', channel: 'WEB_FORM', description: 'Lama.', trackingCodeHash: 'h', contactRef: 'r' },
      lookups: { unit, sla, descriptionMaxLength: 100 },
      metadata: at('2026-03-10T03:00:00Z'),
    },
    { type: 'MarkSlaBreached', data: { complaintId: 'c1' }, metadata: at('2026-03-18T00:00:00Z') },
    { type: 'TriageComplaint', data: { complaintId: 'c1', assignee: { kind: 'UNIT', unitId: 'PKM-1' }, triagedBy: officer.employeeId }, lookups: { assigneeUnit: { unitId: 'PKM-1' }, textMaxLength: 100 }, metadata: at('2026-03-18T01:00:00Z') },
    { type: 'StartComplaintWork', data: { complaintId: 'c1', officer }, metadata: at('2026-03-18T02:00:00Z') },
    { type: 'ResolveComplaint', data: { complaintId: 'c1', officer, resolution: 'Selesai.' }, lookups: { textMaxLength: 100 }, metadata: at('2026-03-18T03:00:00Z') },
    { type: 'ReopenComplaint', data: { complaintId: 'c1', trackingCodeHash: 'h', reason: 'Belum.' }, lookups: { sla, textMaxLength: 100 }, metadata: at('2026-03-25T03:00:00Z') },
    { type: 'EraseComplaintContact', data: { complaintId: 'c1', requestedBy: { kind: 'COMPLAINANT', trackingCodeHash: 'h' } }, metadata: at('2026-03-25T04:00:00Z') },
  ] as ComplaintCommand[],
  'complaint-c1',
);
const surveyEvents = record(
  surveyDecider,
  [
    { type: 'OpenSurveyPeriod', data: { unitId: 'PKM-1', periodId: '2026', openedBy: 'a' }, lookups: { unit }, metadata: at('2026-01-02T00:00:00Z') },
    { type: 'SubmitSurveyResponse', data: { unitId: 'PKM-1', periodId: '2026', responseId: 'r1', answers: { U1: 3, U2: 3, U3: 3, U4: 3, U5: 3, U6: 3, U7: 3, U8: 3, U9: 4 }, channel: 'KIOSK' }, metadata: at('2026-02-01T00:00:00Z') },
    { type: 'CloseSurveyPeriod', data: { unitId: 'PKM-1', periodId: '2026', closedBy: 'a' }, lookups: { ruleSet: DEFAULT_IKM_RULE_SET }, metadata: at('2026-07-01T00:00:00Z') },
    { type: 'SubmitSurveyResponse', data: { unitId: 'PKM-1', periodId: '2026', responseId: 'r2', answers: { U1: 4 }, channel: 'WEB_FORM' }, metadata: at('2026-07-02T00:00:00Z') },
  ] as SurveyCommand[],
  'skm-PKM-1-2026',
);

const citizenFeedbackEvents = record(
  citizenFeedbackDecider,
  [
    {
      type: 'SubmitCitizenFeedback',
      data: { feedbackId: 'f1', unitId: 'PKM-1', rating: 4, comment: 'Ramah.', channel: 'WEB_FORM', employeeId: officer.employeeId, contactRef: 'contact-1' },
      lookups: { unit, employee: officer, commentMaxLength: 280 },
      metadata: at('2026-03-10T03:00:00Z'),
    },
    { type: 'EraseCitizenFeedbackContact', data: { feedbackId: 'f1' }, metadata: at('2026-03-11T03:00:00Z') },
  ] as CitizenFeedbackCommand[],
  'citizen-feedback-f1',
);

describe('read models: a replay gives the same rows', () => {
  it.each([
    ['citizen feedback', citizenFeedbackViewProjection, citizenFeedbackEvents],
    ['complaint inbox', complaintInboxProjection, complaintEvents],
    ['complaint status', complaintStatusProjection, complaintEvents],
    ['due complaints', dueComplaintProjection, complaintEvents],
    ['IKM per unit and period', ikmResultProjection, surveyEvents],
  ] as [string, Projection<unknown>, Recorded[]][])('%s: the events twice give the rows once', (_name, projection, events) => {
    const once = project(projection, events);
    expect(project(projection, [...events, ...events])).toEqual(once);
  });

  it('the inbox shows the reopened complaint with its new deadline and no complainant data', () => {
    const row = project(complaintInboxProjection, complaintEvents).get('c1') as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'REOPENED', dueOn: '2026-04-01', slaBreached: false, closedAt: null });
    expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['contactRef', 'trackingCodeHash']));
  });

  it('the scheduler list holds the complaint again after the reopening, with the new deadline', () => {
    expect([...project(dueComplaintProjection, complaintEvents).values()]).toEqual([{ complaintId: 'c1', dueAt: new Date('2026-04-01T17:00:00.000Z') }]);
    expect(project(complaintStatusProjection, complaintEvents).get('c1')).toMatchObject({ contactErased: true, status: 'REOPENED' });
  });

  it('IKM: the latest revision after a late answer', () => {
    expect(project(ikmResultProjection, surveyEvents).get('PKM-1/2026')).toMatchObject({ status: 'COMPUTED', revision: 2, responseCount: 2, respondentCount: 2 });
  });

  it("citizen feedback: the rating and comment for the employee named, never the citizen's contact", () => {
    const row = project(citizenFeedbackViewProjection, citizenFeedbackEvents).get('f1') as unknown as Record<string, unknown>;
    expect(row).toEqual({ feedbackId: 'f1', agencyId: 'DINKES', unitId: 'PKM-1', counterId: null, employeeId: officer.employeeId, rating: 4, comment: 'Ramah.', channel: 'WEB_FORM', receivedAt: new Date('2026-03-10T03:00:00Z') });
  });
});
