import { addYears, LocalDate } from '../local-date';
import { DisciplinaryLevel } from '../predikat';
import { lookbackYears, PerformanceYears } from '../eligibility/eligibility.rules';
import { PerformanceLevel, PotentialLevel, RuleSet } from '../rule-sets/rule-set';

/** A disciplinary penalty (PP 94/2021) as imported: served from `from` to `until` (null: not ended). */
export interface DisciplinaryPenalty {
  factId: string;
  level: DisciplinaryLevel;
  from: LocalDate;
  until: LocalDate | null;
}

export interface TalentFacts {
  nip: string;
  name: string;
  years: PerformanceYears;
  /** The latest assessment score (potensi dan kompetensi), with its fact id; null when not assessed. */
  assessment: { score: number; factId: string } | null;
  penalties: readonly DisciplinaryPenalty[];
}

export interface TalentPlacement {
  nip: string;
  name: string;
  box: number;
  performance: PerformanceLevel;
  potential: PotentialLevel;
  kategori: string;
  rekomendasi: readonly string[];
  inTalentPool: boolean;
  /** Why a box 7–9 employee is kept out of the pool. */
  poolExclusion: string | null;
  /** Bahasa Indonesia: why this box (the predicates and their mean score, the assessment score, against the cut-offs). */
  alasan: string[];
  factIds: string[];
}

const PREDIKAT_LABEL: Record<string, string> = {
  SANGAT_BAIK: 'Sangat Baik',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG_MISCONDUCT: 'Kurang/Misconduct',
  SANGAT_KURANG: 'Sangat Kurang',
};
const KINERJA_LABEL: Record<PerformanceLevel, string> = { DI_ATAS: 'di atas ekspektasi', SESUAI: 'sesuai ekspektasi', DI_BAWAH: 'di bawah ekspektasi' };
const POTENSIAL_LABEL: Record<PotentialLevel, string> = { TINGGI: 'tinggi', MENENGAH: 'menengah', RENDAH: 'rendah' };

/** Kinerja from the last years' predicates: the mean of their scores against the cut-offs; null when a year is missing. */
export function performanceLevel(years: PerformanceYears, asOf: LocalDate, ruleSet: RuleSet): { level: PerformanceLevel; factIds: string[]; mean: number; alasan: string } | null {
  const t = ruleSet.talent;
  const facts = lookbackYears(asOf, t.lookbackYears).map((y) => years[y]);
  if (facts.some((f) => f === undefined)) return null;
  const mean = facts.reduce((sum, f) => sum + t.performanceScoreByPredicate[f.predicate], 0) / facts.length;
  const level: PerformanceLevel = mean >= t.performance.diAtasFrom ? 'DI_ATAS' : mean >= t.performance.sesuaiFrom ? 'SESUAI' : 'DI_BAWAH';
  const read = facts.map((f) => `${f.year} ${PREDIKAT_LABEL[f.predicate] ?? f.predicate}`).join(', ');
  const cut = level === 'DI_ATAS' ? `paling rendah ${t.performance.diAtasFrom}` : level === 'SESUAI' ? `${t.performance.sesuaiFrom} sampai di bawah ${t.performance.diAtasFrom}` : `di bawah ${t.performance.sesuaiFrom}`;
  const alasan = `Kinerja ${KINERJA_LABEL[level]}: predikat ${read}, rata-rata skor ${Math.round(mean * 100) / 100} (${cut})`;
  return { level, factIds: facts.map((f) => f.factId), mean, alasan };
}

/** Potensial from an assessment score, with the agency's cut-offs where it set its own. */
export function potentialLevel(score: number, agencyId: string, ruleSet: RuleSet): PotentialLevel {
  const cut = ruleSet.talent.potential.byAgency[agencyId] ?? ruleSet.talent.potential.default;
  return score >= cut.tinggiFrom ? 'TINGGI' : score >= cut.menengahFrom ? 'MENENGAH' : 'RENDAH';
}

