import { parsePeriodId } from '../period-id';
import { actorFor } from '@kinerja/testing';
import { assertPublicEvent } from '@kinerja/contracts';
import { RecordedEvent } from '@kinerja/event-store';
import { fold } from '@kinerja/domain';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { evaluationDecider, SubmitEvaluation } from '../evaluations/evaluation.decider';
import { EvaluationEvent } from '../evaluations/evaluation.events';
import { project } from '@kinerja/domain';
import { evaluationViewProjection } from '../evaluations/get-evaluation/evaluation-view.projection';
import { openObjectionWindowProjection } from '../evaluations/get-open-objection-windows/open-objection-window.projection';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './public-events';

const PERIOD = { periodId: 'DINKES:2026:ANNUAL', code: 'ANNUAL', kind: 'ANNUAL' as const, name: 'Tahunan 2026', startDate: '2026-01-01', endDate: '2026-12-31', fillDeadline: '2027-01-10' };
const STAF = '199001012015011004';
const KAUMUM = '198001012005011003';
const SEK = '197001011995031002';
const ID = `${PERIOD.periodId}:${STAF}`;

function history(): EvaluationEvent[] {
  const submit: SubmitEvaluation = {
    type: 'SubmitEvaluation',
    data: { evaluationId: ID, ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Sesuai target.' },
    lookups: { employeeId: STAF, unitId: 'U-UMUM', period: PERIOD, pejabatPenilaiId: KAUMUM, ledUnit: null, facts: null, unitFinalized: false, ruleSet: RULE_SET_2022_1, timeZone: 'Asia/Jakarta' },
    metadata: { now: new Date('2027-01-05T03:00:00Z'), actor: actorFor(KAUMUM) },
  };
  const events: EvaluationEvent[] = [];
  const run = (command: Parameters<typeof evaluationDecider.decide>[0]) => events.push(...evaluationDecider.decide(command, fold(evaluationDecider, events)));
  run(submit);
  run({ type: 'FileObjection', data: { evaluationId: ID, reasons: 'Keberatan.' }, lookups: { atasanPejabatPenilaiId: SEK }, metadata: { now: new Date('2027-01-06T03:00:00Z'), actor: actorFor(STAF) } });
  for (const from of ['PEJABAT_PENILAI', 'PEGAWAI'] as const)
    run({ type: 'RequestExplanation', data: { evaluationId: ID, from, question: 'Mohon penjelasan.' }, metadata: { now: new Date('2027-01-07T03:00:00Z'), actor: actorFor(SEK) } });
  run({ type: 'GiveExplanation', data: { evaluationId: ID, from: 'PEGAWAI', explanation: 'Bukti terlampir.' }, metadata: { now: new Date('2027-01-08T03:00:00Z'), actor: actorFor(STAF) } });
  run({
    type: 'DecideObjection',
    data: { evaluationId: ID, outcome: 'CHANGE', ratingHasil: 'DI_ATAS', reasons: 'Bukti mendukung.' },
    lookups: { ruleSet: RULE_SET_2022_1 },
    metadata: { now: new Date('2027-01-09T03:00:00Z'), actor: actorFor(SEK) },
  });
  return events;
}

const recorded = (events: EvaluationEvent[]) =>
  events.map((e, i) => ({ ...e, id: `e${i}`, stream: `evaluation-${ID}`, revision: i, position: String(i + 1), metadata: {}, recordedAt: new Date('2027-01-09T03:00:00Z') }));

describe('evaluation relay mapping', () => {
  it('maps every relayed internal event to a public event that passes its schema in produce mode', () => {
    const published = recorded(history()).flatMap((e) => toPublicEvents(e as unknown as RecordedEvent));
    expect(published.map((p) => p.type)).toEqual(['EvaluationSubmitted.v1', 'PredicateSet.v1', 'ObjectionFiled.v1', 'ObjectionDecided.v1', 'PredicateFinalized.v1']);
    for (const p of published) expect(() => assertPublicEvent(p.type, p.data, 'produce')).not.toThrow();
    expect(published[4].data).toMatchObject({ nip: STAF, predicate: 'BAIK', ruleSetVersion: '2022.1', assessorId: KAUMUM, finalizedVia: 'OBJECTION_DECIDED' });
    // The agency and year travel beside the period id, so that no consumer parses it.
    const place = parsePeriodId(PERIOD.periodId)!;
    for (const p of published) expect(p.data).toMatchObject({ agencyId: place.agencyId, year: place.year });
    const orgSet = toPublicEvents({
      type: 'OrganisationPredicateSet',
      data: { unitEvaluationId: 'x', unitId: 'U-UMUM', periodId: PERIOD.periodId, predicate: 'BAIK', previousPredicate: null, basis: null, setBy: SEK, setAt: '2027-01-05T03:00:00.000Z' },
    } as unknown as RecordedEvent);
    expect(() => assertPublicEvent(orgSet[0].type, orgSet[0].data, 'produce')).not.toThrow();
    expect(RELAYED_EVENT_TYPES).not.toContain('ExplanationGiven');
  });
});

describe('evaluation read models', () => {
  it('give the same rows when the events are replayed twice', () => {
    const events = recorded(history());
    for (const projection of [evaluationViewProjection, openObjectionWindowProjection]) {
      const once = project(projection as never, events);
      expect(project(projection as never, [...events, ...events])).toEqual(once);
    }
    const row = project(evaluationViewProjection, events).get(ID);
    expect(row).toMatchObject({ status: 'FINALIZED', predicate: 'BAIK', ratingHasil: 'DI_ATAS', objection: { atasanId: SEK, decision: { outcome: 'CHANGE' } } });
    expect(row?.objection?.explanations).toHaveLength(2);
    expect(project(openObjectionWindowProjection, events).get(ID)).toBeNull();
  });
});
