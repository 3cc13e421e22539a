import { z } from 'zod';

/** What every versioned rule set of a service carries (evaluation's and career-decisions'). */
export interface VersionedRuleSet {
  version: string;
  /** First local date (YYYY-MM-DD) on which the version is in force. */
  effectiveFrom: string;
  description: string;
}

export interface RuleSetCatalogue {
  /** The local date the answer is for. */
  date: string;
  /** The version in force on `date`; null when none is yet. */
  inForce: string | null;
  versions: { version: string; effectiveFrom: string; description: string; inForce: boolean }[];
}

/**
 * Every version a service knows, oldest first, marking the one in force on `date` (the latest whose
 * effectiveFrom is not after it): the answer of `GET /rule-sets` (issue 14 §5).
 */
export function ruleSetCatalogue(ruleSets: readonly VersionedRuleSet[], date: string): RuleSetCatalogue {
  let inForce: VersionedRuleSet | null = null;
  for (const r of ruleSets) if (r.effectiveFrom <= date && (inForce === null || r.effectiveFrom > inForce.effectiveFrom)) inForce = r;
  const versions = [...ruleSets]
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version.localeCompare(b.version))
    .map((r) => ({ version: r.version, effectiveFrom: r.effectiveFrom, description: r.description, inForce: r === inForce }));
  return { date, inForce: inForce?.version ?? null, versions };
}

/** `?date=YYYY-MM-DD` (a real calendar date) of the rule-set endpoints; absent: today in the city. */
export const ruleSetDateQuery = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD')
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Tanggal tidak ada di kalender')
      .optional()
      .describe('YYYY-MM-DD; default today in the city'),
  })
  .strict();
