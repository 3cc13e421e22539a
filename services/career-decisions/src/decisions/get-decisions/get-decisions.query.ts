import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionRegisterView } from './decision-register.entity';

@Injectable()
export class GetDecisionsQuery {
  constructor(private readonly dataSource: DataSource) {}

  ofAgency(agencyId: string, status?: string): Promise<DecisionRegisterView[]> {
    return this.dataSource.getRepository(DecisionRegisterView).find({ where: { agencyId, ...(status ? { status: status as DecisionRegisterView['status'] } : {}) }, order: { decisionId: 'ASC' } });
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
