import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, invalid, notFound } from '@kinerja/domain';
import { AdminScope, administers } from '../command';
import { isLocalDate, lastDayOfMonth, localDate, LocalDate } from '../local-date';
import { Cadence, FillDeadlineRule, isCadence, RuleSet } from '../rule-sets/rule-set';
import { EvaluationCalendarEvent, EvaluationPeriod, PeriodKind } from './evaluation-calendar.events';

/** One calendar per agency and year: its periodic cadence plus the annual evaluation (docs/regulations.md §4.4). */
export const calendarId = (agencyId: string, year: number) => `${agencyId}:${year}`;
export const calendarStream = (id: string) => `evaluation-calendar-${id}`;

export type SetUpEvaluationCalendar = Command<
  'SetUpEvaluationCalendar',
  {
    agencyId: string;
    year: number;
    cadence: Cadence;
    /** Admin overrides of the rule set's default fill deadlines, by period code. */
    fillDeadlines?: Readonly<Record<string, LocalDate>>;
  },
  /** ruleSet: in force on 1 January of the year; adminScope: the actor's administered agencies. */
  { ruleSet: RuleSet; adminScope: AdminScope }
>;

export type ChangeFillDeadline = Command<
  'ChangeFillDeadline',
  { calendarId: string; periodId: string; fillDeadline: LocalDate },
  { adminScope: AdminScope }
>;

export type EvaluationCalendarCommand = SetUpEvaluationCalendar | ChangeFillDeadline;

export type EvaluationCalendarState =
  | { status: 'NONE' }
  | { status: 'SET_UP'; calendarId: string; agencyId: string; year: number; cadence: Cadence; periods: EvaluationPeriod[] };

const ROMAN = ['I', 'II', 'III', 'IV'];
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function deadline(rule: FillDeadlineRule, year: number, endMonth: number): LocalDate {
  return endMonth === 12 ? localDate(year + 1, 1, rule.dayOfFollowingMonth) : localDate(year, endMonth + 1, rule.dayOfFollowingMonth);
}

/** The periods of a year: the cadence's periodic ones, then the annual one. */
export function planPeriods(ruleSet: RuleSet, agencyId: string, year: number, cadence: Cadence): EvaluationPeriod[] {
  const months = cadence === 'MONTHLY' ? 1 : cadence === 'QUARTERLY' ? 3 : 6;
  const period = (code: string, kind: PeriodKind, name: string, startMonth: number, endMonth: number): EvaluationPeriod => ({
    periodId: `${agencyId}:${year}:${code}`,
    code,
    kind,
    name,
    startDate: localDate(year, startMonth, 1),
    endDate: lastDayOfMonth(year, endMonth),
    fillDeadline: deadline(kind === 'ANNUAL' ? ruleSet.periods.fillDeadline.annual : ruleSet.periods.fillDeadline.periodic, year, endMonth),
  });
  const periods: EvaluationPeriod[] = [];
  for (let i = 0; i < 12 / months; i++) {
    const start = i * months + 1;
    const end = start + months - 1;
    switch (cadence) {
      case 'MONTHLY':
        periods.push(period(`M${String(i + 1).padStart(2, '0')}`, 'PERIODIC', `${BULAN[i]} ${year}`, start, end));
        break;
      case 'QUARTERLY':
        periods.push(period(`Q${i + 1}`, 'PERIODIC', `Triwulan ${ROMAN[i]} ${year}`, start, end));
        break;
      case 'SEMESTER':
        periods.push(period(`S${i + 1}`, 'PERIODIC', `Semester ${ROMAN[i]} ${year}`, start, end));
        break;
      default: {
        const _exhaustive: never = cadence;
        throw new Error(`unknown cadence ${String(_exhaustive)}`);
      }
    }
  }
  periods.push(period('ANNUAL', 'ANNUAL', `Tahunan ${year}`, 1, 12));
  return periods;
}

