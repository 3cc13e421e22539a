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

  function replica(name: string, events: string[]): Lease {
    const lease = new Lease({
      connectionString: db.url,
      name,
      retryMs: 50,
      acquired: async () => void events.push('acquired'),
      lost: async (why) => void events.push(`lost:${why}`),
    });
    leases.push(lease);
    return lease;
  }

  async function holderBackends(name: string): Promise<number[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = $1`,
        [`kinerja-lease ${process.pid} ${name}`],
      );
      return rows.map((r) => r.pid);
    } finally {
      await client.end();
    }
  }

  it('is held by one of two, and passes to the other when the holder stops', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const first = replica('s_events/s', a);
    const second = replica('s_events/s', b);
    expect(await first.start()).toBe(true);
    expect(await second.start()).toBe(false);
    // Several attempts of the second pass while the first holds it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([first.held, second.held]).toEqual([true, false]);
    expect(b).toEqual([]);
    expect(await holderBackends('s_events/s')).toHaveLength(1);

    await first.stop();
    expect(a).toEqual(['acquired', 'lost:stopped']);
    await waitUntil(() => second.held, Boolean, { what: 'the second lease taken' });
    expect(b).toEqual(['acquired']);
  });

  it('passes to the other when the holder\'s session ends under it (as when its process is killed), and the old holder stops its work', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const first = replica('t_events/t', a);
    const second = replica('t_events/t', b);
    expect(await first.start()).toBe(true);
    expect(await second.start()).toBe(false);
    const [backend] = await holderBackends('t_events/t');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [backend]);
    } finally {
      await admin.end();
    }
    await waitUntil(() => second.held && a.includes('lost:connection-lost'), Boolean, { what: 'the lease passed on' });
    expect(b).toEqual(['acquired']);
    // The old holder competes again and waits: one holder.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(first.held).toBe(false);
    expect(await holderBackends('t_events/t')).toHaveLength(1);
  });

  it('leases of different names do not exclude each other', async () => {
    expect(await replica('u_events/u', []).start()).toBe(true);
    expect(await replica('v_events/v', []).start()).toBe(true);
  });

  it('gives the lease up when its work does not start, and the boot fails as it would without one', async () => {
    const failing = new Lease({
      connectionString: db.url,
      name: 'w_events/w',
      acquired: () => Promise.reject(new Error('checkpoints unreadable')),
      lost: async () => undefined,
    });
    await expect(failing.start()).rejects.toThrow('checkpoints unreadable');
    const other = replica('w_events/w', []);
    expect(await other.start()).toBe(true);
  });
});
