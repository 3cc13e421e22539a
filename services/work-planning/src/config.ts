import { z } from 'zod';
import { eventSourcedConfigSchema, loadConfig } from '@kinerja/platform';

export const workPlanningConfigSchema = eventSourcedConfigSchema(
  { service: 'work-planning', port: 3001, schema: 'work_planning' },
  {
    /** Largest evidence file accepted for a realisation (bukti dukung). */
    EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
    /** Batas Pengisian: realisations recorded after the end of this day after the period are marked late. */
    REALISATION_DEADLINE_DAYS: z.coerce.number().int().min(0).max(90).default(10),
    /** The pejabat penilai's queue: an SKP is due to be decided this many days after its period starts ([U] "end of January" in practice: 30). */
    SKP_APPROVAL_DUE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    /** NIPs (comma-separated) granted ADMIN_CITY at start when they do not hold it: the city's first administrators. */
    ROLE_GRANT_BOOTSTRAP_NIPS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((nip) => nip.trim()).filter((nip) => nip.length > 0))
      .refine((nips) => nips.every((nip) => /^\d{18}$/.test(nip)), 'must be NIPs of 18 digits, comma-separated'),
  },
);

export type WorkPlanningConfig = z.infer<typeof workPlanningConfigSchema>;

/** Validated once at boot; throws ConfigError listing every bad variable. */
export const loadWorkPlanningConfig = (env: Record<string, string | undefined> = process.env): WorkPlanningConfig =>
  loadConfig(workPlanningConfigSchema, env);
