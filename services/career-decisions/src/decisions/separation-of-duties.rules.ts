import { DecisionKind, PLACEMENT_KINDS } from './decision.events';

/**
 * Separation of duties for a career decision (docs/design.md §7): proposer, approver and issuer
 * are three different people, none of them the employee it concerns.
 */
export type Duty = 'PROPOSE' | 'APPROVE' | 'REJECT' | 'ISSUE';

export interface DutyHolders {
  nip: string;
  proposedBy: string | null;
  approvedBy: string | null;
}

/** Pure: why `actorId` may not perform `duty` on the decision, or null. */
export function dutyConflict(duty: Duty, actorId: string, holders: DutyHolders): 'OWN_DECISION' | 'ALREADY_PROPOSER' | 'ALREADY_APPROVER' | null {
  if (actorId === holders.nip) return 'OWN_DECISION';
  if (duty === 'PROPOSE') return null;
  if (actorId === holders.proposedBy) return 'ALREADY_PROPOSER';
  if (duty === 'ISSUE' && actorId === holders.approvedBy) return 'ALREADY_APPROVER';
  return null;
}

export const DUTY_CONFLICT_MESSAGES: Record<NonNullable<ReturnType<typeof dutyConflict>>, string> = {
  OWN_DECISION: 'Anda tidak dapat mengusulkan, menyetujui, atau menerbitkan keputusan tentang diri Anda sendiri',
  ALREADY_PROPOSER: 'Pengusul tidak dapat juga menyetujui, menolak, atau menerbitkan keputusan yang sama',
  ALREADY_APPROVER: 'Pejabat yang menyetujui tidak dapat juga menerbitkan keputusan yang sama',
};

/**
 * How many live (proposed, approved or issued) decisions of a kind an employee may have with an
 * effective date in one year: placements may follow one another within a year; a kenaikan
 * pangkat, KGB, award or dismissal is once a year.
 */
export const livePerYearAllowed = (kind: DecisionKind): number => (PLACEMENT_KINDS.includes(kind) ? Number.POSITIVE_INFINITY : 1);
