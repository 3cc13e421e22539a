import { Command, conflict, Decider, forbidden, invalid, notFound } from '@kinerja/domain';
import { optionalText, requiredText } from '../text';
import {
  BERAKHLAK_VALUES,
  BerakhlakValue,
  ContinuousFeedbackEvent,
  EvidenceItem,
  FeedbackSource,
  FeedbackTopic,
} from './continuous-feedback.events';

export interface FeedbackLimits {
  contentMaxLength: number;
  maxEvidenceItems: number;
  evidenceDescriptionMaxLength: number;
}

interface FeedbackTarget {
  feedbackId: string;
  periodId: string;
  employeeId: string;
  giverId: string;
  content: string;
  evidence?: readonly { ref: string; description?: string | null }[];
}

export type GiveSupervisorFeedback = Command<
  'GiveSupervisorFeedback',
  FeedbackTarget & { topic: FeedbackTopic },
  FeedbackLimits & {
    /** The employee's pejabat penilai for `periodId`, per the organisation of that period; null when none. */
    pejabatPenilaiId: string | null;
    employeeAgencyId: string;
    /** For an RHK topic: the RHK as the SKP holds it; null when unknown. */
    rhk?: { rhkId: string; employeeId: string; periodId: string } | null;
  }
>;

/** Given by a peer at the same level or a direct subordinate, on a BerAKHLAK value only. */
export type GiveColleagueFeedback = Command<
  'GiveColleagueFeedback',
  FeedbackTarget & { value: BerakhlakValue },
  FeedbackLimits & {
    /** Both as placed in the organisation for `periodId`; `level` is the position level (e.g. JF_AHLI_MUDA). */
    giver: { employeeId: string; agencyId: string; level: string; directSupervisorId: string | null };
    employee: { employeeId: string; agencyId: string; level: string };
    /** The employee's agency's settings. */
    agencySettings: { peerFeedbackEnabled: boolean; subordinateFeedbackEnabled: boolean };
  }
>;

export type RespondToContinuousFeedback = Command<
  'RespondToContinuousFeedback',
  { feedbackId: string; responderId: string; response: string },
  { responseMaxLength: number }
>;

export type MarkFeedbackAsEvidence = Command<'MarkFeedbackAsEvidence', { feedbackId: string; markedBy: string }, { pejabatPenilaiId: string | null }>;

export type UnmarkFeedbackAsEvidence = Command<'UnmarkFeedbackAsEvidence', { feedbackId: string; removedBy: string }, { pejabatPenilaiId: string | null }>;

export type ContinuousFeedbackCommand =
  | GiveSupervisorFeedback
  | GiveColleagueFeedback
  | RespondToContinuousFeedback
  | MarkFeedbackAsEvidence
  | UnmarkFeedbackAsEvidence;

interface FeedbackFacts {
  feedbackId: string;
  periodId: string;
  employeeId: string;
  giverId: string;
  source: FeedbackSource;
  markedAsEvidence: boolean;
}

export type ContinuousFeedbackState =
  | { status: 'EMPTY' }
  | (FeedbackFacts & { status: 'GIVEN' })
  | (FeedbackFacts & { status: 'RESPONDED' });

export const initialContinuousFeedbackState = (): ContinuousFeedbackState => ({ status: 'EMPTY' });

