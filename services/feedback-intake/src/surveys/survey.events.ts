import { DomainEvent } from '@kinerja/domain';
import { IkmResult, IkmRuleSet, SkmAnswers } from '../ikm/ikm.rules';

/** Internal events of one unit's SKM for one period, stream `skm-<unitId>-<periodId>`. */

/** Paper questionnaires are typed in by staff; the rest are the respondent's own. */
export type SurveyChannel = 'WEB_FORM' | 'QR_COUNTER' | 'KIOSK' | 'PAPER_FORM';
export const SURVEY_CHANNELS: readonly SurveyChannel[] = ['WEB_FORM', 'QR_COUNTER', 'KIOSK', 'PAPER_FORM'];

/** What caused a (re)computation of the IKM. */
export type IkmTrigger = 'PERIOD_CLOSED' | 'LATE_RESPONSE' | 'RULE_SET_CHANGED';

/** Which unit's period was computed, which revision, and why. */
interface IkmComputation {
  unitId: string;
  periodId: string;
  agencyId: string;
  revision: number;
  trigger: IkmTrigger;
}

interface IkmComputedWith {
  /** The whole rule set applied, so a late answer is recomputed under the same rules after a replay. */
  ruleSet: IkmRuleSet;
  computedAt: string;
}

export type SurveyPeriodOpened = DomainEvent<
  'SurveyPeriodOpened',
  { unitId: string; periodId: string; agencyId: string; openedBy: string; openedAt: string }
>;

export type SurveyResponseRecorded = DomainEvent<
  'SurveyResponseRecorded',
  { unitId: string; periodId: string; responseId: string; answers: SkmAnswers; channel: SurveyChannel; late: boolean; recordedAt: string }
>;

export type SurveyPeriodClosed = DomainEvent<
  'SurveyPeriodClosed',
  { unitId: string; periodId: string; closedBy: string; respondentCount: number; ruleSet: IkmRuleSet; closedAt: string }
>;

/** Each result of a period has a revision: 1 at closing, +1 on every recomputation. */
export type IkmComputed = DomainEvent<
  'IkmComputed',
  IkmComputation & Omit<Extract<IkmResult, { kind: 'COMPUTED' }>, 'kind'> & IkmComputedWith
>;

export type IkmNotComputed = DomainEvent<
  'IkmNotComputed',
  IkmComputation & Omit<Extract<IkmResult, { kind: 'NOT_COMPUTABLE' }>, 'kind'> & IkmComputedWith
>;

export type SurveyEvent = SurveyPeriodOpened | SurveyResponseRecorded | SurveyPeriodClosed | IkmComputed | IkmNotComputed;

export const surveyStreamId = (unitId: string, periodId: string): string => `skm-${unitId}-${periodId}`;
