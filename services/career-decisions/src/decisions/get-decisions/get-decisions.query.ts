import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DecisionRegisterView } from './decision-register.entity';
import { ReplacedFactView } from './replaced-fact.entity';

/** A register row with the employee's name and the predicate change that re-issued or revoked it. */
export interface DecisionRegisterItem extends DecisionRegisterView {
  name: string | null;
  factChange: Omit<ReplacedFactView, 'nip'> | null;
}

@Injectable()
export class GetDecisionsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async ofAgency(agencyId: string, status?: string): Promise<DecisionRegisterItem[]> {
    const rows = await this.dataSource
      .getRepository(DecisionRegisterView)
      .find({ where: { agencyId, ...(status ? { status: status as DecisionRegisterView['status'] } : {}) }, order: { decisionId: 'ASC' } });
    const nips = [...new Set(rows.map((r) => r.nip))];
    const changed = [...new Set(rows.flatMap((r) => (r.changedFactId ? [r.changedFactId] : [])))];
    const names: { nip: string; name: string }[] = nips.length ? await this.dataSource.query(`SELECT nip, name FROM employee_directory WHERE nip = ANY($1)`, [nips]) : [];
    const changes = changed.length ? await this.dataSource.getRepository(ReplacedFactView).find({ where: { previousFactId: In(changed) } }) : [];
    const nameOf = new Map(names.map((n) => [n.nip, n.name]));
    const changeOf = new Map(changes.map(({ nip: _nip, ...c }) => [c.previousFactId, c]));
    return rows.map((r) => ({ ...r, name: nameOf.get(r.nip) ?? null, factChange: (r.changedFactId && changeOf.get(r.changedFactId)) || null }));
  }

  /** Ids of the employee's proposed, approved or issued decisions of a kind effective in `year`. */
  async liveOfKindInYear(nip: string, kind: string, year: string): Promise<string[]> {
    const rows: { decision_id: string }[] = await this.dataSource.query(
      `SELECT decision_id FROM decision_register WHERE nip = $1 AND kind = $2 AND status IN ('PROPOSED', 'APPROVED', 'ISSUED') AND left(effective_date, 4) = $3`,
      [nip, kind, year],
    );
    return rows.map((row) => row.decision_id);
  }

  one(decisionId: string): Promise<DecisionRegisterView | null> {
    return this.dataSource.getRepository(DecisionRegisterView).findOne({ where: { decisionId } });
  }
}
