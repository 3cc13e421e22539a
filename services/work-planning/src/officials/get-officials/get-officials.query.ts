import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';

export interface OfficialResponse {
  officialId: string;
  name: string;
  office: string;
}

/** The city officials (kepala daerah and the like): who leads the city is public. */
@Injectable()
export class GetOfficialsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<{ items: OfficialResponse[] }> {
    const rows: OfficialResponse[] = await this.dataSource.query(`SELECT official_id AS "officialId", name, office FROM official_view ORDER BY official_id`);
    return { items: rows };
  }

  async find(officialId: string): Promise<OfficialResponse | null> {
    const [row]: OfficialResponse[] = await this.dataSource.query(`SELECT official_id AS "officialId", name, office FROM official_view WHERE official_id = $1`, [officialId]);
    return row ?? null;
  }

  async get(officialId: string): Promise<OfficialResponse> {
    const row = await this.find(officialId);
    if (!row) throw notFound('OFFICIAL_NOT_FOUND', `Pejabat daerah ${officialId} tidak ditemukan.`);
    return row;
  }
}
