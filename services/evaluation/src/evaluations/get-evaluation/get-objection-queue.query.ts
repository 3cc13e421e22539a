import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, assertAccess, Clock, CLOCK } from '@kinerja/platform';
import { EvaluationConfig } from '../../config';
import { EVALUATION_POLICY } from '../../policy';
import { localDateOf } from '../../local-date';
import { EVALUATION_CONFIG } from '../../tokens';
import { EvaluationView } from './evaluation-view.entity';
import { ObjectionView } from './evaluation-view.projection';
import { ObjectionProgress, objectionProgress } from './objection-queue.rules';

export interface ObjectionQueueResponse {
  atasanId: string;
  open: boolean;
  objections: {
    evaluationId: string;
    employeeId: string;
    periodId: string;
    agencyId: string;
    assessorId: string;
    /** OBJECTED while undecided, FINALIZED once decided. */
    status: string;
    ratingHasil: string;
    ratingPerilaku: string;
    predicate: string;
    ruleSetVersion: string;
    objection: ObjectionView;
    /** Where it stands (awaiting explanations, ready, decided) and the deadline, when the rule set has one. */
    progress: ObjectionProgress;
  }[];
}

/** The keberatan an atasan pejabat penilai has to decide (PP 30/2019 Pasal 59), oldest first; with open=false also the decided ones. */
@Injectable()
export class GetObjectionQueueQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(atasanId: string, open: boolean, actor: Actor): Promise<ObjectionQueueResponse> {
    assertAccess(actor, { nip: atasanId, agencyId: null }, EVALUATION_POLICY.readObjectionQueue);
    const query = this.dataSource
      .getRepository(EvaluationView)
      .createQueryBuilder('e')
      .where(`e.objection ->> 'atasanId' = :atasanId`, { atasanId })
      .orderBy(`e.objection ->> 'filedAt'`, 'ASC');
    if (open) query.andWhere(`jsonb_typeof(e.objection -> 'decision') IS DISTINCT FROM 'object'`);
    const rows = await query.getMany();
    const timeZone = this.config.CITY_TIME_ZONE;
    const today = localDateOf(this.clock.now(), timeZone);
    const ruleSetOf = (version: string) => this.config.ruleSets.find((r) => r.version === version) ?? null;
    return {
      atasanId,
      open,
      objections: rows.map((r) => ({
        evaluationId: r.evaluationId,
        employeeId: r.employeeId,
        periodId: r.periodId,
        agencyId: r.agencyId,
        assessorId: r.assessorId,
        status: r.status,
        ratingHasil: r.ratingHasil,
        ratingPerilaku: r.ratingPerilaku,
        predicate: r.predicate,
        ruleSetVersion: r.ruleSetVersion,
        objection: r.objection!,
        progress: objectionProgress(r.objection!, ruleSetOf(r.ruleSetVersion), today, timeZone),
      })),
    };
  }
}
