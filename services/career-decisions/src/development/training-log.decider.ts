import { Command, conflict, Decider, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { isBlank } from '../command';
import { isLocalDate, LocalDate } from '../local-date';
import { RuleSet } from '../rule-sets/rule-set';
import { TrainingLength, trainingMinutes } from './development.rules';

export const trainingLogStream = (nip: string) => `training-log-${nip}`;

export type TrainingRecorded = {
  type: 'TrainingRecorded';
  data: { nip: string; trainingId: string; title: string; date: LocalDate; length: TrainingLength; minutes: number; source: 'ENTERED' | 'IMPORTED'; recordedBy: string; recordedAt: string };
};
export type TrainingLogEvent = TrainingRecorded;

/** Entered by HR, or one row of an import; the same trainingId again with the same data changes nothing. */
export type RecordTraining = Command<
  'RecordTraining',
  { nip: string; trainingId: string; title: string; date: LocalDate; length: TrainingLength; source: 'ENTERED' | 'IMPORTED' },
  { ruleSet: RuleSet }
>;
export type TrainingLogCommand = RecordTraining;

export interface TrainingLogState {
  trainings: readonly { trainingId: string; title: string; date: LocalDate; minutes: number }[];
}

export const initialState = (): TrainingLogState => ({ trainings: [] });

export function evolve(state: TrainingLogState, event: TrainingLogEvent): TrainingLogState {
  switch (event.type) {
    case 'TrainingRecorded': {
      const { trainingId, title, date, minutes } = event.data;
      return { trainings: [...state.trainings, { trainingId, title, date, minutes }] };
    }
    default:
      return ignoreUnknownEvent(event.type, state);
  }
}

export function decide(command: TrainingLogCommand, state: TrainingLogState): TrainingLogEvent[] {
  switch (command.type) {
    case 'RecordTraining': {
      const d = command.data;
      if (isBlank(d.trainingId)) throw invalid('TRAINING_ID_REQUIRED', 'Kode pelatihan wajib diisi', 'trainingId');
      if (isBlank(d.title)) throw invalid('TITLE_REQUIRED', 'Nama pelatihan wajib diisi', 'title');
      if (!isLocalDate(d.date)) throw invalid('INVALID_DATE', 'Tanggal harus berformat YYYY-MM-DD', 'date');
      if (d.date > command.metadata.now.toISOString().slice(0, 10)) throw invalid('FUTURE_TRAINING', 'Pelatihan yang belum terlaksana tidak dapat dicatat', 'date');
      const minutes = trainingMinutes(d.length, command.lookups.ruleSet);
      const existing = state.trainings.find((t) => t.trainingId === d.trainingId);
      if (existing !== undefined) {
        if (existing.date === d.date && existing.minutes === minutes && existing.title === d.title.trim()) return [];
        throw conflict('TRAINING_EXISTS', `Pelatihan ${d.trainingId} sudah tercatat dengan data lain`);
      }
      return [
        {
          type: 'TrainingRecorded',
          data: {
            nip: d.nip,
            trainingId: d.trainingId,
            title: d.title.trim(),
            date: d.date,
            length: d.length,
            minutes,
            source: d.source,
            recordedBy: command.metadata.actor.id,
            recordedAt: command.metadata.now.toISOString(),
          },
        },
      ];
    }
    default: {
      const unreachable: never = command.type;
      return unreachable;
    }
  }
}

export const trainingLogDecider: Decider<TrainingLogCommand, TrainingLogEvent, TrainingLogState> = { initialState, evolve, decide };
