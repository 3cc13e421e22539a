import { Projection } from '@kinerja/domain';
import { DecisionEvent } from '../decision.events';

export interface DecisionRegisterRow {
  decisionId: string;
  kind: string;
  nip: string;
  agencyId: string;
  status: 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'ISSUED' | 'REVOKED';
  effectiveDate: string;
  factIds: string[];
  issue: number;
  reason: string | null;
  proposedBy: string;
  approvedBy: string | null;
  rejectedBy: string | null;
  issuedBy: string | null;
  /** The fact (annual predicate) whose change last re-issued, updated or revoked the decision. */
  changedFactId: string | null;
  updatedAt: string;
}

export const decisionRegisterProjection: Projection<DecisionRegisterRow, DecisionEvent> = {
  name: 'decision_register',
  handles: ['DecisionProposed', 'DecisionApproved', 'DecisionRejected', 'DecisionIssued', 'DecisionFactsUpdated', 'DecisionRevoked'],
  keys: (event) => [event.data.decisionId],
  evolve(row, event, decisionId) {
    if (event.type === 'DecisionProposed') {
      const d = event.data;
      return {
        decisionId,
        kind: d.kind,
        nip: d.nip,
        agencyId: d.agencyId,
        status: 'PROPOSED',
        effectiveDate: d.effectiveDate,
        factIds: d.factIds,
        issue: 0,
        reason: null,
        proposedBy: d.proposedBy,
        approvedBy: null,
        rejectedBy: null,
        issuedBy: null,
        changedFactId: null,
        updatedAt: d.proposedAt,
      };
    }
    if (row === null) return null;
    switch (event.type) {
      case 'DecisionApproved':
        return { ...row, status: 'APPROVED', approvedBy: event.data.approvedBy, updatedAt: event.data.approvedAt };
      case 'DecisionRejected':
        return { ...row, status: 'REJECTED', reason: event.data.reason, rejectedBy: event.data.rejectedBy, updatedAt: event.data.rejectedAt };
      case 'DecisionIssued':
        return {
          ...row,
          status: 'ISSUED',
          factIds: event.data.factIds, issue: event.data.issue,
          issuedBy: event.data.issuedBy,
          changedFactId: event.data.replacedFactId ?? row.changedFactId,
          updatedAt: event.data.issuedAt,
        };
      case 'DecisionFactsUpdated':
        return { ...row, factIds: event.data.factIds, changedFactId: event.data.replacedFactId, updatedAt: event.data.updatedAt };
      case 'DecisionRevoked':
        return { ...row, status: 'REVOKED', reason: event.data.reason, changedFactId: event.data.changedFactId, updatedAt: event.data.revokedAt };
      default:
        return row;
    }
  },
};
