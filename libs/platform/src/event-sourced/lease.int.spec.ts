import { Client } from 'pg';
import { createTestDatabase, TestDatabase, waitUntil } from '@kinerja/testing';
import { Lease } from './lease';

/** Two replicas' leases on one name: exactly one holds it; when its session ends, the other takes over. */
describe('Lease', () => {
  let db: TestDatabase;
  const leases: Lease[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('lease');
  });

  afterEach(async () => {
    for (const lease of leases.splice(0)) await lease.stop();
  });

  afterAll(async () => {
    await db.drop();
  });

  /** A replica's lease on the claims `names`; what happens to each claim's work is pushed to `events`. */
  function replica(names: string | string[], events: string[]): Lease {
    const claims = (Array.isArray(names) ? names : [names]).map((name) => ({
      name,
      acquired: async () => void events.push(`acquired:${name}`),
      lost: async (why: 'connection-lost' | 'stopped') => void events.push(`lost:${name}:${why}`),
    }));
    const lease = new Lease({ connectionString: db.url, label: 'test', claims, retryMs: 50 });
    leases.push(lease);
    return lease;
  }

  /** Backends holding the claim's advisory lock. */
  async function holderBackends(name: string): Promise<number[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT l.pid FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid::bigint = (hashtext('kinerja_lease')::bigint & 4294967295) AND l.objid::bigint = (hashtext($1)::bigint & 4294967295)`,
        [name],
      );
      return rows.map((r) => r.pid);
    } finally {
      await client.end();
    }
  }

  it('is held by one of two, and passes to the other when the holder stops', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const first = replica('s/projections', a);
    const second = replica('s/projections', b);
    expect(await first.start()).toEqual(['s/projections']);
    expect(await second.start()).toEqual([]);
    // Several attempts of the second pass while the first holds it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([first.holds('s/projections'), second.holds('s/projections')]).toEqual([true, false]);
    expect(b).toEqual([]);
    expect(await holderBackends('s/projections')).toHaveLength(1);

    await first.stop();
    expect(a).toEqual(['acquired:s/projections', 'lost:s/projections:stopped']);
    await waitUntil(() => second.holds('s/projections'), Boolean, { what: 'the second lease taken' });
    expect(b).toEqual(['acquired:s/projections']);
  });

  it('passes to the other when the holder\'s session ends under it (as when its process is killed), and the old holder stops its work', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const first = replica(['t/projections', 't/reactor'], a);
    const second = replica(['t/projections', 't/reactor'], b);
    expect(await first.start()).toEqual(['t/projections', 't/reactor']);
    expect(await second.start()).toEqual([]);
    const [backend] = await holderBackends('t/projections');
    expect(await holderBackends('t/reactor')).toEqual([backend]);
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [backend]);
    } finally {
      await admin.end();
    }
    await waitUntil(() => second.holds('t/projections') && second.holds('t/reactor') && a.length === 4, Boolean, { what: 'the lease passed on' });
    // The work stopped in the reverse order it started.
    expect(a).toEqual(['acquired:t/projections', 'acquired:t/reactor', 'lost:t/reactor:connection-lost', 'lost:t/projections:connection-lost']);
    // The ended session's locks are released one by one, so the other replica may take them in one
    // attempt or in two (the reactor first when the projections' lock was still held as it tried).
    expect([...b].sort()).toEqual(['acquired:t/projections', 'acquired:t/reactor']);
    // The old holder competes again and waits: one holder.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(first.holds('t/projections')).toBe(false);
    expect(await holderBackends('t/projections')).toHaveLength(1);
  });

  it('each claim is held on its own: a replica that also runs a reactor the holder of the projections does not run holds that one', async () => {
    const a: string[] = [];
    const b: string[] = [];
    expect(await replica('u/projections', a).start()).toEqual(['u/projections']);
    expect(await replica(['u/projections', 'u/reactor'], b).start()).toEqual(['u/reactor']);
    expect(b).toEqual(['acquired:u/reactor']);
  });

  it('gives the lease up when its work does not start, and the boot fails as it would without one', async () => {
    const failing = new Lease({
      connectionString: db.url,
      label: 'test',
      claims: [{ name: 'w/projections', acquired: () => Promise.reject(new Error('checkpoints unreadable')), lost: async () => undefined }],
    });
    leases.push(failing);
    await expect(failing.start()).rejects.toThrow('checkpoints unreadable');
    expect(await replica('w/projections', []).start()).toEqual(['w/projections']);
  });
});
