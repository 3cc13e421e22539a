import { Command, conflict, Decider, invalid, notFound } from '@kinerja/domain';
import { channelProblem, CitizenChannel } from '../citizen-input.rules';
import { optionalText } from '../text';
import { CitizenFeedbackEvent, CitizenRating } from './citizen-feedback.events';

export const CITIZEN_RATING_MIN = 1;
export const CITIZEN_RATING_MAX = 4;

export type SubmitCitizenFeedback = Command<
  'SubmitCitizenFeedback',
  {
    feedbackId: string;
    unitId: string;
    counterId?: string | null;
    employeeId?: string | null;
    rating: number;
    comment?: string | null;
    channel: CitizenChannel;
    forwardedBy?: string | null;
    contactRef?: string | null;
  },
  {
    /** The unit as the organisation knows it now, with its service counters; null when unknown. */
    unit: { unitId: string; agencyId: string; counterIds: readonly string[] } | null;
    /** Where the named employee serves now; null when unknown; absent when none was named. */
    employee?: { employeeId: string; unitId: string } | null;
    commentMaxLength: number;
  }
>;

/** The key is destroyed outside the domain; this records it. Idempotent. */
export type EraseCitizenFeedbackContact = Command<'EraseCitizenFeedbackContact', { feedbackId: string }>;

export type CitizenFeedbackCommand = SubmitCitizenFeedback | EraseCitizenFeedbackContact;

export type CitizenFeedbackState =
  | { status: 'EMPTY' }
  | { status: 'RECEIVED'; feedbackId: string; contactRef: string | null; contactErased: boolean };

export const initialCitizenFeedbackState = (): CitizenFeedbackState => ({ status: 'EMPTY' });

export function evolveCitizenFeedback(state: CitizenFeedbackState, event: CitizenFeedbackEvent): CitizenFeedbackState {
  switch (event.type) {
    case 'CitizenFeedbackReceived':
      return { status: 'RECEIVED', feedbackId: event.data.feedbackId, contactRef: event.data.contactRef, contactErased: false };
    case 'CitizenFeedbackContactErased':
      return state.status === 'RECEIVED' ? { ...state, contactErased: true } : state;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export function decideCitizenFeedback(command: CitizenFeedbackCommand, state: CitizenFeedbackState): CitizenFeedbackEvent[] {
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'SubmitCitizenFeedback': {
      if (state.status !== 'EMPTY') throw conflict('FEEDBACK_ALREADY_RECEIVED', 'Masukan ini sudah diterima.');
      const d = command.data;
      const { unit, employee, commentMaxLength } = command.lookups;
      if (!Number.isInteger(d.rating) || d.rating < CITIZEN_RATING_MIN || d.rating > CITIZEN_RATING_MAX) {
        throw invalid('RATING_OUT_OF_RANGE', `Nilai harus bilangan bulat ${CITIZEN_RATING_MIN} sampai ${CITIZEN_RATING_MAX}.`, 'rating');
      }
      if (!unit || unit.unitId !== d.unitId) throw invalid('UNKNOWN_UNIT', 'Unit layanan tidak dikenal.', 'unitId');
      const channelError = channelProblem({ channel: d.channel, forwardedBy: d.forwardedBy, counterId: d.counterId });
      if (channelError) throw channelError;
      if (d.counterId && !unit.counterIds.includes(d.counterId)) throw invalid('UNKNOWN_COUNTER', 'Loket tidak dikenal di unit ini.', 'counterId');
      if (d.employeeId) {
        if (!employee || employee.employeeId !== d.employeeId) throw invalid('UNKNOWN_EMPLOYEE', 'Pegawai yang disebut tidak dikenal.', 'employeeId');
        if (employee.unitId !== unit.unitId) throw invalid('EMPLOYEE_NOT_IN_UNIT', 'Pegawai yang disebut tidak bertugas di unit ini.', 'employeeId');
      }
      const comment = optionalText(d.comment, commentMaxLength, 'comment', 'Komentar');
      return [
        {
          type: 'CitizenFeedbackReceived',
          data: {
            feedbackId: d.feedbackId,
            agencyId: unit.agencyId,
            unitId: unit.unitId,
            counterId: d.counterId || null,
            employeeId: d.employeeId || null,
            rating: d.rating as CitizenRating,
            comment,
            channel: d.channel,
            forwardedBy: d.forwardedBy || null,
            contactRef: d.contactRef || null,
            receivedAt: at,
          },
        },
      ];
    }

    case 'EraseCitizenFeedbackContact': {
      if (state.status === 'EMPTY') throw notFound('FEEDBACK_NOT_FOUND', 'Masukan tidak ditemukan.');
      if (!state.contactRef || state.contactErased) return [];
      return [{ type: 'CitizenFeedbackContactErased', data: { feedbackId: state.feedbackId, contactRef: state.contactRef, erasedAt: at } }];
    }

    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const citizenFeedbackDecider: Decider<CitizenFeedbackCommand, CitizenFeedbackEvent, CitizenFeedbackState> = {
  initialState: initialCitizenFeedbackState,
  evolve: evolveCitizenFeedback,
  decide: decideCitizenFeedback,
};
