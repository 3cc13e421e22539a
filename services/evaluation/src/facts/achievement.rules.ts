import { defaultDirection, DirectionV1, Period, PeriodKind, parsePeriod } from '@kinerja/contracts';

/** An IKI as the approved SKP published it (SkpApproved.v1 / SkpAmended.v1). */
export interface IndicatorPlan {
  ikiId: string;
  aspect: 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA';
  indicator: string;
  target: PlanTarget;
  direction?: DirectionV1;
  periodTargets?: { periodId: string; target: PlanTarget }[];
}

export interface PlanTarget {
  kind: string;
  value?: number;
  unit?: string;
  description?: string;
}

/**
 * Where the target a realisation is compared with comes from: the IKI's own target for the period,
 * the annual target (the annual evaluation, or a rate — KUALITAS/WAKTU — that does not scale with
 * time), or the annual target scaled to the period's share of the year (a count or a cost with no
 * target set for the period).
 */
export type TargetBasis = 'PERIOD' | 'ANNUAL' | 'PRORATED';

const MONTHS: Record<PeriodKind, number> = { ANNUAL: 12, SEMESTER: 6, QUARTER: 3, MONTH: 1 };

/** Counts and costs add up over time; quality and time-taken are rates (docs/regulations.md §4.4). */
const accumulates = (aspect: IndicatorPlan['aspect']) => aspect === 'KUANTITAS' || aspect === 'BIAYA';

export const directionOf = (plan: IndicatorPlan): DirectionV1 => plan.direction ?? defaultDirection(plan.aspect);

/** The target of an IKI for a period of the vocabulary, and where it came from. */
export function targetFor(plan: IndicatorPlan, period: Period): { target: PlanTarget; basis: TargetBasis } {
  if (period.kind === 'ANNUAL') return { target: plan.target, basis: 'ANNUAL' };
  const own = plan.periodTargets?.find((t) => t.periodId === period.id);
  if (own) return { target: own.target, basis: 'PERIOD' };
  if (plan.target.kind === 'QUANTITATIVE' && typeof plan.target.value === 'number' && accumulates(plan.aspect))
    return { target: { ...plan.target, value: round4((plan.target.value * MONTHS[period.kind]) / 12) }, basis: 'PRORATED' };
  return { target: plan.target, basis: 'ANNUAL' };
}

/**
 * Achievement of a quantitative realisation against its target (docs/regulations.md §4.4):
 * higher is better: realised ÷ target; lower is better (waktu, biaya): (2 × target − realised) ÷
 * target, never below 0 — realising the target is 1, half the time 1.5, three times it 0.
 * Null without a positive target (a lower-is-better target of 0 is met only by 0).
 */
export function achievementOf(direction: DirectionV1, target: number | undefined, value: number | null): number | null {
  if (value === null || typeof target !== 'number' || !Number.isFinite(target)) return null;
  if (direction === 'LOWER_IS_BETTER') {
    if (target === 0) return value === 0 ? 1 : 0;
    return round4(Math.max(0, (2 * target - value) / target));
  }
  return target > 0 ? round4(value / target) : null;
}

/**
 * The annual realisation of an IKI when none was recorded for the year itself: the periodic ones of
 * the coarsest kind recorded (semesters before quarters before months, so nothing counts twice),
 * added up for counts and costs, averaged for quality and time-taken.
 */
export function annualValueOf(plan: IndicatorPlan, periodic: readonly { periodId: string; value: number | null }[]): number | null {
  const withValue = periodic.flatMap((r) => {
    const p = parsePeriod(r.periodId);
    return p && p.kind !== 'ANNUAL' && r.value !== null ? [{ kind: p.kind, value: r.value }] : [];
  });
  const coarsest = (['SEMESTER', 'QUARTER', 'MONTH'] as const).find((k) => withValue.some((r) => r.kind === k));
  if (!coarsest) return null;
  const values = withValue.filter((r) => r.kind === coarsest).map((r) => r.value);
  const sum = values.reduce((a, b) => a + b, 0);
  return round4(accumulates(plan.aspect) ? sum : sum / values.length);
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
