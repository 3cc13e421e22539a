import { runPermissionMatrix } from '@kinerja/testing';
import { bootHarness, Harness } from './support/harness';

/** docs/permission-matrix.json against the running service: every endpoint has a row, every cell holds (issue 15). */
describe('work-planning: the permission matrix', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await bootHarness('wp_matrix', { now: '2026-03-10T03:00:00.000Z' });
  });
  afterAll(async () => h?.close());

  it('holds for every endpoint of the OpenAPI document', async () => {
    const result = await runPermissionMatrix({ service: 'work-planning', base: h.base, token: (role, sub, agencyId) => h.token(role, sub, agencyId) });
    expect(result.failures).toEqual([]);
    expect(result.endpoints).toBeGreaterThan(0);
    expect(result.checked).toBeGreaterThan(result.endpoints);
  });
});