function checkDeadline(period: EvaluationPeriod, fillDeadline: unknown): LocalDate {
  if (!isLocalDate(fillDeadline)) throw invalid('INVALID_DATE', 'Batas pengisian harus tanggal YYYY-MM-DD', 'fillDeadline');
  if (fillDeadline < period.endDate)
    throw invalid('FILL_DEADLINE_BEFORE_PERIOD_END', `Batas pengisian ${period.name} tidak boleh sebelum ${period.endDate}`, 'fillDeadline');
  return fillDeadline;
}

export const initialState = (): EvaluationCalendarState => ({ status: 'NONE' });

export function evolve(state: EvaluationCalendarState, event: EvaluationCalendarEvent): EvaluationCalendarState {
  switch (event.type) {
    case 'EvaluationCalendarSetUp': {
      const { calendarId, agencyId, year, cadence, periods } = event.data;
      return { status: 'SET_UP', calendarId, agencyId, year, cadence, periods };
    }
    case 'FillDeadlineChanged':
      if (state.status !== 'SET_UP') return state;
      return {
        ...state,
        periods: state.periods.map((p) => (p.periodId === event.data.periodId ? { ...p, fillDeadline: event.data.fillDeadline } : p)),
      };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export function decide(command: EvaluationCalendarCommand, state: EvaluationCalendarState): EvaluationCalendarEvent[] {
  const { now, actor: { id: actorId } } = command.metadata;
  switch (command.type) {
    case 'SetUpEvaluationCalendar': {
      const { agencyId, year, cadence, fillDeadlines = {} } = command.data;
      const { ruleSet, adminScope } = command.lookups;
      if (!administers(adminScope, agencyId))
        throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin OPD ini atau BKPSDM yang dapat mengatur periode penilaian');
      if (state.status !== 'NONE') throw conflict('CALENDAR_EXISTS', `Periode penilaian ${agencyId} tahun ${year} sudah diatur`);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('INVALID_YEAR', 'Tahun tidak valid', 'year');
      if (!isCadence(cadence)) throw invalid('INVALID_CADENCE', 'Jenis periode harus MONTHLY, QUARTERLY atau SEMESTER', 'cadence');
      if (!ruleSet.periods.allowedCadences.includes(cadence))
        throw invalid('CADENCE_NOT_ALLOWED', `Jenis periode ${cadence} tidak diizinkan oleh aturan versi ${ruleSet.version}`, 'cadence');
      const planned = planPeriods(ruleSet, agencyId, year, cadence);
      for (const code of Object.keys(fillDeadlines))
        if (!planned.some((p) => p.code === code)) throw invalid('UNKNOWN_PERIOD', `Periode ${code} tidak ada`, 'fillDeadlines');
      const periods = planned.map((p) => (fillDeadlines[p.code] === undefined ? p : { ...p, fillDeadline: checkDeadline(p, fillDeadlines[p.code]) }));
      return [
        {
          type: 'EvaluationCalendarSetUp',
          data: {
            calendarId: calendarId(agencyId, year),
            agencyId,
            year,
            cadence,
            periods,
            ruleSetVersion: ruleSet.version,
            setUpBy: actorId,
            setUpAt: now.toISOString(),
          },
        },
      ];
    }
    case 'ChangeFillDeadline': {
      if (state.status !== 'SET_UP') throw notFound('CALENDAR_NOT_FOUND', 'Periode penilaian belum diatur');
      if (!administers(command.lookups.adminScope, state.agencyId))
        throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin OPD ini atau BKPSDM yang dapat mengubah batas pengisian');
      const period = state.periods.find((p) => p.periodId === command.data.periodId);
      if (!period) throw notFound('PERIOD_NOT_FOUND', `Periode ${command.data.periodId} tidak ditemukan`);
      const fillDeadline = checkDeadline(period, command.data.fillDeadline);
      if (fillDeadline === period.fillDeadline) return [];
      return [
        {
          type: 'FillDeadlineChanged',
          data: {
            calendarId: state.calendarId,
            periodId: period.periodId,
            fillDeadline,
            previousFillDeadline: period.fillDeadline,
            changedBy: actorId,
            changedAt: now.toISOString(),
          },
        },
      ];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const evaluationCalendarDecider: Decider<EvaluationCalendarCommand, EvaluationCalendarEvent, EvaluationCalendarState> = {
  initialState,
  evolve,
  decide,
};
