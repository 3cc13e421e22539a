import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OpenWindowCursor {
  closesAt: Date;
  evaluationId: string;
}

/** Evaluations whose keberatan window closed before `now` without an objection, oldest first (keyset pages). */
@Injectable()
export class GetOpenObjectionWindowsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async closedBefore(now: Date, limit: number, after: OpenWindowCursor | null = null): Promise<OpenWindowCursor[]> {
    const rows: { evaluation_id: string; closes_at: Date }[] = after
      ? await this.dataSource.query(
          `SELECT evaluation_id, closes_at FROM open_objection_window
           WHERE closes_at < $1 AND (closes_at, evaluation_id) > ($2, $3) ORDER BY closes_at, evaluation_id LIMIT $4`,
          [now, after.closesAt, after.evaluationId, limit],
        )
      : await this.dataSource.query(
          `SELECT evaluation_id, closes_at FROM open_objection_window WHERE closes_at < $1 ORDER BY closes_at, evaluation_id LIMIT $2`,
          [now, limit],
        );
    return rows.map((r) => ({ evaluationId: r.evaluation_id, closesAt: r.closes_at }));
  }
}
