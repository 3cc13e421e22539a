import { actorFor, deciderSpec } from '@kinerja/testing';
import { CITIZEN } from '../citizen/citizen-actor';
import { DEFAULT_IKM_RULE_SET, IkmRuleSet, UNSUR } from '../ikm/ikm.rules';
import { SubmitSurveyResponse, surveyDecider, SurveyCommand } from './survey.decider';
import { SurveyEvent } from './survey.events';

const TARGET = { unitId: 'u-mpp', periodId: '2026-S1' };
const ROUNDED: IkmRuleSet = { ...DEFAULT_IKM_RULE_SET, version: 'rounded-0.111', weighting: { kind: 'DECIMAL', perUnsur: '0.111' } };
const at = (iso: string, actor = actorFor('e-admin')) => ({ now: new Date(iso), actor });

const open: SurveyCommand = { type: 'OpenSurveyPeriod', data: { ...TARGET, openedBy: 'e-admin' }, lookups: { unit: { unitId: 'u-mpp', agencyId: 'a-dpmptsp' } }, metadata: at('2026-01-02T01:00:00Z') };
const everyUnsur = (score: number) => Object.fromEntries(UNSUR.map((u) => [u, score]));
const respond = (responseId: string, answers: Record<string, unknown>, channel: SubmitSurveyResponse['data']['channel'] = 'WEB_FORM'): SurveyCommand => ({
  type: 'SubmitSurveyResponse',
  data: { ...TARGET, responseId, answers, channel },
  metadata: at('2026-03-01T02:00:00Z', CITIZEN),
});
const close = (ruleSet: IkmRuleSet = DEFAULT_IKM_RULE_SET): SurveyCommand => ({ type: 'CloseSurveyPeriod', data: { ...TARGET, closedBy: 'e-admin' }, lookups: { ruleSet }, metadata: at('2026-07-01T01:00:00Z') });
const recompute = (ruleSet: IkmRuleSet): SurveyCommand => ({ type: 'RecomputeIkm', data: TARGET, lookups: { ruleSet }, metadata: at('2026-07-10T01:00:00Z') });

const { given } = deciderSpec(surveyDecider);
const then = (events: SurveyEvent[], command: SurveyCommand) => [...events, ...given(...events).when(command).events()];

const opened = given().when(open).events();
const withAnswers = then(then(opened, respond('r-1', everyUnsur(4))), respond('r-2', { ...everyUnsur(3), U4: null }));
const closed = then(withAnswers, close());

