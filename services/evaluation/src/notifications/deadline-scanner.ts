import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { EvaluationConfig } from '../config';
import { evaluationIdOf } from '../evaluations/evaluation.decider';
import { EvaluationView } from '../evaluations/get-evaluation/evaluation-view.entity';
import { factsPeriodOf } from '../facts/facts-lookups';
import { daysBetween, localDateOf } from '../local-date';
import { OrganisationDirectory } from '../organisation/organisation.service';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { periodOfRow, PeriodView } from '../periods/get-periods/period-view.entity';
import { PeriodLookups } from '../periods/period-lookups';
import { EVALUATION_CONFIG } from '../tokens';
import { GetCurveQuery } from '../unit-evaluations/get-curve/get-curve.query';
import { NotificationDraft, personOf } from './notification.rules';


/**
 * The time-based notifications: for every period whose batas pengisian is NOTIFICATION_REMINDER_DAYS
 * away today (city time), the employees with an SKP who recorded no realisation for it
 * (REALISATION_DUE), each pejabat penilai with team members not yet rated once the period ended
 * (RATINGS_DUE), and for an annual period the agency's HR (ADMIN_OPD) when units still fail the
 * distribution curve before penetapan (CURVE_UNMET); and the head of a unit whose open complaint
 * reaches its SLA deadline within NOTIFICATION_SLA_WARNING_HOURS (COMPLAINT_SLA_NEAR). Ids name the period, the days left and the
 * recipient, so scanning the same day again records nothing.
 */
@Injectable()
export class DeadlineScanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly periods: PeriodLookups,
    private readonly curve: GetCurveQuery,
    private readonly organisation: OrganisationDirectory,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
  ) {}

  async due(now: Date): Promise<NotificationDraft[]> {
    const today = localDateOf(now, this.config.CITY_TIME_ZONE);
    const year = Number(today.slice(0, 4));
    const rows = await this.dataSource.getRepository(PeriodView).find({ where: { year: In([year - 1, year]) } });
    const drafts: NotificationDraft[] = [];
    for (const row of rows) {
      const daysLeft = daysBetween(today, row.fillDeadline);
      if (!this.config.NOTIFICATION_REMINDER_DAYS.includes(daysLeft)) continue;
      const period = periodOfRow(row);
      const common = { periodId: row.periodId, periodName: row.name, deadline: row.fillDeadline, daysLeft };
      const id = (kind: string, recipient: string) => `${kind}:${row.periodId}:${daysLeft}:${recipient}`;
      for (const nip of await this.withoutRealisations(row.agencyId, period))
        drafts.push({ notificationId: id('REALISATION_DUE', nip), recipient: nip, kind: 'REALISATION_DUE', params: common });
      if (row.endDate < today) {
        for (const [penilai, count] of await this.unrated(period, now))
          drafts.push({ notificationId: id('RATINGS_DUE', penilai), recipient: penilai, kind: 'RATINGS_DUE', params: { ...common, count } });
      }
      if (row.kind === 'ANNUAL') {
        const agency = await this.curve.agency(period, row.agencyId, await this.periods.chart(period, now), this.periods.ruleSetFor(period));
        if (agency.summary.unitsFailing > 0)
          for (const hr of await this.hrOf(row.agencyId))
            drafts.push({ notificationId: id('CURVE_UNMET', hr), recipient: hr, kind: 'CURVE_UNMET', params: { ...common, unitsFailing: agency.summary.unitsFailing } });
      }
    }
    return [...drafts, ...(await this.complaintsNearBreach(now, today))];
  }

  /** Open complaints whose SLA deadline falls within NOTIFICATION_SLA_WARNING_HOURS: to the head of the unit, once per deadline. */
  private async complaintsNearBreach(now: Date, today: string): Promise<NotificationDraft[]> {
    const rows: { complaint_id: string; agency_id: string; unit_id: string; due_at: Date }[] = await this.dataSource.query(
      `SELECT complaint_id, agency_id, unit_id, due_at FROM notification_complaint WHERE open AND due_at > $1 AND due_at <= $2 ORDER BY due_at, complaint_id`,
      [now.toISOString(), new Date(now.getTime() + this.config.NOTIFICATION_SLA_WARNING_HOURS * 3_600_000).toISOString()],
    );
    const drafts: NotificationDraft[] = [];
    for (const row of rows) {
      const head = (await this.organisation.chartOf(row.agency_id, today)).leadershipOf(row.unit_id).unitLeaderId;
      if (!head) continue;
      const dueAt = row.due_at.toISOString();
      drafts.push({ notificationId: `COMPLAINT_SLA_NEAR:${row.complaint_id}:${dueAt}:${head}`, recipient: head, kind: 'COMPLAINT_SLA_NEAR', params: { complaintId: row.complaint_id, unitId: row.unit_id, dueAt } });
    }
    return drafts;
  }

  /** Employees of the agency with an SKP covering the period and no realisation recorded for it. */
  private async withoutRealisations(agencyId: string, period: EvaluationPeriod): Promise<string[]> {
    const rows: { nip: string }[] = await this.dataSource.query(
      `SELECT DISTINCT s.nip FROM skp_copy s
       WHERE s.agency_id = $1 AND s.period_start <= $3 AND s.period_end >= $2
         AND NOT EXISTS (SELECT 1 FROM realisation_copy r WHERE r.nip = s.nip AND r.period_id = $4)
       ORDER BY s.nip`,
      [agencyId, period.startDate, period.endDate, factsPeriodOf(period)],
    );
    return rows.map((r) => r.nip);
  }

  /** Pejabat penilai → how many of those they rate for the period have no rating yet. */
  private async unrated(period: EvaluationPeriod, now: Date): Promise<Map<string, number>> {
    const chart = await this.periods.chart(period, now);
    const chains = chart.employees().map((nip) => chart.chainOf(nip)).filter((c) => c.pejabatPenilaiId !== null);
    const rated = new Set(
      chains.length === 0
        ? []
        : (await this.dataSource.getRepository(EvaluationView).findBy({ evaluationId: In(chains.map((c) => evaluationIdOf(period.periodId, c.nip))) })).map((e) => e.evaluationId),
    );
    const counts = new Map<string, number>();
    for (const chain of chains) {
      if (rated.has(evaluationIdOf(period.periodId, chain.nip))) continue;
      const penilai = personOf(chain.pejabatPenilaiId!);
      counts.set(penilai, (counts.get(penilai) ?? 0) + 1);
    }
    return counts;
  }

  private async hrOf(agencyId: string): Promise<string[]> {
    const rows: { nip: string }[] = await this.dataSource
      .query(`SELECT nip FROM role_grant_copy WHERE role = 'ADMIN_OPD' AND agency_id = $1 ORDER BY nip`, [agencyId])
      .catch(() => []);
    return rows.map((r) => r.nip);
  }
}
