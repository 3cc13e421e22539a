import type { ErrorCode } from '@kinerja/domain';

/**
 * Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): pure computation over SKM answers.
 *
 * Arithmetic is exact (BigInt fractions): NRR per unsur = sum / filled answers, IKM =
 * Σ NRR × weight × 25, then rounded half-up on the decimal value to two decimals, and only then
 * graded. No intermediate value is rounded. Binary floats get e.g. 76.605 wrong (76.60499…).
 */

export const UNSUR = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type Unsur = (typeof UNSUR)[number];

/** Nilai persepsi 1–4. */
export type SkmScore = 1 | 2 | 3 | 4;
/** One respondent's answers; an unsur left unanswered is absent. */
export type SkmAnswers = Partial<Record<Unsur, SkmScore>>;

export type IkmGrade = 'A' | 'B' | 'C' | 'D';

export interface IkmGradeBand {
  grade: IkmGrade;
  /** Mutu pelayanan label, as the regulation writes it. */
  label: string;
  /** Closed interval on the IKM rounded to two decimals, in hundredths (88.31 → 8831). */
  fromHundredths: number;
  toHundredths: number;
}

/**
 * Weight per unsur. `EXACT_EQUAL` is 1 / number of unsur (1/9), as the regulation defines it.
 * `DECIMAL` is a fixed decimal such as the 0.111 many reports use (caps the IKM at 99.90 and puts
 * an all-1 survey at 24.98). docs/regulations.md §6 marks the choice [U]: configuration, reported on every result.
 */
export type IkmWeighting = { kind: 'EXACT_EQUAL' } | { kind: 'DECIMAL'; perUnsur: string };

export interface IkmRuleSet {
  version: string;
  weighting: IkmWeighting;
  /** Any order; graded by the band that contains the rounded value. */
  bands: readonly IkmGradeBand[];
}

/** Bands: docs/regulations.md §6 (the upper bound of C is 76.60). */
export const DEFAULT_IKM_RULE_SET: IkmRuleSet = {
  version: 'skm-permenpanrb-14-2017/exact-1-9',
  weighting: { kind: 'EXACT_EQUAL' },
  bands: [
    { grade: 'A', label: 'Sangat Baik', fromHundredths: 8831, toHundredths: 10000 },
    { grade: 'B', label: 'Baik', fromHundredths: 7661, toHundredths: 8830 },
    { grade: 'C', label: 'Kurang Baik', fromHundredths: 6500, toHundredths: 7660 },
    { grade: 'D', label: 'Tidak Baik', fromHundredths: 2500, toHundredths: 6499 },
  ],
};

export interface UnsurResult {
  unsur: Unsur;
  answered: number;
  sum: number;
  /** NRR = sum / answered, shown to four decimals (half-up); the IKM uses the exact fraction. */
  nrr: string;
}

export type IkmResult =
  | {
      kind: 'COMPUTED';
      /** Rounded to two decimals, e.g. "76.61". */
      ikm: string;
      ikmHundredths: number;
      /** The exact value before rounding, to six decimals (half-up), for audit. */
      unrounded: string;
      grade: IkmGrade;
      label: string;
      respondentCount: number;
      /** The weight applied, "1/9" or e.g. "0.111". */
      weight: string;
      ruleSetVersion: string;
      perUnsur: UnsurResult[];
    }
  | {
      kind: 'NOT_COMPUTABLE';
      reason: 'NO_RESPONSES' | 'UNSUR_WITHOUT_ANSWERS';
      unsurWithoutAnswers: Unsur[];
      respondentCount: number;
      ruleSetVersion: string;
    };

/** A non-negative fraction with BigInt parts. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const fraction = (num: bigint, den: bigint): Fraction => ({ num, den });
const add = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.num, a.den * b.den);

/** Rounds a non-negative fraction half-up to `decimals` places; returns the scaled integer. */
export function roundHalfUp(value: Fraction, decimals: number): bigint {
  const scale = 10n ** BigInt(decimals);
  return (value.num * scale * 2n + value.den) / (2n * value.den);
}

/** Formats a scaled integer (7661, 2) as "76.61". */
export function formatScaled(scaled: bigint, decimals: number): string {
  const digits = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Parses a plain decimal such as "0.111" exactly; returns null when it is not one. */
export function parseDecimal(text: string): Fraction | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const decimals = match[2] ?? '';
  return fraction(BigInt(match[1] + decimals), 10n ** BigInt(decimals.length));
}

export function weightOf(weighting: IkmWeighting): { value: Fraction; label: string } {
  switch (weighting.kind) {
    case 'EXACT_EQUAL':
      return { value: fraction(1n, BigInt(UNSUR.length)), label: `1/${UNSUR.length}` };
    case 'DECIMAL': {
      const value = parseDecimal(weighting.perUnsur);
      if (!value || value.num === 0n) throw new Error(`Invalid IKM weight "${weighting.perUnsur}"`);
      return { value, label: weighting.perUnsur };
    }
    default: {
      const unreachable: never = weighting;
      return unreachable;
    }
  }
}