describe('SKM survey decider', () => {
  describe('given no survey period', () => {
    it('opens one for a known unit', () => {
      expect(opened).toEqual([{ type: 'SurveyPeriodOpened', data: { ...TARGET, agencyId: 'a-dpmptsp', openedBy: 'e-admin', openedAt: '2026-01-02T01:00:00.000Z' } }]);
    });

    it('refuses an unknown unit', () => {
      const unknown = { ...open, lookups: { unit: null } } as SurveyCommand;
      expect(given().when(unknown).error()).toMatchObject({ kind: 'invalid', code: 'UNKNOWN_UNIT' });
    });

    it.each([respond('r-1', everyUnsur(4)), close(), recompute(DEFAULT_IKM_RULE_SET)])('answers not found to $type', (command) => {
      expect(given().when(command).error()).toMatchObject({ kind: 'not_found', code: 'SURVEY_PERIOD_NOT_FOUND' });
    });
  });

  describe('given an open period', () => {
    it('records a response, leaving unanswered unsur out', () => {
      expect(given(...opened).when(respond('r-1', { U1: 4, U2: null, U3: 2 }, 'QR_COUNTER')).events()).toEqual([
        {
          type: 'SurveyResponseRecorded',
          data: { ...TARGET, responseId: 'r-1', answers: { U1: 4, U3: 2 }, channel: 'QR_COUNTER', late: false, recordedAt: '2026-03-01T02:00:00.000Z' },
        },
      ]);
    });

    it.each([
      [{ U1: 5 }, 'SCORE_OUT_OF_RANGE'],
      [{ U1: 0 }, 'SCORE_OUT_OF_RANGE'],
      [{ U11: 3 }, 'UNKNOWN_UNSUR'],
      [{}, 'NO_ANSWERS'],
    ])('rejects the answers %j', (answers, code) => {
      expect(given(...opened).when(respond('r-1', answers)).error()).toMatchObject({ kind: 'invalid', code });
    });

    it('rejects an unknown channel', () => {
      expect(given(...opened).when(respond('r-1', everyUnsur(3), 'TELEGRAM' as never)).error()).toMatchObject({ kind: 'invalid', code: 'UNKNOWN_CHANNEL' });
    });

    it('records a response only once', () => {
      expect(given(...withAnswers).when(respond('r-1', everyUnsur(1))).error()).toMatchObject({ kind: 'conflict', code: 'RESPONSE_ALREADY_RECORDED' });
    });

    it('cannot be opened twice, nor recomputed before closing', () => {
      expect(given(...opened).when(open).error()).toMatchObject({ kind: 'conflict', code: 'SURVEY_PERIOD_EXISTS' });
      expect(given(...opened).when(recompute(DEFAULT_IKM_RULE_SET)).error()).toMatchObject({ kind: 'conflict', code: 'SURVEY_PERIOD_OPEN' });
    });

    it('closes with the IKM over the responses (revision 1), NRR over filled answers', () => {
      // U4: 4 (one answer); the rest (4 + 3) / 2 = 3.5 → (8 × 3.5 + 4) / 9 × 25 = 88.888… → 88.89 A
      const [closedEvent, ikm] = given(...withAnswers).when(close()).events();
      expect(closedEvent).toEqual({
        type: 'SurveyPeriodClosed',
        data: { ...TARGET, closedBy: 'e-admin', respondentCount: 2, ruleSet: DEFAULT_IKM_RULE_SET, closedAt: '2026-07-01T01:00:00.000Z' },
      });
      expect(ikm).toMatchObject({
        type: 'IkmComputed',
        data: { ...TARGET, agencyId: 'a-dpmptsp', revision: 1, trigger: 'PERIOD_CLOSED', ikm: '88.89', grade: 'A', label: 'Sangat Baik', respondentCount: 2, weight: '1/9' },
      });
      expect(ikm.type === 'IkmComputed' && ikm.data.perUnsur[3]).toEqual({ unsur: 'U4', answered: 1, sum: 4, nrr: '4.0000' });
    });

    it('closes without an IKM when nobody answered', () => {
      expect(given(...opened).when(close()).events()[1]).toMatchObject({ type: 'IkmNotComputed', data: { revision: 1, reason: 'NO_RESPONSES', respondentCount: 0 } });
    });

    it('closes without an IKM when an unsur has no answer at all', () => {
      const history = then(opened, respond('r-1', { U1: 4 }));
      expect(given(...history).when(close()).events()[1]).toMatchObject({ type: 'IkmNotComputed', data: { reason: 'UNSUR_WITHOUT_ANSWERS', unsurWithoutAnswers: ['U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] } });
    });
  });

  describe('given a closed period', () => {
    it('cannot be closed again', () => {
      expect(given(...closed).when(close()).error()).toMatchObject({ kind: 'conflict', code: 'SURVEY_PERIOD_CLOSED' });
    });

    it('records a late response and publishes a recomputed IKM as a new revision, under the rule set used at closing', () => {
      const events = given(...closed).when(respond('r-3', everyUnsur(1))).events();
      expect(events[0]).toMatchObject({ type: 'SurveyResponseRecorded', data: { responseId: 'r-3', late: true } });
      // U4: (4 + 1) / 2 = 2.5; others (4 + 3 + 1) / 3 = 2.666… → (8 × 8/3 + 2.5) / 9 × 25 = 66.2037… → 66.20 C
      expect(events[1]).toMatchObject({ type: 'IkmComputed', data: { revision: 2, trigger: 'LATE_RESPONSE', ikm: '66.20', grade: 'C', respondentCount: 3, weight: '1/9' } });
    });

    it('keeps the closing rule set across a replay of the stream', () => {
      const closedRounded = then(withAnswers, close(ROUNDED));
      const replayed = JSON.parse(JSON.stringify(closedRounded)) as SurveyEvent[];
      expect(given(...replayed).when(respond('r-3', everyUnsur(4))).events()[1]).toMatchObject({ data: { weight: '0.111', ruleSetVersion: 'rounded-0.111', revision: 2 } });
    });

    it('recomputes under a changed rule set as a new revision, reporting the weight used', () => {
      const first = given(...closed).when(recompute(ROUNDED)).events();
      expect(first).toEqual([expect.objectContaining({ type: 'IkmComputed', data: expect.objectContaining({ revision: 2, trigger: 'RULE_SET_CHANGED', weight: '0.111', ikm: '88.80' }) })]);
      expect(given(...closed, ...first).when(respond('r-3', everyUnsur(4))).events()[1]).toMatchObject({ data: { revision: 3, weight: '0.111' } });
    });

    it('turns a not-computable period into a result once late answers complete it', () => {
      const empty = then(opened, close());
      expect(given(...empty).when(respond('r-1', everyUnsur(2))).events()[1]).toMatchObject({ type: 'IkmComputed', data: { revision: 2, ikm: '50.00', grade: 'D' } });
    });
  });
});
