import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EvaluationFacts } from '../../predicate.rules';
import { RecordedFactsView } from './recorded-facts.entity';

@Injectable()
export class GetRecordedFactsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async of(evaluationId: string): Promise<EvaluationFacts | null> {
    return (await this.dataSource.getRepository(RecordedFactsView).findOneBy({ evaluationId }))?.facts ?? null;
  }
}
