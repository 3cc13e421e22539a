import { Projection } from '@kinerja/domain';
import { Checkpoint, createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { defineReadModel, ProjectionRunner, ProjectionRunnerOptions, ReadModel, WaitForTimeoutError } from '../src';
import { AccountView, AccountViewCopy } from './account/account-view.entity';
import { AccountRow } from './account/account.projection';
import {
  accountCopyReadModel,
  accountReadModel,
  allEvents,
  appendLedger,
  Comparable,
  expectedRows,
  openReadModels,
  rowsOf,
} from './support';

// The root config's integration timeout does not reach single-file runs; state it here.
jest.setTimeout(120_000);

let db: TestDatabase;
let store: PostgresEventStore;
let dataSource: DataSource;
const runners: ProjectionRunner[] = [];

function runner(options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
  const created = new ProjectionRunner({ dataSource, store, readModels: [accountReadModel], batchSize: 100, ...options });
  runners.push(created);
  return created;
}

/** Throws from `evolve` on its `n`th call, `times` times, then behaves. */
function failingOn(readModel: ReadModel<AccountRow>, n: number, times = 1): ReadModel<AccountRow> {
  const projection: Projection<AccountRow, any> = readModel.projection;
  let calls = 0;
  let failures = 0;
  return defineReadModel({
    entity: readModel.entity,
    projection: {
      ...projection,
      evolve(row, event, key) {
        calls += 1;
        if (calls >= n && failures < times) {
          failures += 1;
          throw new Error(`evolve failed on call ${calls}`);
        }
        return projection.evolve(row, event, key);
      },
    },
  });
}

async function reset(): Promise<void> {
  await dataSource.query('TRUNCATE account_view, account_view_copy');
  await dataSource.query('DELETE FROM projection_checkpoints');
}

async function storedCheckpoint(name: string): Promise<Checkpoint | null> {
  const rows: { checkpoint: Checkpoint | null }[] = await dataSource.query(
    'SELECT checkpoint FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows[0]?.checkpoint ?? null;
}

async function oracle(): Promise<Comparable[]> {
  return expectedRows(await allEvents(store));
}

beforeAll(async () => {
  db = await createTestDatabase('proj');
  store = await createPostgresEventStore({ connectionString: db.url });
  dataSource = await openReadModels(db.url);
  await appendLedger(store, { prefix: 'a', accounts: 60, rounds: 8, perAppend: 6 });
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await dataSource?.destroy();
  await store?.close();
  await db?.drop();
});

describe('ProjectionRunner', () => {
  it('catches up from zero to the rows of the in-memory fold, and stores the last position', async () => {
    await reset();
    await runner().catchUp();

    const events = await allEvents(store);
    const rows = await rowsOf(dataSource, AccountView);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.length).toBeLessThan(60); // every tenth account closed for good
    expect(rows).toEqual(expectedRows(events));
    expect(await storedCheckpoint('account')).toBe(events[events.length - 1].position);
  });

  it('replaying the same events twice gives the same rows, whatever the batch size', async () => {
    await reset();
    const first = runner({ batchSize: 100 });
    await first.catchUp();
    const once = await rowsOf(dataSource, AccountView);

    await first.rebuild();
    expect(await rowsOf(dataSource, AccountView)).toEqual(once);

    await runner({ readModels: [accountCopyReadModel], batchSize: 7 }).catchUp();
    expect(await rowsOf(dataSource, AccountViewCopy)).toEqual(once);
  });

  it('an evolve that throws mid-batch commits nothing of that batch; a restarted runner ends as a clean rebuild', async () => {
    await reset();
    const failing = runner({ readModels: [failingOn(accountReadModel, 1234)] });
    await expect(failing.catchUp()).rejects.toThrow('evolve failed on call 1234');

    // The table holds exactly the fold of the events up to the committed checkpoint.
    const committed = await storedCheckpoint('account');
    expect(committed).not.toBeNull();
    const events = await allEvents(store);
    const upTo = events.findIndex((e) => e.position === committed) + 1;
    expect(upTo).toBeGreaterThan(0);
    expect(upTo).toBeLessThan(events.length);
    expect(await rowsOf(dataSource, AccountView)).toEqual(expectedRows(events.slice(0, upTo)));

    await runner().catchUp();
    await runner({ readModels: [accountCopyReadModel], batchSize: 500 }).catchUp();
    const rebuilt = await rowsOf(dataSource, AccountViewCopy);
    expect(await rowsOf(dataSource, AccountView)).toEqual(rebuilt);
    expect(rebuilt).toEqual(expectedRows(events));
  });

  it('a live runner logs a failing batch, retries it and catches up', async () => {
    await reset();
    const errors: string[] = [];
    const live = runner({
      readModels: [failingOn(accountReadModel, 500, 2)],
      retryDelayMs: { min: 20, max: 100 },
      logger: { error: (details) => errors.push(String((details as { err: Error }).err.message)) },
    });
    await live.start();
    await appendLedger(store, { prefix: 'b', accounts: 5, rounds: 2, perAppend: 3, seed: 2 });
    const last = (await allEvents(store)).at(-1)!;

    await live.waitFor(last.position, 60_000);
    expect(errors).toEqual(['evolve failed on call 500', 'evolve failed on call 501']);
    expect(live.status()).toEqual({ live: true, applied: expect.any(String), lastError: null });
    expect(await rowsOf(dataSource, AccountView)).toEqual(await oracle());
  });

  it('waitFor resolves once the read model holds the write, and times out when nothing applies it', async () => {
    await reset();
    const live = runner();
    await live.start();
    await live.waitFor((await allEvents(store)).at(-1)!.position, 60_000);
    const before = await dataSource.getRepository(AccountView).findOneByOrFail({ id: 'a-0001' });

    const { position } = await store.append('account-a-0001', [{ type: 'Deposited', data: { accountId: 'a-0001', amount: 1000 } }]);
    await live.waitFor(position, 30_000);
    const after = await dataSource.getRepository(AccountView).findOneByOrFail({ id: 'a-0001' });
    expect(after.balance).toBe(before.balance + 1000);
    expect(after.events).toBe(before.events + 1);

    await live.stop();
    const next = await store.append('account-a-0001', [{ type: 'Audited', data: { accountId: 'a-0001' } }]);
    await expect(live.waitFor(next.position, 300)).rejects.toBeInstanceOf(WaitForTimeoutError);
  });

  it('a following runner (another replica holds the lease) applies nothing, sees the writes the live one commits, and takes over from the stored checkpoints', async () => {
    await reset();
    const holder = runner();
    const follower = runner();
    await holder.start();
    await follower.follow(5);
    expect(follower.status().live).toBe(false);
    await holder.waitFor((await allEvents(store)).at(-1)!.position, 60_000);
    const before = await dataSource.getRepository(AccountView).findOneByOrFail({ id: 'a-0002' });

    // A command answered by the follower's replica waits there for the holder's commit.
    const { position } = await store.append('account-a-0002', [{ type: 'Deposited', data: { accountId: 'a-0002', amount: 500 } }]);
    await follower.waitFor(position, 30_000);
    expect((await dataSource.getRepository(AccountView).findOneByOrFail({ id: 'a-0002' })).balance).toBe(before.balance + 500);
    expect(follower.status().applied).toBe(await storedCheckpoint('account'));

    // The holder goes away; until the follower takes over nothing applies the next write.
    await holder.stop();
    const next = await store.append('account-a-0002', [{ type: 'Deposited', data: { accountId: 'a-0002', amount: 70 } }]);
    await expect(follower.waitFor(next.position, 300)).rejects.toBeInstanceOf(WaitForTimeoutError);
    await follower.start();
    await follower.waitFor(next.position, 30_000);
    expect(follower.status().live).toBe(true);
    // Each event applied once: the rows are the fold of the events.
    expect(await rowsOf(dataSource, AccountView)).toEqual(await oracle());
  });

  it('rebuild gives the same rows as the live run, and the runner stays live after it', async () => {
    await reset();
    const live = runner({ readModels: [accountReadModel, accountCopyReadModel] });
    await live.start();
    await live.waitFor((await allEvents(store)).at(-1)!.position, 60_000);
    const liveRows = await rowsOf(dataSource, AccountView);
    expect(liveRows).toEqual(await oracle());

    await live.rebuild('account');
    expect(live.status().live).toBe(true);
    expect(await rowsOf(dataSource, AccountView)).toEqual(liveRows);

    const { position } = await store.append('account-a-0002', [{ type: 'Deposited', data: { accountId: 'a-0002', amount: 7 } }]);
    await live.waitFor(position, 30_000);
    const rows = await rowsOf(dataSource, AccountView);
    expect(rows).toEqual(await oracle());
    expect(rows).not.toEqual(liveRows);
    expect(await rowsOf(dataSource, AccountViewCopy)).toEqual(rows);
  });

  it('rebuilding one read model leaves the others untouched', async () => {
    await reset();
    const both = runner({ readModels: [accountReadModel, accountCopyReadModel] });
    await both.catchUp();
    const stamp = 'SELECT updated_at FROM projection_checkpoints WHERE name = $1';
    const [untouched] = await dataSource.query(stamp, ['account']);
    const [rebuiltBefore] = await dataSource.query(stamp, ['account_copy']);

    await both.rebuild('account_copy');
    expect(await dataSource.query(stamp, ['account'])).toEqual([untouched]);
    const [rebuiltAfter] = await dataSource.query(stamp, ['account_copy']);
    expect(rebuiltAfter.updated_at.getTime()).toBeGreaterThan(rebuiltBefore.updated_at.getTime());
    expect(await rowsOf(dataSource, AccountViewCopy)).toEqual(await rowsOf(dataSource, AccountView));
    await expect(both.rebuild('nope')).rejects.toThrow('Unknown read model nope');
  });

  it('a rebuild is one transaction: one that fails on a late page, after writing rows out, leaves the read model and its checkpoint as they were', async () => {
    await reset();
    await runner().catchUp();
    const rows = await rowsOf(dataSource, AccountView);
    const checkpoint = await storedCheckpoint('account');
    const events = (await allEvents(store)).length;
    expect(events).toBeGreaterThan(2_000);

    // Pages of 100 events, rows written out whenever more than 10 are held: call 3,000 of evolve
    // (about 1.5 a ledger event) comes well after the first page and the first writes.
    const failing = runner({ readModels: [failingOn(accountReadModel, 3_000)], rebuildRowsInMemory: 10 });
    await expect(failing.rebuild()).rejects.toThrow('evolve failed on call 3000');
    expect(await rowsOf(dataSource, AccountView)).toEqual(rows);
    expect(await storedCheckpoint('account')).toBe(checkpoint);

    // One batch for every event: the rows are replaced in one transaction, and equal the fold.
    await runner({ batchSize: 100_000 }).rebuild();
    expect(await rowsOf(dataSource, AccountView)).toEqual(rows);
    expect(await storedCheckpoint('account')).toBe(checkpoint);
  });

  it('a rebuild writes each row once, at its end; one that holds few rows in memory writes them out as it goes and ends with the same rows', async () => {
    await reset();
    await runner().catchUp();
    const checkpoint = await storedCheckpoint('account');
    // Every row written to account_view, COPY's included, counted by a trigger (the emptying's DELETE too).
    await dataSource.query(`CREATE TABLE account_writes (op text NOT NULL)`);
    await dataSource.query(`CREATE FUNCTION count_account_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO account_writes VALUES (TG_OP); RETURN NULL; END $$`);
    await dataSource.query(`CREATE TRIGGER count_writes AFTER INSERT OR UPDATE OR DELETE ON account_view FOR EACH ROW EXECUTE FUNCTION count_account_write()`);
    const writes = async () => {
      const counted: { op: string; n: number }[] = await dataSource.query(`SELECT op, count(*)::int AS n FROM account_writes GROUP BY op`);
      await dataSource.query('DELETE FROM account_writes');
      return Object.fromEntries(counted.map((c) => [c.op, c.n]));
    };
    try {
      const expected = await oracle();
      await runner({ batchSize: 37 }).rebuild();
      expect(await rowsOf(dataSource, AccountView)).toEqual(expected);
      expect(await writes()).toEqual({ DELETE: expected.length, INSERT: expected.length });

      // Accounts are closed (deleted) and opened again: forgotten rows are read back, overwritten and deleted.
      await runner({ readModels: [accountReadModel, accountCopyReadModel], batchSize: 37, rebuildRowsInMemory: 5 }).rebuild();
      const written = await writes();
      expect(written.UPDATE).toBeGreaterThan(expected.length);
      expect(written.INSERT).toBeGreaterThan(expected.length);
      expect(await rowsOf(dataSource, AccountView)).toEqual(expected);
      expect(await rowsOf(dataSource, AccountViewCopy)).toEqual(expected);
      expect(await storedCheckpoint('account')).toBe(checkpoint);
      expect(await storedCheckpoint('account_copy')).toBe(checkpoint);
    } finally {
      await dataSource.query('DROP TRIGGER count_writes ON account_view; DROP FUNCTION count_account_write(); DROP TABLE account_writes');
    }
  });

  it("the read models' writes of a batch go out together: the one that fails is the error, not the aborted transaction after it", async () => {
    await reset();
    const both = runner({ readModels: [accountReadModel, accountCopyReadModel] });
    await both.catchUp();
    const rows = await rowsOf(dataSource, AccountView);
    await dataSource.query('ALTER TABLE account_view ADD CONSTRAINT refuse_all CHECK (false) NOT VALID');
    try {
      await expect(both.rebuild()).rejects.toThrow(/refuse_all/);
    } finally {
      await dataSource.query('ALTER TABLE account_view DROP CONSTRAINT refuse_all');
    }
    expect(await rowsOf(dataSource, AccountView)).toEqual(rows);
    expect(await rowsOf(dataSource, AccountViewCopy)).toEqual(rows);
    await both.rebuild();
    expect(await rowsOf(dataSource, AccountViewCopy)).toEqual(rows);
  });

  it('rebuilding on a store without events empties the read model', async () => {
    await reset();
    await runner().catchUp();
    expect((await rowsOf(dataSource, AccountView)).length).toBeGreaterThan(0);
    const empty = await createPostgresEventStore({ connectionString: db.url, schema: 'empty_events' });
    try {
      await runner({ store: empty }).rebuild();
    } finally {
      await empty.close();
    }
    expect(await rowsOf(dataSource, AccountView)).toEqual([]);
    expect(await storedCheckpoint('account')).toBeNull();
  });

  it('reports lag through its method and the registry: positive before catching up, zero after', async () => {
    await reset();
    const registry = new Registry();
    const lagging = runner({ registry });
    const handled = (await allEvents(store)).filter((e) => accountReadModel.projection.handles.includes(e.type));
    const metric = async (name: string) => {
      const { values } = await registry.getSingleMetric(name)!.get();
      return values.find((v) => v.labels.projection === 'account')?.value;
    };

    const [before] = await lagging.lag();
    expect(before).toEqual({ name: 'account', checkpoint: null, events: handled.length, seconds: expect.any(Number) });
    expect(before.seconds).toBeGreaterThan(0);
    expect(await metric('projection_lag_events')).toBe(handled.length);
    expect(await metric('projection_lag_seconds')).toBeGreaterThan(0);

    await lagging.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the once-per-scrape cache
    expect(await lagging.lag()).toEqual([{ name: 'account', checkpoint: expect.any(String), events: 0, seconds: 0 }]);
    expect(await metric('projection_lag_events')).toBe(0);
    expect(await metric('projection_lag_seconds')).toBe(0);
    expect(await registry.metrics()).toContain('projection_lag_events{projection="account"} 0');
  });

  it('two runners applying the same read model at once give the rows of one', async () => {
    await reset();
    const otherDataSource = await openReadModels(db.url);
    try {
      const other = new ProjectionRunner({ dataSource: otherDataSource, store, readModels: [accountReadModel], batchSize: 37 });
      await Promise.all([runner({ batchSize: 50 }).catchUp(), other.catchUp(), runner({ batchSize: 200 }).catchUp()]);
      expect(await rowsOf(dataSource, AccountView)).toEqual(await oracle());
    } finally {
      await otherDataSource.destroy();
    }
  });

  it('refuses two read models with one name', () => {
    expect(() => runner({ readModels: [accountReadModel, accountReadModel] })).toThrow('Two read models are named account');
  });
});
