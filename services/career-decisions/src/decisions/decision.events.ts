import { LocalDate } from '../local-date';

export const DECISION_KINDS = [
  'KENAIKAN_PANGKAT',
  'KGB_PPPK',
  'KENAIKAN_GAJI_ISTIMEWA_PPPK',
  'PENGHARGAAN',
  'PROMOSI',
  'ROTASI',
  'DEMOSI',
  'PENEMPATAN_SEMENTARA',
  'PEMBERHENTIAN_DENGAN_HORMAT',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Kinds that move the employee to a post: work planning applies them when issued. */
export const PLACEMENT_KINDS: readonly DecisionKind[] = ['PROMOSI', 'ROTASI', 'DEMOSI', 'PENEMPATAN_SEMENTARA'];

export interface Placement {
  positionId: string;
  /** For a temporary placement, the last day. */
  until: LocalDate | null;
}

/** Which decision, of which kind, for whom in which agency: the head of the events that name a decision. */
export interface DecisionRef {
  decisionId: string;
  kind: DecisionKind;
  nip: string;
  agencyId: string;
}

/** A decision's reference and what it does from when. */
export type DecisionTerms = DecisionRef & {
  effectiveDate: LocalDate;
  placement: Placement | null;
};

/** Only the reference's fields, for an event built from a larger record. */
export function refOf(d: DecisionRef): DecisionRef {
  return { decisionId: d.decisionId, kind: d.kind, nip: d.nip, agencyId: d.agencyId };
}

/** Only the terms' fields, for an event built from a larger record. */
export function termsOf(d: DecisionTerms): DecisionTerms {
  return { ...refOf(d), effectiveDate: d.effectiveDate, placement: d.placement };
}

export type DecisionProposed = {
  type: 'DecisionProposed';
  data: DecisionTerms & {
    factIds: string[];
    ruleSetVersion: string;
    note: string | null;
    proposedBy: string;
    proposedAt: string;
  };
};

export type DecisionApproved = { type: 'DecisionApproved'; data: { decisionId: string; approvedBy: string; approvedAt: string } };

export type DecisionRejected = { type: 'DecisionRejected'; data: { decisionId: string; reason: string; rejectedBy: string; rejectedAt: string } };

/** Issued (`issue` 1), or re-issued on new facts after one it rested on changed (`issue` 2, 3, ...). */
export type DecisionIssued = {
  type: 'DecisionIssued';
  data: DecisionTerms & {
    factIds: string[];
    issue: number;
    replacedFactId: string | null;
    issuedBy: string;
    issuedAt: string;
  };
};

/** A decision not yet issued whose facts changed but which still holds. */
export type DecisionFactsUpdated = {
  type: 'DecisionFactsUpdated';
  data: { decisionId: string; factIds: string[]; replacedFactId: string; updatedAt: string };
};

export type DecisionRevoked = {
  type: 'DecisionRevoked';
  data: DecisionRef & {
    wasIssued: boolean;
    reason: string;
    changedFactId: string;
    revokedBy: string;
    revokedAt: string;
  };
};

export type DecisionEvent = DecisionProposed | DecisionApproved | DecisionRejected | DecisionIssued | DecisionFactsUpdated | DecisionRevoked;
