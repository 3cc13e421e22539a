import { z } from 'zod';
import { loadConfig, serviceConfigSchema } from '@kinerja/platform';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');

export const workPlanningConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).default(3001),
  SERVICE_NAME: z.string().min(1).default('work-planning'),
  /** The service's own event store tables. */
  EVENT_STORE_SCHEMA: schemaName.default('work_planning_events'),
  /** Read models, migrations and projection checkpoints. */
  READ_MODEL_SCHEMA: schemaName.default('work_planning'),
  /** /health/ready fails when a read model is more events behind than this. */
  PROJECTION_LAG_THRESHOLD: z.coerce.number().int().positive().default(1000),
});

export type WorkPlanningConfig = z.infer<typeof workPlanningConfigSchema>;

/** Validated once at boot; throws ConfigError listing every bad variable. */
export const loadWorkPlanningConfig = (env: Record<string, string | undefined> = process.env): WorkPlanningConfig =>
  loadConfig(workPlanningConfigSchema, env);
