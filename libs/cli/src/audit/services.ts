/**
 * The services and their event store schemas: the defaults of EVENT_STORE_SCHEMA in each
 * `services/<name>/src/config.ts` (the CLI may not import services). `--schema name=schema`
 * overrides one.
 */
export const SERVICE_EVENT_SCHEMAS: Readonly<Record<string, string>> = {
  'work-planning': 'work_planning_events',
  'feedback-intake': 'feedback_intake_events',
  evaluation: 'evaluation_events',
  'career-decisions': 'career_decisions_events',
};

/** Applies `name=schema[,name=schema]` overrides. */
export function serviceSchemas(overrides: string | undefined): Record<string, string> {
  const schemas: Record<string, string> = { ...SERVICE_EVENT_SCHEMAS };
  for (const pair of (overrides ?? '').split(',').filter(Boolean)) {
    const [name, schema] = pair.split('=');
    if (!name || !schema || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Bad --schema ${pair}: want service=schema`);
    schemas[name] = schema;
  }
  return schemas;
}
