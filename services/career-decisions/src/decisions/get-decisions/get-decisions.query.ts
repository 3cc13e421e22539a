import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionRegisterView } from './decision-register.entity';

@Injectable()
export class GetDecisionsQuery {
  constructor(private readonly dataSource: DataSource) {}

  ofAgency(agencyId: string, status?: string): Promise<DecisionRegisterView[]> {
    return this.dataSource.getRepository(DecisionRegisterView).find({ where: { agencyId, ...(status ? { status: status as DecisionRegisterView['status'] } : {}) }, order: { decisionId: 'ASC' } });
  }

  one(decisionId: string): Promise<DecisionRegisterView | null> {
    return this.dataSource.getRepository(DecisionRegisterView).findOne({ where: { decisionId } });
  }
}
