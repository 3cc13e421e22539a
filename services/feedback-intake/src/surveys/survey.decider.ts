import { Command, conflict, Decider, invalid, notFound } from '@kinerja/domain';
import { computeIkmFromTally, addToSkmTally, emptySkmTally, IkmRuleSet, SkmAnswers, SkmTally, skmAnswersProblem } from '../ikm/ikm.rules';
import { IkmTrigger, SURVEY_CHANNELS, SurveyChannel, SurveyEvent } from './survey.events';

interface SurveyTarget {
  unitId: string;
  periodId: string;
}

export type OpenSurveyPeriod = Command<'OpenSurveyPeriod', SurveyTarget & { openedBy: string }, { unit: { unitId: string; agencyId: string } | null }>;

export type SubmitSurveyResponse = Command<
  'SubmitSurveyResponse',
  SurveyTarget & { responseId: string; answers: Readonly<Record<string, unknown>>; channel: SurveyChannel }
>;

/** `ruleSet` is the configured IKM rule set; it is kept for recomputations after late answers. */
export type CloseSurveyPeriod = Command<'CloseSurveyPeriod', SurveyTarget & { closedBy: string }, { ruleSet: IkmRuleSet }>;

/** After the configured rule set changed (e.g. the weight): a new revision under the new rules. */
export type RecomputeIkm = Command<'RecomputeIkm', SurveyTarget, { ruleSet: IkmRuleSet }>;

export type SurveyCommand = OpenSurveyPeriod | SubmitSurveyResponse | CloseSurveyPeriod | RecomputeIkm;

interface SurveyFacts extends SurveyTarget {
  agencyId: string;
  responseIds: readonly string[];
  tally: SkmTally;
}

export type SurveyState =
  | { status: 'EMPTY' }
  | (SurveyFacts & { status: 'OPEN' })
  | (SurveyFacts & { status: 'CLOSED'; ruleSet: IkmRuleSet; revision: number });

export const initialSurveyState = (): SurveyState => ({ status: 'EMPTY' });

export function evolveSurvey(state: SurveyState, event: SurveyEvent): SurveyState {
  switch (event.type) {
    case 'SurveyPeriodOpened': {
      const { unitId, periodId, agencyId } = event.data;
      return { status: 'OPEN', unitId, periodId, agencyId, responseIds: [], tally: emptySkmTally() };
    }
    case 'SurveyResponseRecorded':
      if (state.status === 'EMPTY') return state;
      return { ...state, responseIds: [...state.responseIds, event.data.responseId], tally: addToSkmTally(state.tally, event.data.answers) };
    case 'SurveyPeriodClosed':
      return state.status === 'OPEN' ? { ...state, status: 'CLOSED', ruleSet: event.data.ruleSet, revision: 0 } : state;
    case 'IkmComputed':
    case 'IkmNotComputed':
      return state.status === 'CLOSED' ? { ...state, revision: event.data.revision, ruleSet: event.data.ruleSet } : state;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export function decideSurvey(command: SurveyCommand, state: SurveyState): SurveyEvent[] {
  const now = command.metadata.now;
  const at = now.toISOString();
  const { unitId, periodId } = command.data;
  switch (command.type) {
    case 'OpenSurveyPeriod': {
      if (state.status !== 'EMPTY') throw conflict('SURVEY_PERIOD_EXISTS', 'Periode survei untuk unit ini sudah dibuka.');
      const unit = command.lookups.unit;
      if (!unit || unit.unitId !== unitId) throw invalid('UNKNOWN_UNIT', 'Unit layanan tidak dikenal.', 'unitId');
      return [{ type: 'SurveyPeriodOpened', data: { unitId, periodId, agencyId: unit.agencyId, openedBy: command.data.openedBy, openedAt: at } }];
    }

    case 'SubmitSurveyResponse': {
      const survey = existing(state);
      const d = command.data;
      if (survey.responseIds.includes(d.responseId)) throw conflict('RESPONSE_ALREADY_RECORDED', 'Jawaban survei ini sudah tercatat.');
      if (!SURVEY_CHANNELS.includes(d.channel)) throw invalid('UNKNOWN_CHANNEL', `Kanal "${d.channel}" tidak dikenal.`, 'channel');
      const problem = skmAnswersProblem(d.answers);
      if (problem) throw invalid(problem.code, problem.message, problem.field);
      const answers = Object.fromEntries(Object.entries(d.answers).filter(([, v]) => v !== undefined && v !== null)) as SkmAnswers;
      const recorded: SurveyEvent = {
        type: 'SurveyResponseRecorded',
        data: { unitId, periodId, responseId: d.responseId, answers, channel: d.channel, late: survey.status === 'CLOSED', recordedAt: at },
      };
      if (survey.status === 'OPEN') return [recorded];
      return [recorded, result(survey, addToSkmTally(survey.tally, answers), survey.ruleSet, survey.revision + 1, 'LATE_RESPONSE', at)];
    }

    case 'CloseSurveyPeriod': {
      const survey = existing(state);
      if (survey.status === 'CLOSED') throw conflict('SURVEY_PERIOD_CLOSED', 'Periode survei sudah ditutup.');
      const closed: SurveyEvent = {
        type: 'SurveyPeriodClosed',
        data: { unitId, periodId, closedBy: command.data.closedBy, respondentCount: survey.tally.respondentCount, ruleSet: command.lookups.ruleSet, closedAt: at },
      };
      return [closed, result(survey, survey.tally, command.lookups.ruleSet, 1, 'PERIOD_CLOSED', at)];
    }

    case 'RecomputeIkm': {
      const survey = existing(state);
      if (survey.status !== 'CLOSED') throw conflict('SURVEY_PERIOD_OPEN', 'IKM dihitung setelah periode survei ditutup.');
      return [result(survey, survey.tally, command.lookups.ruleSet, survey.revision + 1, 'RULE_SET_CHANGED', at)];
    }

    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function existing(state: SurveyState): Exclude<SurveyState, { status: 'EMPTY' }> {
  if (state.status === 'EMPTY') throw notFound('SURVEY_PERIOD_NOT_FOUND', 'Periode survei untuk unit ini belum dibuka.');
  return state;
}

function result(survey: SurveyFacts, tally: SkmTally, ruleSet: IkmRuleSet, revision: number, trigger: IkmTrigger, computedAt: string): SurveyEvent {
  const { unitId, periodId, agencyId } = survey;
  const ikm = computeIkmFromTally(tally, ruleSet);
  return ikm.kind === 'COMPUTED'
    ? { type: 'IkmComputed', data: { unitId, periodId, agencyId, revision, trigger, ...withoutKind(ikm), ruleSet, computedAt } }
    : { type: 'IkmNotComputed', data: { unitId, periodId, agencyId, revision, trigger, ...withoutKind(ikm), ruleSet, computedAt } };
}

function withoutKind<T extends { kind: string }>(value: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = value;
  return rest;
}

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState> = {
  initialState: initialSurveyState,
  evolve: evolveSurvey,
  decide: decideSurvey,
};
