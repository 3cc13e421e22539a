import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { FeedbackTimelineView } from './feedback-timeline.entity';
import { FeedbackTimelineRow } from './feedback-timeline.projection';

export type FeedbackTimelineItem = Omit<FeedbackTimelineRow, 'givenAt' | 'respondedAt'> & { givenAt: string; respondedAt: string | null };

/** An employee's umpan balik berkelanjutan, newest first. */
@Injectable()
export class GetFeedbackTimelineQuery {
  constructor(private readonly dataSource: DataSource) {}

  async forEmployee(employeeId: string, periodId?: string): Promise<FeedbackTimelineItem[]> {
    const rows = await this.dataSource.getRepository(FeedbackTimelineView).find({
      where: { employeeId, ...(periodId ? { periodId } : {}) },
      order: { givenAt: 'DESC', feedbackId: 'ASC' },
      take: 500,
    });
    return rows.map(toItem);
  }

  async one(feedbackId: string): Promise<FeedbackTimelineItem> {
    const row = await this.dataSource.getRepository(FeedbackTimelineView).findOneBy({ feedbackId });
    if (!row) throw notFound('FEEDBACK_NOT_FOUND', 'Umpan balik tidak ditemukan.');
    return toItem(row);
  }
}

function toItem(row: FeedbackTimelineView): FeedbackTimelineItem {
  return { ...row, givenAt: row.givenAt.toISOString(), respondedAt: row.respondedAt?.toISOString() ?? null };
}
