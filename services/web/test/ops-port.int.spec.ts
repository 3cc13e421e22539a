import { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceApp, listenService } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { loadWebConfig } from '../src/config';
import { webAppOptions } from '../src/web-app';

/** Issue 15 finding 14 for the web service: the same ops listener as the four services (libs/platform). */
describe('web: the ops listener (OPS_PORT)', () => {
  let db: TestDatabase;
  let keyDir: string;
  let web: INestApplication;
  let base: string;
  let opsBase: string;

  beforeAll(async () => {
    db = await createTestDatabase('kw_ops_port');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-web-ops-'));
    const config = loadWebConfig({ PORT: '0', OPS_PORT: '0', DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, LOG_LEVEL: 'silent', CONSOLE_DIR: join(keyDir, 'no-console') });
    web = await createServiceApp(await webAppOptions(config));
    const listeners = await listenService(web, { ...config, HOST: '127.0.0.1' });
    base = listeners.url;
    opsBase = listeners.opsUrl!;
  });

  afterAll(async () => {
    await web?.close();
    await db?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('serves /metrics, /docs and /docs-json only on the ops port, /health on both', async () => {
    expect(opsBase).toBeDefined();
    for (const path of ['/metrics', '/docs', '/docs-json', '/docs-yaml', '/health/ready']) {
      expect([path, (await fetch(`${base}${path}`)).status]).toEqual([path, 404]);
    }
    expect((await fetch(`${opsBase}/metrics`)).status).toBe(200);
    expect((await fetch(`${opsBase}/docs-json`)).status).toBe(200);
    expect((await fetch(`${opsBase}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${opsBase}/health`)).status).toBe(200);
    // The service itself stays on the public port only.
    expect((await fetch(`${base}/auth/session`)).status).toBe(200);
    expect((await fetch(`${opsBase}/auth/session`)).status).toBe(404);
  });

  it('refuses OPS_PORT equal to PORT at boot', () => {
    expect(() => loadWebConfig({ PORT: '3000', OPS_PORT: '3000', DATABASE_URL: db.url })).toThrow(/OPS_PORT: must differ from PORT/);
    expect(() => loadWebConfig({ OPS_PORT: '3000', DATABASE_URL: db.url })).toThrow(/OPS_PORT: must differ from PORT/);
  });
});
