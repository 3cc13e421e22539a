import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsoDate } from '../../organisation/dates';
import { GetSupervisorQuery } from '../../organisation/get-supervisor/get-supervisor.query';
import { SkpStatus } from '../skp.decider';
import { referenceDate } from '../skp-lookups';
import { SkpView } from './skp-view.entity';

export interface AtasanRhkResponse {
  skpId: string;
  /** `nip`: the NIP, or the id of a city official (the kepala daerah rates the Sekda). */
  pejabatPenilai: { nip: string; nama: string | null } | null;
  /** The pejabat penilai's SKP covering the reference date, if they have one. */
  atasanSkp: { skpId: string; status: SkpStatus } | null;
  /** What this SKP's RHK may intervene on (menginduk); `approved`: in the version in force. */
  rhk: { rhkId: string; jenis: string; text: string; approved: boolean }[];
}

/** The RHK of the pejabat penilai of an SKP's period, to choose from when drafting (the cascade's level above). */
@Injectable()
export class GetAtasanRhkQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: GetSupervisorQuery,
  ) {}

  async run(row: SkpView, today: IsoDate): Promise<AtasanRhkResponse> {
    const on = referenceDate(today, { periodStart: row.periodStart, periodEnd: row.periodEnd });
    const penilai = (await this.organisation.chainOf(row.nip, on)).pejabatPenilai;
    if (!penilai) return { skpId: row.skpId, pejabatPenilai: null, atasanSkp: null, rhk: [] };
    // A city official (the kepala daerah) has no SKP: a JPT's RHK come from the Perjanjian Kinerja.
    if (penilai.nip === null) return { skpId: row.skpId, pejabatPenilai: { nip: penilai.id, nama: penilai.name }, atasanSkp: null, rhk: [] };
    const [person] = await this.dataSource.query(`SELECT name FROM employee_view WHERE nip = $1`, [penilai.nip]);
    const [skp]: { skp_id: string; status: SkpStatus }[] = await this.dataSource.query(
      `SELECT skp_id, status FROM skp_view WHERE nip = $1 AND period_start <= $2 AND period_end >= $2 ORDER BY period_start DESC LIMIT 1`,
      [penilai.nip, on],
    );
    const rhk: { rhk_id: string; jenis: string; text: string; approved: boolean }[] = skp
      ? await this.dataSource.query(`SELECT rhk_id, jenis, text, approved FROM rhk_view WHERE skp_id = $1 AND (approved OR in_draft) ORDER BY jenis DESC, rhk_id`, [
          skp.skp_id,
        ])
      : [];
    return {
      skpId: row.skpId,
      pejabatPenilai: { nip: penilai.nip, nama: person?.name ?? null },
      atasanSkp: skp ? { skpId: skp.skp_id, status: skp.status } : null,
      rhk: rhk.map((r) => ({ rhkId: r.rhk_id, jenis: r.jenis, text: r.text, approved: r.approved })),
    };
  }
}