/** The box of PermenPANRB 3/2020 (docs/regulations.md §5.4) and its recommendations. */
export function talentBox(performance: PerformanceLevel, potential: PotentialLevel, ruleSet: RuleSet) {
  const box = ruleSet.talent.boxes[performance][potential];
  const { kategori, rekomendasi } = ruleSet.talent.recommendations[String(box)];
  return { box, kategori, rekomendasi };
}

const overlaps = (p: DisciplinaryPenalty, from: LocalDate, to: LocalDate) => p.from <= to && (p.until === null || p.until >= from);

/** Places one employee; null when the last years' predicates or the assessment are missing. */
export function placeTalent(facts: TalentFacts, agencyId: string, asOf: LocalDate, ruleSet: RuleSet): TalentPlacement | null {
  const performance = performanceLevel(facts.years, asOf, ruleSet);
  if (performance === null || facts.assessment === null) return null;
  const potential = potentialLevel(facts.assessment.score, agencyId, ruleSet);
  const cut = ruleSet.talent.potential.byAgency[agencyId] ?? ruleSet.talent.potential.default;
  const potentialCut = potential === 'TINGGI' ? `paling rendah ${cut.tinggiFrom}` : potential === 'MENENGAH' ? `${cut.menengahFrom} sampai di bawah ${cut.tinggiFrom}` : `di bawah ${cut.menengahFrom}`;
  const { box, kategori, rekomendasi } = talentBox(performance.level, potential, ruleSet);
  const t = ruleSet.talent;
  const windowStart = addYears(asOf, -t.penaltyLookbackYears);
  const blocking = facts.penalties.filter((p) => t.poolExcludingPenalties.includes(p.level) && overlaps(p, windowStart, asOf));
  const candidate = t.poolBoxes.includes(box);
  const poolExclusion =
    candidate && blocking.length > 0 ? `Menjalani hukuman disiplin tingkat ${blocking.map((p) => p.level.toLowerCase()).join('/')} dalam ${t.penaltyLookbackYears} tahun terakhir` : null;
  return {
    nip: facts.nip,
    name: facts.name,
    box,
    performance: performance.level,
    potential,
    kategori,
    rekomendasi,
    inTalentPool: candidate && blocking.length === 0,
    poolExclusion,
    alasan: [performance.alasan, `Potensial ${POTENSIAL_LABEL[potential]}: skor asesmen ${facts.assessment.score} (${potentialCut})`],
    factIds: [...performance.factIds, facts.assessment.factId, ...blocking.map((p) => p.factId)],
  };
}

export interface TalentMap {
  agencyId: string;
  asOf: LocalDate;
  ruleSetVersion: string;
  /** Box number → the employees in it. */
  boxes: Record<number, TalentPlacement[]>;
  counts: Record<number, number>;
  talentPool: string[];
  notMapped: { nip: string; name: string; reason: string }[];
}

export function talentMap(employees: readonly TalentFacts[], agencyId: string, asOf: LocalDate, ruleSet: RuleSet): TalentMap {
  const boxes: Record<number, TalentPlacement[]> = {};
  const counts: Record<number, number> = {};
  for (let b = 1; b <= 9; b++) {
    boxes[b] = [];
    counts[b] = 0;
  }
  const notMapped: { nip: string; name: string; reason: string }[] = [];
  for (const e of employees) {
    const placed = placeTalent(e, agencyId, asOf, ruleSet);
    if (placed === null) {
      notMapped.push({ nip: e.nip, name: e.name, reason: e.assessment === null ? 'Belum ada hasil asesmen potensi' : 'Predikat dua tahun terakhir belum lengkap' });
      continue;
    }
    boxes[placed.box].push(placed);
    counts[placed.box] += 1;
  }
  const talentPool = Object.values(boxes)
    .flat()
    .filter((p) => p.inTalentPool)
    .map((p) => p.nip)
    .sort();
  return { agencyId, asOf, ruleSetVersion: ruleSet.version, boxes, counts, talentPool, notMapped };
}
