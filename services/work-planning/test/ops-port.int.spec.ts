import { bootHarness, Harness } from './support/harness';

/**
 * Issue 15 finding 14: with OPS_PORT the operational endpoints move to a listener of their own
 * (libs/platform listenService), so the public port answers none of them; /health is on both.
 */
describe('work-planning: the ops listener (OPS_PORT)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await bootHarness('wp_ops_port', { now: '2026-03-10T03:00:00.000Z' });
  });
  afterAll(async () => h?.close());

  const status = async (url: string, headers: Record<string, string> = {}) => (await fetch(url, { headers })).status;

  it('without OPS_PORT, /metrics and /docs-json are on the public port (as before)', async () => {
    expect(await status(`${h.base}/metrics`)).toBe(200);
    expect(await status(`${h.base}/docs-json`)).toBe(200);
  });

  it('with OPS_PORT, /metrics, /docs, /docs-json and /health/ready are 404 on the public port and served on the ops port; /health on both', async () => {
    const instance = await h.boot({ OPS_PORT: '0' });
    expect(instance.opsBase).toBeDefined();
    expect(instance.opsBase).not.toBe(instance.base);
    for (const path of ['/metrics', '/docs', '/docs/', '/docs-json', '/docs-yaml', '/health/ready']) {
      const res = await fetch(`${instance.base}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
    }
    const metrics = await fetch(`${instance.opsBase}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('http_request_duration_seconds');
    const docs = (await (await fetch(`${instance.opsBase}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toContain('/agencies');
    expect(await status(`${instance.opsBase}/docs`)).toBe(200);
    expect([200, 503]).toContain(await status(`${instance.opsBase}/health/ready`));
    expect(await status(`${instance.base}/health`)).toBe(200);
    expect(await status(`${instance.opsBase}/health`)).toBe(200);
    // The API itself is not on the ops port, and is still on the public one.
    expect(await status(`${instance.opsBase}/agencies`, { authorization: `Bearer ${await h.token('ADMIN_CITY', 'bkpsdm.ops')}` })).toBe(404);
    expect(await status(`${instance.base}/agencies`, { authorization: `Bearer ${await h.token('ADMIN_CITY', 'bkpsdm.ops')}` })).toBe(200);
  });

  it('with OPS_PORT and OPS_TOKEN, the ops port also needs the token', async () => {
    const token = 'ops-token-of-at-least-thirty-two-characters';
    const instance = await h.boot({ OPS_PORT: '0', OPS_TOKEN: token });
    expect(await status(`${instance.opsBase}/metrics`)).toBe(401);
    expect(await status(`${instance.opsBase}/metrics`, { authorization: `Bearer ${token}` })).toBe(200);
    expect(await status(`${instance.base}/metrics`, { authorization: `Bearer ${token}` })).toBe(404);
    expect(await status(`${instance.opsBase}/health`)).toBe(200);
  });

  it('closes the ops listener with the service', async () => {
    const instance = await h.boot({ OPS_PORT: '0' });
    await instance.close();
    await expect(fetch(`${instance.opsBase}/health`)).rejects.toThrow();
  });
});
