import { Projection } from '@kinerja/domain';
import { Employment } from '../performance-record.decider';
import { AnnualPredicate, isFinal, PerformanceRecordEvent } from '../performance-record.events';

export interface EmployeeRecordRow {
  nip: string;
  /** From the employment facts, else the agency of the latest predicate. */
  agencyId: string | null;
  employment: Employment | null;
  /** Year → predicate; `final` is false while a keberatan may still change it. Rows written before `final` existed lack it (= final). */
  years: Record<string, AnnualPredicate>;
  /** Year → fact id of the pegawai teladan naming. */
  teladan: Record<string, string>;
}

export const employeeRecordProjection: Projection<EmployeeRecordRow, PerformanceRecordEvent> = {
  name: 'employee_record_view',
  handles: ['AnnualPredicateRecorded', 'AnnualPredicateChanged', 'AnnualPredicateFinalized', 'EmploymentRecorded', 'PegawaiTeladanNamed'],
  keys: (event) => [event.data.nip],
  evolve(row, event, nip) {
    const current: EmployeeRecordRow = row ?? { nip, agencyId: null, employment: null, years: {}, teladan: {} };
    switch (event.type) {
      case 'AnnualPredicateRecorded':
      case 'AnnualPredicateChanged': {
        const { year, predicate, factId, source, legacyScore } = event.data;
        const agencyId = current.employment?.agencyId ?? (event.type === 'AnnualPredicateRecorded' ? (event.data.agencyId ?? current.agencyId) : current.agencyId);
        return { ...current, agencyId, years: { ...current.years, [String(year)]: { year, predicate, factId, source, legacyScore, final: isFinal(event.data) } } };
      }
      case 'AnnualPredicateFinalized': {
        const year = current.years[String(event.data.year)];
        if (year === undefined) return current;
        return { ...current, years: { ...current.years, [String(event.data.year)]: { ...year, final: true } } };
      }
      case 'EmploymentRecorded': {
        const { agencyId, employmentKind, golongan, rankSince, factId } = event.data;
        return { ...current, agencyId, employment: { agencyId, employmentKind, golongan, rankSince, factId } };
      }
      case 'PegawaiTeladanNamed':
        return { ...current, teladan: { ...current.teladan, [String(event.data.year)]: event.data.factId } };
      default:
        return current;
    }
  },
};
