import { Command, CommandMetadata, conflict, Decider, forbidden, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { Authority, inScope, isBlank } from '../command';
import { ELIGIBILITY_RULES, EligibilityRule } from '../eligibility/eligibility.rules';
import { isLocalDate, LocalDate } from '../local-date';
import { DECISION_KINDS, DecisionEvent, DecisionKind, DecisionTerms, Placement, PLACEMENT_KINDS, refOf, termsOf } from './decision.events';
import { Duty, DUTY_CONFLICT_MESSAGES, dutyConflict, livePerYearAllowed } from './separation-of-duties.rules';

export const decisionStream = (decisionId: string) => `decision-${decisionId}`;

/** What a decision rests on, as recomputed from the facts: an `Eligibility` fits, and so does a workflow step. */
export interface Basis {
  eligible: boolean;
  unmet: readonly string[];
  factIds: readonly string[];
  ruleSetVersion: string;
}

export type ProposeDecision = Command<
  'ProposeDecision',
  { decisionId: string; kind: DecisionKind; nip: string; agencyId: string; effectiveDate: LocalDate; placement?: Placement | null; note?: string | null },
  /**
   * `basis`: the eligibility for the kind (recomputed at the edge), or the approved workflow step
   * of a placement; `liveSameKindSameYear`: ids of the employee's other live decisions of this kind
   * effective in the same year (from the register).
   */
  { authority: Authority; basis: Basis; liveSameKindSameYear?: readonly string[] }
>;

export type ApproveDecision = { type: 'ApproveDecision'; data: { decisionId: string }; lookups: { authority: Authority }; metadata: CommandMetadata };
export type RejectDecision = Command<'RejectDecision', { decisionId: string; reason: string }, { authority: Authority }>;
export type IssueDecision = { type: 'IssueDecision'; data: { decisionId: string }; lookups: { authority: Authority }; metadata: CommandMetadata };

/** Sent by the re-evaluation saga when a fact changed; `basis` is recomputed on the new facts. */
export type ReEvaluateDecision = Command<
  'ReEvaluateDecision',
  { decisionId: string; changedFactId: string; reason: string },
  { basis: Basis }
>;

export type DecisionCommand = ProposeDecision | ApproveDecision | RejectDecision | IssueDecision | ReEvaluateDecision;

export type DecisionDetails = DecisionTerms & {
  factIds: readonly string[];
  proposedBy: string;
  approvedBy?: string | null;
  issue: number;
};

export type DecisionState =
  | { status: 'NONE' }
  | { status: 'PROPOSED' | 'APPROVED' | 'ISSUED'; decision: DecisionDetails }
  | { status: 'REJECTED' | 'REVOKED'; decision: DecisionDetails; reason: string };

export const initialState = (): DecisionState => ({ status: 'NONE' });

export function evolve(state: DecisionState, event: DecisionEvent): DecisionState {
  switch (event.type) {
    case 'DecisionProposed': {
      const d = event.data;
      return {
        status: 'PROPOSED',
        decision: {
          ...termsOf(d),
          factIds: d.factIds,
          proposedBy: d.proposedBy,
          issue: 0,
        },
      };
    }
    case 'DecisionApproved':
      return state.status === 'PROPOSED' ? { status: 'APPROVED', decision: { ...state.decision, approvedBy: event.data.approvedBy } } : state;
    case 'DecisionRejected':
      return state.status === 'PROPOSED' ? { status: 'REJECTED', decision: state.decision, reason: event.data.reason } : state;
    case 'DecisionIssued':
      return state.status === 'NONE' ? state : { status: 'ISSUED', decision: { ...state.decision, factIds: event.data.factIds, issue: event.data.issue } };
    case 'DecisionFactsUpdated':
      return state.status === 'PROPOSED' || state.status === 'APPROVED' ? { ...state, decision: { ...state.decision, factIds: event.data.factIds } } : state;
    case 'DecisionRevoked':
      return state.status === 'NONE' ? state : { status: 'REVOKED', decision: state.decision, reason: event.data.reason };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const isEligibilityKind = (kind: DecisionKind): kind is EligibilityRule => (ELIGIBILITY_RULES as readonly string[]).includes(kind);

/**
 * What a change of one fact does to a decision (rules: "decisions that follow their facts"):
 * nothing when the decision does not rest on it or is no longer live; otherwise it is revoked
 * when the recomputed basis no longer holds, re-issued on the new facts when it was issued,
 * or keeps going on the new facts when it was not issued yet.
 */
export function reEvaluate(state: DecisionState, changedFactId: string, basis: Basis): 'UNAFFECTED' | 'REVOKE' | 'REISSUE' | 'UPDATE_FACTS' {
  if (state.status === 'NONE' || state.status === 'REJECTED' || state.status === 'REVOKED') return 'UNAFFECTED';
  if (!state.decision.factIds.includes(changedFactId)) return 'UNAFFECTED';
  if (!basis.eligible) return 'REVOKE';
  return state.status === 'ISSUED' ? 'REISSUE' : 'UPDATE_FACTS';
}

function requireExisting(state: DecisionState) {
  if (state.status === 'NONE') throw conflict('DECISION_NOT_FOUND', 'Keputusan tidak ditemukan');
  return state;
}

function requireApprover(authority: Authority, agencyId: string) {
  if (!inScope(authority.approves, agencyId)) throw forbidden('NOT_PPK', 'Hanya PPK atau pejabat yang diberi delegasi yang dapat menyetujui keputusan');
}

function requireSeparateDuty(duty: Duty, command: { metadata: { actor: { id: string } } }, decision: { nip: string; proposedBy: string | null; approvedBy?: string | null }) {
  const clash = dutyConflict(duty, command.metadata.actor.id, { nip: decision.nip, proposedBy: decision.proposedBy, approvedBy: decision.approvedBy ?? null });
  if (clash !== null) throw forbidden(clash === 'OWN_DECISION' ? 'OWN_DECISION' : 'DUTIES_NOT_SEPARATED', DUTY_CONFLICT_MESSAGES[clash]);
}

function propose(command: ProposeDecision, state: DecisionState): DecisionEvent[] {
  const d = command.data;
  const { authority, basis } = command.lookups;
  if (isBlank(d.decisionId)) throw invalid('DECISION_ID_REQUIRED', 'Nomor keputusan wajib diisi', 'decisionId');
  if (!DECISION_KINDS.includes(d.kind)) throw invalid('INVALID_KIND', 'Jenis keputusan tidak dikenal', 'kind');
  if (!isLocalDate(d.effectiveDate)) throw invalid('INVALID_DATE', 'Tanggal berlaku harus berformat YYYY-MM-DD', 'effectiveDate');
  if (!inScope(authority.proposes, d.agencyId)) throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin kepegawaian instansi ini yang dapat mengusulkan keputusan');
  requireSeparateDuty('PROPOSE', command, { nip: d.nip, proposedBy: null });
  const placement = d.placement ?? null;
  if (PLACEMENT_KINDS.includes(d.kind) && (placement === null || isBlank(placement.positionId)))
    throw invalid('PLACEMENT_REQUIRED', 'Keputusan penempatan harus menyebut jabatan tujuan', 'placement');
  if (d.kind === 'PENEMPATAN_SEMENTARA' && (placement?.until === null || !isLocalDate(placement?.until)))
    throw invalid('PLACEMENT_UNTIL_REQUIRED', 'Penempatan sementara harus mempunyai tanggal akhir', 'placement.until');
  if (state.status !== 'NONE') {
    const same = state.decision.kind === d.kind && state.decision.nip === d.nip && state.decision.proposedBy === command.metadata.actor.id;
    if (same) return [];
    throw conflict('DECISION_EXISTS', 'Nomor keputusan sudah dipakai');
  }
  const others = (command.lookups.liveSameKindSameYear ?? []).filter((id) => id !== d.decisionId);
  if (others.length >= livePerYearAllowed(d.kind)) {
    throw conflict('DECISION_ALREADY_THIS_YEAR', `Pegawai ini sudah mempunyai keputusan jenis yang sama untuk tahun ${d.effectiveDate.slice(0, 4)}: ${others.join(', ')}`);
  }
  if (!basis.eligible) throw conflict('NOT_ELIGIBLE', `Pegawai tidak memenuhi syarat: ${basis.unmet.join('; ')}`);
  return [
    {
      type: 'DecisionProposed',
      data: {
        ...termsOf({ ...d, placement }),
        factIds: [...basis.factIds],
        ruleSetVersion: basis.ruleSetVersion,
        note: isBlank(d.note) ? null : (d.note as string).trim(),
        proposedBy: command.metadata.actor.id,
        proposedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function approve(command: ApproveDecision, state: DecisionState): DecisionEvent[] {
  const s = requireExisting(state);
  requireApprover(command.lookups.authority, s.decision.agencyId);
  if (s.status === 'APPROVED' || s.status === 'ISSUED') return [];
  requireSeparateDuty('APPROVE', command, s.decision);
  if (s.status !== 'PROPOSED') throw conflict('DECISION_CLOSED', 'Keputusan sudah ditolak atau dicabut');
  return [{ type: 'DecisionApproved', data: { decisionId: command.data.decisionId, approvedBy: command.metadata.actor.id, approvedAt: command.metadata.now.toISOString() } }];
}

function reject(command: RejectDecision, state: DecisionState): DecisionEvent[] {
  const s = requireExisting(state);
  requireApprover(command.lookups.authority, s.decision.agencyId);
  if (isBlank(command.data.reason)) throw invalid('REASON_REQUIRED', 'Alasan penolakan wajib diisi', 'reason');
  if (s.status === 'REJECTED') return [];
  requireSeparateDuty('REJECT', command, s.decision);
  if (s.status !== 'PROPOSED') throw conflict('DECISION_NOT_PROPOSED', 'Hanya usulan yang belum disetujui yang dapat ditolak');
  return [
    {
      type: 'DecisionRejected',
      data: { decisionId: command.data.decisionId, reason: command.data.reason.trim(), rejectedBy: command.metadata.actor.id, rejectedAt: command.metadata.now.toISOString() },
    },
  ];
}

function issue(command: IssueDecision, state: DecisionState): DecisionEvent[] {
  const s = requireExisting(state);
  const { authority } = command.lookups;
  if (!inScope(authority.approves, s.decision.agencyId) && !inScope(authority.proposes, s.decision.agencyId))
    throw forbidden('NOT_AGENCY_ADMIN', 'Hanya PPK, delegasinya, atau admin kepegawaian instansi ini yang dapat menerbitkan keputusan');
  if (s.status === 'ISSUED') return [];
  if (s.status === 'PROPOSED') throw conflict('DECISION_NOT_APPROVED', 'Keputusan belum disetujui PPK');
  if (s.status !== 'APPROVED') throw conflict('DECISION_CLOSED', 'Keputusan sudah ditolak atau dicabut');
  requireSeparateDuty('ISSUE', command, s.decision);
  const d = s.decision;
  return [
    {
      type: 'DecisionIssued',
      data: {
        ...termsOf(d),
        factIds: [...d.factIds],
        issue: 1,
        replacedFactId: null,
        issuedBy: command.metadata.actor.id,
        issuedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function reEvaluateCommand(command: ReEvaluateDecision, state: DecisionState): DecisionEvent[] {
  const { changedFactId, reason } = command.data;
  const { basis } = command.lookups;
  const at = command.metadata.now.toISOString();
  const outcome = reEvaluate(state, changedFactId, basis);
  if (outcome === 'UNAFFECTED' || state.status === 'NONE') return [];
  const d = state.decision;
  switch (outcome) {
    case 'REVOKE':
      return [
        {
          type: 'DecisionRevoked',
          data: {
            ...refOf(d),
            wasIssued: state.status === 'ISSUED',
            reason: `${reason}: ${basis.unmet.join('; ')}`,
            changedFactId,
            revokedBy: command.metadata.actor.id,
            revokedAt: at,
          },
        },
      ];
    case 'REISSUE':
      return [
        {
          type: 'DecisionIssued',
          data: {
            ...termsOf(d),
            factIds: [...basis.factIds],
            issue: d.issue + 1,
            replacedFactId: changedFactId,
            issuedBy: command.metadata.actor.id,
            issuedAt: at,
          },
        },
      ];
    case 'UPDATE_FACTS':
      return [{ type: 'DecisionFactsUpdated', data: { decisionId: d.decisionId, factIds: [...basis.factIds], replacedFactId: changedFactId, updatedAt: at } }];
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

export function decide(command: DecisionCommand, state: DecisionState): DecisionEvent[] {
  switch (command.type) {
    case 'ProposeDecision':
      return propose(command, state);
    case 'ApproveDecision':
      return approve(command, state);
    case 'RejectDecision':
      return reject(command, state);
    case 'IssueDecision':
      return issue(command, state);
    case 'ReEvaluateDecision':
      return reEvaluateCommand(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const decisionDecider: Decider<DecisionCommand, DecisionEvent, DecisionState> = { initialState, evolve, decide };
