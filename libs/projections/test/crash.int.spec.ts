import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Checkpoint, createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase, waitUntil } from '@kinerja/testing';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../src';
import { AccountView } from './account/account-view.entity';
import { CHILD_APPLICATION_NAME } from './runner-child';
import { accountReadModel, allEvents, appendLedger, expectedRows, openReadModels, rowsOf } from './support';

// Only a backstop: the waits below end the test when a child dies or stalls, however slow the machine.
jest.setTimeout(30 * 60_000);

const KILLS = 6;
const ROOT = path.resolve(__dirname, '../../..');

let live: TestDatabase;
let reference: TestDatabase;
let store: PostgresEventStore;
let liveDataSource: DataSource;
let referenceDataSource: DataSource;
const children = new Set<ChildProcess>();

function startChild(): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'runner-child.ts')], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', DB_URL: live.url, BATCH_SIZE: '20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, output };
}

async function storedCheckpoint(): Promise<Checkpoint | null> {
  const rows: { checkpoint: Checkpoint | null }[] = await liveDataSource.query(
    "SELECT checkpoint FROM projection_checkpoints WHERE name = 'account'",
  );
  return rows[0]?.checkpoint ?? null;
}

/** True while the child is inside a batch transaction that has locked or written something. */
async function childInWritingTransaction(): Promise<boolean> {
  const [{ n }] = await liveDataSource.query(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND backend_xid IS NOT NULL',
    [CHILD_APPLICATION_NAME],
  );
  return n > 0;
}

/** Until `condition` holds, as long as the child lives (a child starting on a busy machine may take minutes). */
async function until(condition: () => Promise<boolean>, child: ChildProcess, output: string[], what: string): Promise<void> {
  await waitUntil(condition, Boolean, {
    what,
    everyMs: 2,
    stallMs: 10 * 60_000,
    failIf: () => (child.exitCode !== null || child.signalCode !== null ? `the child exited (${child.exitCode ?? child.signalCode}): ${output.join('')}` : null),
  });
}

beforeAll(async () => {
  [live, reference] = await Promise.all([createTestDatabase('projcrash'), createTestDatabase('projref')]);
  store = await createPostgresEventStore({ connectionString: live.url });
  // Migrations run here, before any child, so that a killed child never dies inside one.
  [liveDataSource, referenceDataSource] = await Promise.all([openReadModels(live.url), openReadModels(reference.url)]);
  await appendLedger(store, { prefix: 'k', accounts: 200, rounds: 20, perAppend: 5, seed: 7 });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await liveDataSource?.destroy();
  await referenceDataSource?.destroy();
  await store?.close();
  await Promise.all([live?.drop(), reference?.drop()]);
});

it('a projection process killed again and again, then restarted, ends with the rows of a clean rebuild', async () => {
  const events = await allEvents(store);
  const last = events[events.length - 1].position;
  let previous: Checkpoint | null = null;

  // Odd kills land inside a batch transaction; even ones at a random moment, often between two.
  for (let kill = 1; kill <= KILLS; kill++) {
    const { child, exited, output } = startChild();
    await until(
      async () => {
        const checkpoint = await storedCheckpoint();
        return checkpoint !== null && (previous === null || store.compareCheckpoints(checkpoint, previous) > 0);
      },
      child,
      output,
      `child ${kill} commits a batch`,
    );
    if (kill % 2 === 1) await until(childInWritingTransaction, child, output, `child ${kill} opens a batch transaction`);
    else await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });

    const committed = await storedCheckpoint();
    expect(committed).not.toBeNull();
    expect(store.compareCheckpoints(committed!, last)).toBeLessThan(0);
    // Nothing of the killed transaction is visible: the table is the fold up to the committed checkpoint.
    const upTo = events.findIndex((e) => e.position === committed) + 1;
    expect(await rowsOf(liveDataSource, AccountView)).toEqual(expectedRows(events.slice(0, upTo)));
    previous = committed;
  }

  const { exited, output } = startChild();
  const result = await exited;
  expect({ ...result, output: result.code === 0 ? '' : output.join('') }).toEqual({ code: 0, signal: null, output: '' });
  expect(await storedCheckpoint()).toBe(last);

  await new ProjectionRunner({ dataSource: referenceDataSource, store, readModels: [accountReadModel], batchSize: 500 }).catchUp();
  const rebuilt = await rowsOf(referenceDataSource, AccountView);
  expect(rebuilt.length).toBeGreaterThan(150);
  expect(await rowsOf(liveDataSource, AccountView)).toEqual(rebuilt);
  expect(rebuilt).toEqual(expectedRows(events));
});
