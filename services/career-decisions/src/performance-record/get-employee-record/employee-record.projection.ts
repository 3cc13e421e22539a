import { Projection } from '@kinerja/domain';
import { Employment } from '../performance-record.decider';
import { AnnualPredicate, PerformanceRecordEvent } from '../performance-record.events';

export interface EmployeeRecordRow {
  nip: string;
  /** From the employment facts, else the agency of the latest predicate. */
  agencyId: string | null;
  employment: Employment | null;
  years: Record<string, AnnualPredicate>;
}

export const employeeRecordProjection: Projection<EmployeeRecordRow, PerformanceRecordEvent> = {
  name: 'employee_record_view',
  handles: ['AnnualPredicateRecorded', 'AnnualPredicateChanged', 'EmploymentRecorded'],
  keys: (event) => [event.data.nip],
  evolve(row, event, nip) {
    const current: EmployeeRecordRow = row ?? { nip, agencyId: null, employment: null, years: {} };
    switch (event.type) {
      case 'AnnualPredicateRecorded':
      case 'AnnualPredicateChanged': {
        const { year, predicate, factId, source, legacyScore } = event.data;
        const agencyId = current.employment?.agencyId ?? (event.type === 'AnnualPredicateRecorded' ? (event.data.agencyId ?? current.agencyId) : current.agencyId);
        return { ...current, agencyId, years: { ...current.years, [String(year)]: { year, predicate, factId, source, legacyScore } } };
      }
      case 'EmploymentRecorded': {
        const { agencyId, employmentKind, golongan, rankSince, factId } = event.data;
        return { ...current, agencyId, employment: { agencyId, employmentKind, golongan, rankSince, factId } };
      }
      default:
        return current;
    }
  },
};