export function evolveContinuousFeedback(state: ContinuousFeedbackState, event: ContinuousFeedbackEvent): ContinuousFeedbackState {
  switch (event.type) {
    case 'ContinuousFeedbackGiven': {
      const { feedbackId, periodId, employeeId, giverId, source } = event.data;
      return { status: 'GIVEN', feedbackId, periodId, employeeId, giverId, source, markedAsEvidence: false };
    }
    case 'ContinuousFeedbackResponded':
      return state.status === 'EMPTY' ? state : { ...state, status: 'RESPONDED' };
    case 'ContinuousFeedbackMarkedAsEvidence':
      return state.status === 'EMPTY' ? state : { ...state, markedAsEvidence: true };
    case 'ContinuousFeedbackEvidenceMarkRemoved':
      return state.status === 'EMPTY' ? state : { ...state, markedAsEvidence: false };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export function decideContinuousFeedback(command: ContinuousFeedbackCommand, state: ContinuousFeedbackState): ContinuousFeedbackEvent[] {
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'GiveSupervisorFeedback': {
      requireNew(state);
      const d = command.data;
      requireNotSelf(d);
      const { lookups } = command;
      if (!lookups.pejabatPenilaiId || lookups.pejabatPenilaiId !== d.giverId) {
        throw forbidden('NOT_PEJABAT_PENILAI', 'Hanya pejabat penilai pegawai ini pada periode tersebut yang dapat memberi umpan balik atasan.');
      }
      const topic = validTopic(d.topic, d, lookups.rhk);
      return [given(d, lookups, { source: 'PEJABAT_PENILAI', topic, agencyId: lookups.employeeAgencyId, at })];
    }

    case 'GiveColleagueFeedback': {
      requireNew(state);
      const d = command.data;
      requireNotSelf(d);
      const { giver, employee, agencySettings } = command.lookups;
      if (giver.employeeId !== d.giverId || employee.employeeId !== d.employeeId) throw invalid('LOOKUP_MISMATCH', 'Data pegawai tidak sesuai permintaan.');
      const source = colleagueSource(command.lookups);
      if (source === 'DIRECT_SUBORDINATE' && !agencySettings.subordinateFeedbackEnabled) {
        throw forbidden('SUBORDINATE_FEEDBACK_DISABLED', 'Instansi ini tidak mengaktifkan umpan balik dari bawahan.');
      }
      if (source === 'PEER' && !agencySettings.peerFeedbackEnabled) throw forbidden('PEER_FEEDBACK_DISABLED', 'Instansi ini tidak mengaktifkan umpan balik dari rekan kerja.');
      const topic = validTopic({ kind: 'BERAKHLAK', value: d.value }, d, null);
      return [given(d, command.lookups, { source, topic, agencyId: employee.agencyId, at })];
    }

    case 'RespondToContinuousFeedback': {
      const feedback = existing(state);
      const d = command.data;
      if (d.responderId !== feedback.employeeId) throw forbidden('NOT_FEEDBACK_RECIPIENT', 'Hanya pegawai penerima umpan balik yang dapat menanggapinya.');
      if (feedback.status === 'RESPONDED') throw conflict('ALREADY_RESPONDED', 'Umpan balik ini sudah ditanggapi.');
      const response = requiredText(d.response, command.lookups.responseMaxLength, 'response', 'Tanggapan');
      return [{ type: 'ContinuousFeedbackResponded', data: { feedbackId: feedback.feedbackId, employeeId: feedback.employeeId, response, respondedAt: at } }];
    }

    case 'MarkFeedbackAsEvidence': {
      const feedback = existing(state);
      requirePejabatPenilai(command.data.markedBy, command.lookups.pejabatPenilaiId);
      if (feedback.markedAsEvidence) return [];
      const { feedbackId, periodId, employeeId } = feedback;
      return [{ type: 'ContinuousFeedbackMarkedAsEvidence', data: { feedbackId, periodId, employeeId, markedBy: command.data.markedBy, markedAt: at } }];
    }

    case 'UnmarkFeedbackAsEvidence': {
      const feedback = existing(state);
      requirePejabatPenilai(command.data.removedBy, command.lookups.pejabatPenilaiId);
      if (!feedback.markedAsEvidence) return [];
      const { feedbackId, periodId, employeeId } = feedback;
      return [{ type: 'ContinuousFeedbackEvidenceMarkRemoved', data: { feedbackId, periodId, employeeId, removedBy: command.data.removedBy, removedAt: at } }];
    }

    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/**
 * A direct subordinate is one whose direct supervisor is the employee; a peer holds a position of the
 * same level in the same agency (issue 5 §4: peers only within the same agency).
 */
function colleagueSource(lookups: GiveColleagueFeedback['lookups']): 'PEER' | 'DIRECT_SUBORDINATE' {
  const { giver, employee } = lookups;
  if (giver.directSupervisorId === employee.employeeId) return 'DIRECT_SUBORDINATE';
  if (giver.level !== employee.level) throw forbidden('NOT_PEER_OR_SUBORDINATE', 'Umpan balik rekan hanya dari rekan setingkat atau bawahan langsung.');
  if (giver.agencyId !== employee.agencyId) throw forbidden('PEER_OUTSIDE_AGENCY', 'Umpan balik rekan setingkat hanya dari instansi yang sama.');
  return 'PEER';
}

function requireNew(state: ContinuousFeedbackState): void {
  if (state.status !== 'EMPTY') throw conflict('FEEDBACK_ALREADY_GIVEN', 'Umpan balik ini sudah tercatat.');
}

function requireNotSelf(d: FeedbackTarget): void {
  if (d.giverId === d.employeeId) throw forbidden('SELF_FEEDBACK', 'Pegawai tidak dapat memberi umpan balik kepada dirinya sendiri.');
}

function requirePejabatPenilai(actorId: string, pejabatPenilaiId: string | null): void {
  if (!pejabatPenilaiId || actorId !== pejabatPenilaiId) {
    throw forbidden('NOT_PEJABAT_PENILAI', 'Hanya pejabat penilai pada periode tersebut yang dapat menetapkan bukti dukung evaluasi.');
  }
}

function existing(state: ContinuousFeedbackState): Exclude<ContinuousFeedbackState, { status: 'EMPTY' }> {
  if (state.status === 'EMPTY') throw notFound('FEEDBACK_NOT_FOUND', 'Umpan balik tidak ditemukan.');
  return state;
}

/** `rhk`: the RHK looked up for an RHK topic. */
function validTopic(topic: FeedbackTopic, d: FeedbackTarget, rhk: GiveSupervisorFeedback['lookups']['rhk'] | null): FeedbackTopic {
  switch (topic.kind) {
    case 'BERAKHLAK':
      if (!BERAKHLAK_VALUES.includes(topic.value)) throw invalid('UNKNOWN_BERAKHLAK_VALUE', 'Nilai BerAKHLAK tidak dikenal.', 'topic.value');
      return { kind: 'BERAKHLAK', value: topic.value };
    case 'RHK': {
      if (!rhk || rhk.rhkId !== topic.rhkId || rhk.employeeId !== d.employeeId || rhk.periodId !== d.periodId) {
        throw invalid('UNKNOWN_RHK', 'RHK tidak ditemukan pada SKP pegawai untuk periode ini.', 'topic.rhkId');
      }
      return { kind: 'RHK', rhkId: topic.rhkId };
    }
    default: {
      const unreachable: never = topic;
      throw unreachable;
    }
  }
}

function validEvidence(items: FeedbackTarget['evidence'], limits: FeedbackLimits): EvidenceItem[] {
  const list = items ?? [];
  if (list.length > limits.maxEvidenceItems) throw invalid('TOO_MUCH_EVIDENCE', `Bukti dukung paling banyak ${limits.maxEvidenceItems} berkas.`, 'evidence');
  const refs = new Set<string>();
  return list.map((item, i): EvidenceItem => {
    const ref = (item.ref ?? '').trim();
    if (!ref) throw invalid('EVIDENCE_REF_REQUIRED', 'Setiap bukti dukung harus merujuk berkas.', `evidence.${i}.ref`);
    if (refs.has(ref)) throw invalid('DUPLICATE_EVIDENCE', 'Bukti dukung yang sama dicantumkan dua kali.', `evidence.${i}.ref`);
    refs.add(ref);
    return { ref, description: optionalText(item.description, limits.evidenceDescriptionMaxLength, `evidence.${i}.description`, 'Keterangan bukti dukung', 'EVIDENCE_DESCRIPTION') };
  });
}

function given(
  d: FeedbackTarget,
  limits: FeedbackLimits,
  how: { source: FeedbackSource; topic: FeedbackTopic; agencyId: string; at: string },
): ContinuousFeedbackEvent {
  const content = requiredText(d.content, limits.contentMaxLength, 'content', 'Isi umpan balik');
  return {
    type: 'ContinuousFeedbackGiven',
    data: {
      feedbackId: d.feedbackId,
      periodId: d.periodId,
      employeeId: d.employeeId,
      agencyId: how.agencyId,
      giverId: d.giverId,
      source: how.source,
      topic: how.topic,
      content,
      evidence: validEvidence(d.evidence, limits),
      givenAt: how.at,
    },
  };
}

export const continuousFeedbackDecider: Decider<ContinuousFeedbackCommand, ContinuousFeedbackEvent, ContinuousFeedbackState> = {
  initialState: initialContinuousFeedbackState,
  evolve: evolveContinuousFeedback,
  decide: decideContinuousFeedback,
};