/** Problems with a rule set, for validation at boot; empty when it is usable. */
export function ikmRuleSetProblems(ruleSet: IkmRuleSet): string[] {
  const problems: string[] = [];
  if (ruleSet.weighting.kind === 'DECIMAL') {
    const value = parseDecimal(ruleSet.weighting.perUnsur);
    if (!value || value.num === 0n) problems.push(`weight "${ruleSet.weighting.perUnsur}" is not a positive decimal`);
    else if (value.num * BigInt(UNSUR.length) > value.den) problems.push(`weights add up to more than 1 (${UNSUR.length} × ${ruleSet.weighting.perUnsur})`);
  }
  if (ruleSet.bands.length === 0) problems.push('no grade bands');
  const sorted = [...ruleSet.bands].sort((a, b) => a.fromHundredths - b.fromHundredths);
  sorted.forEach((band, i) => {
    if (band.fromHundredths > band.toHundredths) problems.push(`band ${band.grade} is empty`);
    const next = sorted[i + 1];
    if (next && next.fromHundredths !== band.toHundredths + 1) problems.push(`bands ${band.grade} and ${next.grade} are not contiguous`);
  });
  return problems;
}

/**
 * Grades an IKM already rounded to hundredths. A value below the lowest band (possible only with
 * a rounded decimal weight: all-1 answers give 24.98 with 0.111) takes the lowest band's grade.
 */
export function gradeIkm(hundredths: number, bands: readonly IkmGradeBand[]): IkmGradeBand {
  const band = bands.find((b) => hundredths >= b.fromHundredths && hundredths <= b.toHundredths);
  if (band) return band;
  const lowest = [...bands].sort((a, b) => a.fromHundredths - b.fromHundredths)[0];
  if (lowest && hundredths < lowest.fromHundredths) return lowest;
  throw new Error(`IKM ${hundredths / 100} falls in no grade band`);
}

/** Running totals per unsur: enough to compute the IKM, and cheap to keep in an aggregate. */
export interface SkmTally {
  respondentCount: number;
  perUnsur: readonly { unsur: Unsur; answered: number; sum: number }[];
}

export const emptySkmTally = (): SkmTally => ({ respondentCount: 0, perUnsur: UNSUR.map((unsur) => ({ unsur, answered: 0, sum: 0 })) });

export function addToSkmTally(tally: SkmTally, answers: SkmAnswers): SkmTally {
  return {
    respondentCount: tally.respondentCount + 1,
    perUnsur: tally.perUnsur.map((t) => {
      const score = answers[t.unsur];
      return score === undefined ? t : { unsur: t.unsur, answered: t.answered + 1, sum: t.sum + score };
    }),
  };
}

export const computeIkm = (responses: readonly SkmAnswers[], ruleSet: IkmRuleSet): IkmResult =>
  computeIkmFromTally(responses.reduce(addToSkmTally, emptySkmTally()), ruleSet);

export function computeIkmFromTally(tally: SkmTally, ruleSet: IkmRuleSet): IkmResult {
  const { respondentCount } = tally;
  if (respondentCount === 0) {
    return { kind: 'NOT_COMPUTABLE', reason: 'NO_RESPONSES', unsurWithoutAnswers: [...UNSUR], respondentCount, ruleSetVersion: ruleSet.version };
  }
  const tallies = tally.perUnsur;
  const unsurWithoutAnswers = tallies.filter((t) => t.answered === 0).map((t) => t.unsur);
  if (unsurWithoutAnswers.length > 0) {
    return { kind: 'NOT_COMPUTABLE', reason: 'UNSUR_WITHOUT_ANSWERS', unsurWithoutAnswers, respondentCount, ruleSetVersion: ruleSet.version };
  }

  const weight = weightOf(ruleSet.weighting);
  const sumOfNrr = tallies.reduce<Fraction>((acc, t) => add(acc, fraction(BigInt(t.sum), BigInt(t.answered))), fraction(0n, 1n));
  const exact = mul(mul(sumOfNrr, weight.value), fraction(25n, 1n));
  const hundredths = roundHalfUp(exact, 2);
  const band = gradeIkm(Number(hundredths), ruleSet.bands);

  return {
    kind: 'COMPUTED',
    ikm: formatScaled(hundredths, 2),
    ikmHundredths: Number(hundredths),
    unrounded: formatScaled(roundHalfUp(exact, 6), 6),
    grade: band.grade,
    label: band.label,
    respondentCount,
    weight: weight.label,
    ruleSetVersion: ruleSet.version,
    perUnsur: tallies.map((t) => ({
      unsur: t.unsur,
      answered: t.answered,
      sum: t.sum,
      nrr: formatScaled(roundHalfUp(fraction(BigInt(t.sum), BigInt(t.answered)), 4), 4),
    })),
  };
}

/** Why a set of answers is not a valid SKM response; null when it is. */
export function skmAnswersProblem(answers: Readonly<Record<string, unknown>>): { code: ErrorCode; message: string; field?: string } | null {
  const keys = Object.keys(answers).filter((k) => answers[k] !== undefined && answers[k] !== null);
  for (const key of keys) {
    if (!(UNSUR as readonly string[]).includes(key)) {
      return { code: 'UNKNOWN_UNSUR', message: `Unsur "${key}" tidak dikenal; gunakan U1 sampai U9.`, field: `answers.${key}` };
    }
    const score = answers[key];
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 4) {
      return { code: 'SCORE_OUT_OF_RANGE', message: `Nilai ${key} harus bilangan bulat 1 sampai 4.`, field: `answers.${key}` };
    }
  }
  if (keys.length === 0) return { code: 'NO_ANSWERS', message: 'Isi paling sedikit satu unsur survei.', field: 'answers' };
  return null;
}
