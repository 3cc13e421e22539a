import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { DirectoryUnit } from '../../directory/directory.entities';
import { IkmResultView } from './ikm-result.entity';
import { ikmResultKey, IkmResultRow } from './ikm-result.projection';

/** The row without its key, `computedAt` as ISO 8601. */
export type IkmResponse = Omit<IkmResultRow, 'key' | 'computedAt'> & {
  computedAt: string | null;
};

/** A dashboard's entry: the IKM with the unit's name as the directory has it (null for a unit no longer in it). */
export type IkmOfYearEntry = IkmResponse & { unitName: string | null };

/** IKM per unit and period: public information (PermenPANRB 14/2017 asks for publication). */
@Injectable()
export class GetIkmQuery {
  constructor(private readonly dataSource: DataSource) {}

  async one(unitId: string, periodId: string): Promise<IkmResponse> {
    const row = await this.dataSource.getRepository(IkmResultView).findOneBy({ key: ikmResultKey(unitId, periodId) });
    if (!row) throw notFound('SURVEY_PERIOD_NOT_FOUND', 'Periode survei untuk unit ini belum dibuka.');
    return toResponse(row);
  }

  /** Every unit's SKM periods of a year (`2026`, `2026-S1` ...), of one agency or of the city, for the dashboards. */
  async ofYear(year: number, agencyId?: string): Promise<IkmOfYearEntry[]> {
    const rows = await this.dataSource
      .getRepository(IkmResultView)
      .createQueryBuilder('r')
      .where("(r.period_id = :year OR r.period_id LIKE :prefix)", { year: String(year), prefix: `${year}-%` })
      .andWhere(agencyId ? 'r.agency_id = :agencyId' : 'TRUE', agencyId ? { agencyId } : {})
      .orderBy('r.agency_id')
      .addOrderBy('r.unit_id')
      .addOrderBy('r.period_id')
      .getMany();
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    const units = unitIds.length === 0 ? [] : await this.dataSource.getRepository(DirectoryUnit).find({ select: { unitId: true, name: true }, where: { unitId: In(unitIds) } });
    const names = new Map(units.map((u) => [u.unitId, u.name]));
    return rows.map((row) => ({ ...toResponse(row), unitName: names.get(row.unitId) ?? null }));
  }

  async forUnit(unitId: string): Promise<IkmResponse[]> {
    const rows = await this.dataSource.getRepository(IkmResultView).find({ where: { unitId }, order: { periodId: 'ASC' } });
    return rows.map(toResponse);
  }
}

function toResponse(row: IkmResultView): IkmResponse {
  const { key: _key, computedAt, ...rest } = row;
  return { ...rest, computedAt: computedAt?.toISOString() ?? null };
}
