import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionKind } from '../decision.events';
import { ReplacedFactRow } from './replaced-fact.projection';

/** A live decision that cites a replaced fact, with the change. */
export interface DecisionToReEvaluate {
  decisionId: string;
  kind: DecisionKind;
  nip: string;
  effectiveDate: string;
  factIds: string[];
  change: Omit<ReplacedFactRow, 'previousPredicate' | 'predicate'>;
}

/**
 * Proposed, approved or issued decisions that still cite a fact another one replaced, in the order
 * of the changes (keyset pages). A decision drops out once re-evaluated (its facts are replaced, or
 * it is revoked).
 */
@Injectable()
export class GetDecisionsToReEvaluateQuery {
  constructor(private readonly dataSource: DataSource) {}

  async page(limit: number, after: DecisionToReEvaluate | null): Promise<DecisionToReEvaluate[]> {
    const rows: {
      decision_id: string;
      kind: DecisionKind;
      nip: string;
      effective_date: string;
      fact_ids: string[];
      previous_fact_id: string;
      fact_id: string;
      year: number;
      reason: ReplacedFactRow['reason'];
      changed_at: string;
      change_event_id: string;
    }[] = await this.dataSource.query(
      `SELECT d.decision_id, d.kind, d.nip, d.effective_date, d.fact_ids, c.previous_fact_id, c.fact_id, c.year, c.reason, c.changed_at, c.change_event_id
         FROM replaced_fact c JOIN decision_register d ON d.fact_ids @> jsonb_build_array(c.previous_fact_id)
        WHERE d.status IN ('PROPOSED', 'APPROVED', 'ISSUED')
          AND ($1::text IS NULL OR (c.changed_at, c.previous_fact_id, d.decision_id) > ($1, $2, $3))
        ORDER BY c.changed_at, c.previous_fact_id, d.decision_id LIMIT $4`,
      [after?.change.changedAt ?? null, after?.change.previousFactId ?? '', after?.decisionId ?? '', limit],
    );
    return rows.map((r) => ({
      decisionId: r.decision_id,
      kind: r.kind,
      nip: r.nip,
      effectiveDate: r.effective_date,
      factIds: r.fact_ids,
      change: { previousFactId: r.previous_fact_id, factId: r.fact_id, nip: r.nip, year: r.year, reason: r.reason, changedAt: r.changed_at, changeEventId: r.change_event_id },
    }));
  }
}
