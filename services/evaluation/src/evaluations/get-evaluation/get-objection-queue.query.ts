import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { EvaluationView } from './evaluation-view.entity';
import { ObjectionView } from './evaluation-view.projection';

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
    objection: ObjectionView;
  }[];
}

/** The keberatan an atasan pejabat penilai has to decide (PP 30/2019 Pasal 59), oldest first; with open=false also the decided ones. */
@Injectable()
export class GetObjectionQueueQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(atasanId: string, open: boolean, actor: Actor): Promise<ObjectionQueueResponse> {
    if (actor.id !== atasanId && actor.role !== 'ADMIN_CITY' && actor.role !== 'AUDITOR') {
      throw forbidden('NOT_ALLOWED', 'Hanya atasan pejabat penilai yang bersangkutan, admin kota dan auditor yang dapat melihat antrean keberatan ini');
    }
    const query = this.dataSource
      .getRepository(EvaluationView)
      .createQueryBuilder('e')
      .where(`e.objection ->> 'atasanId' = :atasanId`, { atasanId })
      .orderBy(`e.objection ->> 'filedAt'`, 'ASC');
    if (open) query.andWhere(`jsonb_typeof(e.objection -> 'decision') IS DISTINCT FROM 'object'`);
    const rows = await query.getMany();
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
        objection: r.objection!,
      })),
    };
  }
}
