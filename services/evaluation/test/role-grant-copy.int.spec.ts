import { randomUUID } from 'node:crypto';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { waitUntil } from '@kinerja/testing';
import { bootHarness, Harness } from './support/harness';

const NIP = '199003152015031002';

const grantEvent = (type: 'RoleGranted.v1' | 'RoleRevoked.v1', agencyId: string) => {
  const id = randomUUID();
  const at = '2026-07-01T03:00:00.000Z';
  const data =
    type === 'RoleGranted.v1'
      ? { nip: NIP, role: 'ADMIN_OPD', agencyId, grantedBy: '197001012000031001', grantedAt: at }
      : { nip: NIP, role: 'ADMIN_OPD', agencyId, revokedBy: '197001012000031001', revokedAt: at };
  return toOutgoingMessage({ id, type, data, key: NIP, source: '/kinerja/work-planning', time: at, correlationId: id, traceparent: traceparentFor(id, id) });
};

describe("evaluation accepts a role in X-Kinerja-Role only while work-planning's grants (public events) hold it", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('eval_grants', { now: '2026-07-15T03:00:00Z' });
  });
  afterAll(async () => h?.close());

  it('refuses ADMIN_OPD before the grant, accepts it after RoleGranted.v1, refuses it again after RoleRevoked.v1', async () => {
    const agent = await h.as('EMPLOYEE', NIP, 'DINKES');
    const probe = async () => {
      const res = await agent.get(`/employees/${NIP}/evaluation-history`).set('x-kinerja-role', 'ADMIN_OPD:DINKES');
      return res.body?.code === 'ROLE_NOT_GRANTED' ? 'refused' : 'accepted';
    };
    expect(await probe()).toBe('refused');
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.ensureTopic(TOPICS.workPlanning, 6);
      await transport.produce(TOPICS.workPlanning, [grantEvent('RoleGranted.v1', 'DINKES')]);
      await waitUntil(probe, (r) => r === 'accepted', { what: 'the grant to reach evaluation' });
      await transport.produce(TOPICS.workPlanning, [grantEvent('RoleRevoked.v1', 'DINKES')]);
      await waitUntil(probe, (r) => r === 'refused', { what: 'the revocation to reach evaluation' });
    } finally {
      await transport.close();
    }
  });
});
