import { AnnualPredicate } from '../../src/performance-record/performance-record.events';
import { PredikatPegawai } from '../../src/predikat';

/** Builds a performance record for unit specs: `years({2021: 'BAIK', 2022: 'SANGAT_BAIK'})`. */
export function years(byYear: Record<number, PredikatPegawai>, nip = '199001012015011001'): Record<number, AnnualPredicate> {
  const out: Record<number, AnnualPredicate> = {};
  for (const [year, predicate] of Object.entries(byYear))
    out[Number(year)] = { year: Number(year), predicate, factId: `pf-${nip}-${year}`, source: 'EVALUATION', legacyScore: null, final: true };
  return out;
}
