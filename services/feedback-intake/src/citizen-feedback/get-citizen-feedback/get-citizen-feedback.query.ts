import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CitizenFeedbackView } from './citizen-feedback-view.entity';

export interface CitizenFeedbackItem {
  feedbackId: string;
  unitId: string;
  counterId: string | null;
  /** The employee the citizen named, if any. */
  employeeId: string | null;
  /** 1 (tidak baik) to 4 (sangat baik). */
  rating: number;
  comment: string | null;
  channel: string;
  receivedAt: string;
}

export interface CitizenFeedbackResponse {
  /** Over every feedback in the range, not only this page. */
  summary: { count: number; meanRating: number | null; byRating: { '1': number; '2': number; '3': number; '4': number } };
  items: CitizenFeedbackItem[];
  limit: number;
  offset: number;
}

export interface CitizenFeedbackFilter {
  /** Inclusive instants; absent: unbounded. */
  from?: Date;
  before?: Date;
  limit: number;
  offset: number;
}

/** Citizens' ratings and comments about an employee or a unit, newest first, with a summary (never who the citizen is). */
@Injectable()
export class GetCitizenFeedbackQuery {
  constructor(private readonly dataSource: DataSource) {}

  forEmployee(employeeId: string, filter: CitizenFeedbackFilter): Promise<CitizenFeedbackResponse> {
    return this.run('employee_id', employeeId, filter);
  }

  forUnit(unitId: string, filter: CitizenFeedbackFilter): Promise<CitizenFeedbackResponse> {
    return this.run('unit_id', unitId, filter);
  }

  private async run(column: 'employee_id' | 'unit_id', id: string, filter: CitizenFeedbackFilter): Promise<CitizenFeedbackResponse> {
    const where = (q: ReturnType<typeof this.builder>) => {
      q.where(`f.${column} = :id`, { id });
      if (filter.from) q.andWhere('f.received_at >= :from', { from: filter.from });
      if (filter.before) q.andWhere('f.received_at < :before', { before: filter.before });
      return q;
    };
    const counts: { rating: number; count: string }[] = await where(this.builder()).select('f.rating', 'rating').addSelect('count(*)', 'count').groupBy('f.rating').getRawMany();
    const byRating = { '1': 0, '2': 0, '3': 0, '4': 0 };
    for (const c of counts) byRating[String(c.rating) as keyof typeof byRating] = Number(c.count);
    const count = Object.values(byRating).reduce((a, b) => a + b, 0);
    const sum = Object.entries(byRating).reduce((a, [rating, n]) => a + Number(rating) * n, 0);
    const rows = await where(this.builder()).orderBy('f.received_at', 'DESC').addOrderBy('f.feedback_id', 'ASC').limit(filter.limit).offset(filter.offset).getMany();
    return {
      summary: { count, meanRating: count === 0 ? null : Math.round((sum / count) * 100) / 100, byRating },
      items: rows.map((r) => ({
        feedbackId: r.feedbackId,
        unitId: r.unitId,
        counterId: r.counterId,
        employeeId: r.employeeId,
        rating: r.rating,
        comment: r.comment,
        channel: r.channel,
        receivedAt: r.receivedAt.toISOString(),
      })),
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  private builder() {
    return this.dataSource.getRepository(CitizenFeedbackView).createQueryBuilder('f');
  }
}
