import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { API_SERVICES, GENERATED_DIR } from '../tools/generate-api-client';

const ROOT = resolve(__dirname, '../../..');

/** The console's API client is generated from the services' OpenAPI: the committed files must match a fresh generation. */
describe('the console API client', () => {
  it('is what the services\' OpenAPI documents generate today (run `npm run generate:api` after changing an endpoint)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kinerja-api-client-'));
    try {
      // A process of its own: openapi-typescript is an ES module, which Jest's module system cannot load.
      await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'services/web/tools/generate-api-client.ts'), '--out', dir], {
        cwd: ROOT,
        env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
      });
      expect((await readdir(dir)).sort()).toEqual(API_SERVICES.map((s) => `${s}.ts`).sort());
      for (const service of API_SERVICES) {
        const fresh = await readFile(join(dir, `${service}.ts`), 'utf8');
        const committed = await readFile(join(GENERATED_DIR, `${service}.ts`), 'utf8').catch(() => '(missing)');
        expect({ service, stale: committed !== fresh }).toEqual({ service, stale: false });
      }
      expect(await readFile(join(dir, 'work-planning.ts'), 'utf8')).toContain('"/employees/{nip}/skps"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
