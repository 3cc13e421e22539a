import { Inject, Injectable } from '@nestjs/common';
import { invalid, notFound } from '@kinerja/domain';
import { EventStore, readState } from '@kinerja/event-store';
import { EvaluationConfig } from '../config';
import { localDateOf, LocalDate } from '../local-date';
import { OrgChart } from '../organisation/org-chart.rules';
import { OrganisationDirectory } from '../organisation/organisation.service';
import { parsePeriodId } from '../period-id';
import { RuleSet, ruleSetByVersion, ruleSetInForce } from '../rule-sets/rule-set';
import { EVALUATION_CONFIG, EVENT_STORE } from '../tokens';
import { calendarId, calendarStream, evaluationCalendarDecider, EvaluationCalendarState } from './evaluation-calendar.decider';
import { EvaluationPeriod } from './evaluation-calendar.events';

/**
 * The look-ups every slice makes about a period (STYLE §4): the period from its agency's calendar
 * stream, the rule set in force for it, the city's time zone and the organisation chart that counts.
 */
@Injectable()
export class PeriodLookups {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
    private readonly organisation: OrganisationDirectory,
  ) {}

  get timeZone(): string {
    return this.config.CITY_TIME_ZONE;
  }

  get ruleSets(): readonly RuleSet[] {
    return this.config.ruleSets;
  }

  calendar(agencyId: string, year: number): Promise<EvaluationCalendarState> {
    return readState(this.store, calendarStream(calendarId(agencyId, year)), evaluationCalendarDecider);
  }

  /** An agency's evaluation period, `<agencyId>:<year>:<code>`; any other form is a 400 naming `periodId`. */
  async period(periodId: string): Promise<EvaluationPeriod> {
    const parsed = parsePeriodId(periodId);
    if (!parsed)
      throw invalid(
        'INVALID_PERIOD_ID',
        'Periode penilaian berbentuk <kode instansi>:<tahun>:<kode periode>, mis. DINKES:2026:S1, DINKES:2026:Q2, DINKES:2026:M04 atau DINKES:2026:ANNUAL.',
        'periodId',
      );
    const calendar = await this.calendar(parsed.agencyId, parsed.year);
    const period = calendar.status === 'SET_UP' ? calendar.periods.find((p) => p.periodId === periodId) : undefined;
    if (period) return period;
    throw notFound('PERIOD_NOT_FOUND', `Periode penilaian ${periodId} tidak ditemukan`);
  }

  agencyOf(period: EvaluationPeriod): string {
    return parsePeriodId(period.periodId)!.agencyId;
  }

  /** The organisation that counts for a period: as it is today while the period runs, as it was on its last day after. */
  asOfDate(period: EvaluationPeriod, now: Date): LocalDate {
    const today = localDateOf(now, this.timeZone);
    if (today < period.startDate) return period.startDate;
    return today > period.endDate ? period.endDate : today;
  }

  chart(period: EvaluationPeriod, now: Date): Promise<OrgChart> {
    return this.organisation.chartOf(this.agencyOf(period), this.asOfDate(period, now));
  }

  ruleSetFor(period: EvaluationPeriod): RuleSet {
    return ruleSetInForce(this.ruleSets, period.endDate);
  }

  ruleSetVersion(version: string): RuleSet {
    return ruleSetByVersion(this.ruleSets, version);
  }
}
