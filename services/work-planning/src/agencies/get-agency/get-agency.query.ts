import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { AgencyView } from './agency-view.entity';

export interface AgencyResponse {
  id: string;
  code: string;
  name: string;
  registeredAt: string;
}

/** Any authenticated user may read an agency: the list of OPD is not confidential. */
@Injectable()
export class GetAgencyQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(agencyId: string): Promise<AgencyResponse> {
    const row = await this.dataSource.getRepository(AgencyView).findOneBy({ agencyId });
    if (!row) throw notFound('AGENCY_NOT_FOUND', `OPD ${agencyId} tidak ditemukan.`);
    return { id: row.agencyId, code: row.code, name: row.name, registeredAt: row.registeredAt.toISOString() };
  }
}
