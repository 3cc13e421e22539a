import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource, In } from 'typeorm';
import { isPeriodId, PERIOD_ID_DESCRIPTION, PERIOD_ID_MESSAGE } from '@kinerja/contracts';
import { invalid } from '@kinerja/domain';
import { Actor, Clock, CLOCK, CurrentActor } from '@kinerja/platform';
import { GetSkpQuery } from '../skps/get-skp/get-skp.query';
import { RealisationView } from './get-realisations/realisation-view.entity';

export interface EmployeeRealisationsResponse {
  nip: string;
  periodId: string | null;
  realisations: {
    skpId: string;
    periodId: string;
    ikiId: string;
    revision: number;
    value: number | null;
    narrative: string | null;
    evidenceCount: number;
    occurredOn: string;
    recordedAt: string;
    late: boolean;
  }[];
}

/** An employee's own realisations across their SKPs (issue 14 §5), optionally for one period of the vocabulary. */
@ApiTags('realisations')
@Controller('employees/:nip/realisations')
export class EmployeeRealisationsController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly getSkp: GetSkpQuery,
  ) {}

  @Get()
  @ApiOperation({
    summary: "An employee's realisations across their SKPs, newest period first (whoever may read the SKPs: the employee, their superiors, admins, auditors).",
  })
  @ApiQuery({ name: 'periodId', required: false, description: PERIOD_ID_DESCRIPTION })
  async list(@Param('nip') nip: string, @Query('periodId') periodId: string | undefined, @CurrentActor() actor: Actor): Promise<EmployeeRealisationsResponse> {
    if (periodId !== undefined && !isPeriodId(periodId)) throw invalid('PERIOD_UNKNOWN', PERIOD_ID_MESSAGE, 'periodId');
    const today = this.clock.now().toISOString().slice(0, 10);
    const skpIds: string[] = (await this.dataSource.query(`SELECT skp_id FROM skp_view WHERE nip = $1`, [nip])).map((r: { skp_id: string }) => r.skp_id);
    for (const skpId of skpIds) await this.getSkp.row(skpId, actor, today);
    const rows = skpIds.length
      ? await this.dataSource.getRepository(RealisationView).find({
          where: periodId ? { skpId: In(skpIds), periodId } : { skpId: In(skpIds) },
          order: { periodId: 'DESC', ikiId: 'ASC' },
        })
      : [];
    return {
      nip,
      periodId: periodId ?? null,
      realisations: rows.map((r) => ({
        skpId: r.skpId,
        periodId: r.periodId,
        ikiId: r.ikiId,
        revision: r.revision,
        value: r.value,
        narrative: r.narrative,
        evidenceCount: r.evidence.length,
        occurredOn: r.occurredOn,
        recordedAt: r.recordedAt.toISOString(),
        late: r.late,
      })),
    };
  }
}
