import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventSourcedEnv } from '@kinerja/platform';
import { SERVICE_EVENT_SCHEMAS } from './audit/services';
import { REPO_ROOT } from './paths';

/** The identifiers in the first `READ_MODELS = [...]` of a source file. */
function readModelsOf(path: string): string[] {
  const match = /READ_MODELS\s*=\s*\[([^\]]*)\]/.exec(readFileSync(path, 'utf8'));
  if (!match) throw new Error(`No READ_MODELS list in ${path}`);
  return match[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .sort();
}

/** Whether a source file takes its read models from the service's one list in read-models.ts, and keeps none of its own. */
function usesSharedList(path: string): boolean {
  const source = readFileSync(path, 'utf8');
  const imported = /^import \{[^}]*\bREAD_MODELS\b[^}]*\} from '\.\/read-models';$/m.test(source);
  const ownList = /readModels\s*[:=]\s*\[/.test(source);
  return imported && !ownList && /\bREAD_MODELS\b/.test(source.replace(/^import .*$/gm, ''));
}

describe('services/<name>/src/rebuild.ts', () => {
  it.each(Object.keys(SERVICE_EVENT_SCHEMAS))('%s: rebuilds the read models that app.module.ts runs (both take read-models.ts)', (service) => {
    const dir = join(REPO_ROOT, 'services', service, 'src');
    expect(existsSync(join(dir, 'rebuild.ts'))).toBe(true);
    // Both run the one list of read-models.ts: neither may keep a list of its own.
    expect(readModelsOf(join(dir, 'read-models.ts')).length).toBeGreaterThan(0);
    expect({ service, rebuild: usesSharedList(join(dir, 'rebuild.ts')), app: usesSharedList(join(dir, 'app.module.ts')) }).toEqual({ service, rebuild: true, app: true });
  });

  it('the audit knows every service and its event store schema (the EVENT_STORE_SCHEMA default)', () => {
    for (const [service, schema] of Object.entries(SERVICE_EVENT_SCHEMAS)) {
      const config = readFileSync(join(REPO_ROOT, 'services', service, 'src', 'config.ts'), 'utf8');
      // The service names its schema stem in eventSourcedConfigSchema; the platform derives the event store's.
      const stem = /eventSourcedConfigSchema\(\s*\{[^}]*\bschema: '([a-z_]+)'/.exec(config)?.[1] ?? '';
      expect(eventSourcedEnv({ service, port: 0, schema: stem }).EVENT_STORE_SCHEMA.parse(undefined)).toBe(schema);
    }
  });
});
