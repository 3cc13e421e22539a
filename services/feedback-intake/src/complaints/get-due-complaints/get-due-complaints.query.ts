import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DueComplaint {
  complaintId: string;
  dueAt: Date;
}

/** Open complaints whose deadline passed by `now` and whose breach is not recorded, by deadline (keyset pages). */
@Injectable()
export class GetDueComplaintsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async page(now: Date, limit: number, after: DueComplaint | null): Promise<DueComplaint[]> {
    const rows: { complaint_id: string; due_at: Date }[] = await this.dataSource.query(
      `SELECT complaint_id, due_at FROM due_complaint
        WHERE due_at <= $1 AND ($2::timestamptz IS NULL OR (due_at, complaint_id) > ($2, $3))
        ORDER BY due_at, complaint_id LIMIT $4`,
      [now, after?.dueAt ?? null, after?.complaintId ?? '', limit],
    );
    return rows.map((r) => ({ complaintId: r.complaint_id, dueAt: r.due_at }));
  }
}
