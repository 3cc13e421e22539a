/**
 * The one contract suite every EventStore adapter passes (docs/design.md §4, §8). Call it from an
 * adapter's `*.int.spec.ts`:
 *
 *   eventStoreContract('PostgreSQL', async () => ({ store, createSlowWriter, tamper, close }), { tamper: true });
 *
 * Streams are named under a random prefix per run, so the suite also runs against a shared server
 * that already holds other data (EventStoreDB).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  Checkpoint,
  EventFilter,
  EventStore,
  InvalidEventError,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

/** Edits stored events behind the store's back (a direct UPDATE/DELETE), to prove that `verifyChains` sees it. */
export interface ContractTamper {
  /** Replaces the data of one stored event. */
  changeData(stream: string, revision: number, data: unknown): Promise<void>;
  /** Deletes one stored event. */
  deleteEvent(stream: string, revision: number): Promise<void>;
  /** Swaps the places (revisions) of two stored events of one stream. */
  swap(stream: string, revisionA: number, revisionB: number): Promise<void>;
}

export interface ContractHarness {
  /** A store over the storage under test. */
  store: EventStore;
  /**
   * A second store over the same storage whose appends hold their transaction open for a random
   * delay of up to `maxDelayMs` before committing (test-only hook), so that commits land out of
   * position order while a subscriber reads. Absent: plain concurrent writers are used.
   */
  createSlowWriter?(maxDelayMs: number): Promise<EventStore>;
  /** Absent when the storage cannot be edited behind the store (tamper tests are then not run). */
  tamper?: ContractTamper;
  /** Counts round trips to the storage so far (to prove invalid events never reach it). */
  storageCalls?(): number;
  close(): Promise<void>;
}

/** Jest's default 5 s is too short for the concurrency tests on a 2-core machine. */
const LONG = 120_000;
const TEST = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ContractCapabilities {
  /** The harness supplies `tamper`: register the tamper tests of the chain verifier. */
  tamper?: boolean;
}

export function eventStoreContract(
  name: string,
  factory: () => Promise<ContractHarness>,
  capabilities: ContractCapabilities = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    jest.setTimeout(TEST);
    let harness: ContractHarness;
    let store: EventStore;
    const run = `c${randomBytes(4).toString('hex')}`;
    let counter = 0;
    const stream = (label: string) => `${run}-${label}-${++counter}`;
    const ev = (type: string, data: unknown = { n: counter }, extra: Partial<NewEvent> = {}): NewEvent => ({
      type,
      data,
      metadata: { actorId: 'tester', correlationId: run },
      ...extra,
    });

    beforeAll(async () => {
      harness = await factory();
      store = harness.store;
    }, LONG);
    afterAll(async () => {
      await harness?.close();
    }, LONG);

    async function expectConflict(promise: Promise<unknown>, actual: number): Promise<WrongExpectedRevisionError> {
      const error = await promise.then(
        () => {
          throw new Error('expected WrongExpectedRevisionError, the append succeeded');
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(actual);
      expect((error as WrongExpectedRevisionError).code).toBe('WRONG_EXPECTED_REVISION');
      return error as WrongExpectedRevisionError;
    }

    /**
     * Reads every event matching the filter from `from`, page by page, until `count` have been seen
     * (a store may hold back events behind a transaction still running elsewhere, so keep polling).
     */
    async function drain(filter: EventFilter, count: number, limit = 100, timeoutMs = 15_000) {
      const events: RecordedEvent[] = [];
      const pages: RecordedEvent[][] = [];
      let from: Checkpoint | null = null;
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        const page = await store.readAll({ from, limit, filter });
        if (page.events.length === 0) {
          expect(page.checkpoint).toBe(from);
          if (Date.now() > deadline) break;
          await sleep(20);
          continue;
        }
        expect(page.events.length).toBeLessThanOrEqual(limit);
        expect(page.checkpoint).toBe(page.events[page.events.length - 1].position);
        pages.push(page.events);
        events.push(...page.events);
        from = page.checkpoint;
      }
      return { events, pages, checkpoint: from };
    }

    function expectStrictlyOrdered(events: RecordedEvent[]) {
      for (let i = 1; i < events.length; i++) {
        expect(store.compareCheckpoints(events[i - 1].position, events[i].position)).toBeLessThan(0);
        expect(store.compareCheckpoints(events[i].position, events[i - 1].position)).toBeGreaterThan(0);
      }
    }

    describe('expected revision', () => {
      it("'no_stream' creates a stream and fails on an existing one", async () => {
        const s = stream('nostream');
        const first = await store.append(s, [ev('A'), ev('B')], { expected: 'no_stream' });
        expect(first.nextRevision).toBe(1);
        await expectConflict(store.append(s, [ev('C')], { expected: 'no_stream' }), 1);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it("'stream_exists' fails on a missing stream and appends to an existing one", async () => {
        const s = stream('exists');
        await expectConflict(store.append(s, [ev('A')], { expected: 'stream_exists' }), -1);
        expect(await store.readStream(s)).toEqual([]);
        await store.append(s, [ev('A')], { expected: 'no_stream' });
        const r = await store.append(s, [ev('B')], { expected: 'stream_exists' });
        expect(r.nextRevision).toBe(1);
      });

      it("'any' appends to a missing and to an existing stream", async () => {
        const s = stream('any');
        expect((await store.append(s, [ev('A')], { expected: 'any' })).nextRevision).toBe(0);
        expect((await store.append(s, [ev('B'), ev('C')], { expected: 'any' })).nextRevision).toBe(2);
        expect((await store.append(s, [ev('D')])).nextRevision).toBe(3);
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('an exact revision appends when it matches and fails with the actual revision otherwise', async () => {
        const s = stream('exact');
        await expectConflict(store.append(s, [ev('A')], { expected: 0 }), -1);
        await store.append(s, [ev('A'), ev('B')], { expected: 'no_stream' });
        await expectConflict(store.append(s, [ev('C')], { expected: 0 }), 1);
        await expectConflict(store.append(s, [ev('C')], { expected: 2 }), 1);
        const r = await store.append(s, [ev('C')], { expected: 1 });
        expect(r.nextRevision).toBe(2);
        const conflict = await expectConflict(store.append(s, [ev('D')], { expected: 1 }), 2);
        expect(conflict.stream).toBe(s);
        expect(conflict.expected).toBe(1);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('returns the position of the last appended event, and positions grow', async () => {
        const s = stream('positions');
        const a = await store.append(s, [ev('A'), ev('B')]);
        const b = await store.append(s, [ev('C')]);
        expect(store.compareCheckpoints(a.position, b.position)).toBeLessThan(0);
        expect(store.compareCheckpoints(a.position, a.position)).toBe(0);
        const events = await store.readStream(s);
        expect(events[1].position).toBe(a.position);
        expect(events[2].position).toBe(b.position);
        expectStrictlyOrdered(events);
      });

      it('of 10 concurrent creators with no_stream exactly one wins', async () => {
        const s = stream('create-race');
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.append(s, [ev('Created', { i })], { expected: 'no_stream' })),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        for (const l of lost) {
          expect(l.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect((l.reason as WrongExpectedRevisionError).actual).toBe(0);
        }
        expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    it('20 concurrent writers on one stream: one winner per revision, no hole, every event once', async () => {
      const s = stream('writers');
      const writers = 20;
      const perWriter = 4;
      let conflicts = 0;
      const appended: string[] = [];
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let k = 0; k < perWriter; k++) {
            const id = randomUUID();
            for (let attempt = 0; ; attempt++) {
              if (attempt > 500) throw new Error('writer starved');
              const current = await store.readStream(s);
              const expected = current.length === 0 ? 'no_stream' : current[current.length - 1].revision;
              try {
                await store.append(s, [ev('Written', { w, k }, { id })], { expected });
                appended.push(id);
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
                conflicts++;
              }
            }
          }
        }),
      );
      const events = await store.readStream(s);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i));
      expect(new Set(events.map((e) => e.id)).size).toBe(writers * perWriter);
      expect(events.map((e) => e.id).sort()).toEqual([...appended].sort());
      expectStrictlyOrdered(events);
      expect(conflicts).toBeGreaterThan(0);
      const verified = await store.verifyChains(s);
      expect(verified.breaks).toEqual([]);
      expect(verified.ok).toBe(true);
    }, LONG);

    describe('subscribe', () => {
      it('a subscriber running while 8 writers commit late sees every event once, in checkpoint order (20 runs)', async () => {
        const writerStore = harness.createSlowWriter ? await harness.createSlowWriter(25) : store;
        try {
          for (let repetition = 0; repetition < 20; repetition++) {
            const prefix = `${run}-sub${repetition}-`;
            const received: RecordedEvent[] = [];
            const batchCheckpoints: Checkpoint[] = [];
            const subscription = store.subscribe(
              { from: null, filter: { streamPrefixes: [prefix] }, batchSize: 7 },
              async (events, checkpoint) => {
                expect(checkpoint).toBe(events[events.length - 1].position);
                batchCheckpoints.push(checkpoint);
                received.push(...events);
              },
            );
            const appended: string[] = [];
            await Promise.all(
              Array.from({ length: 8 }, async (_, w) => {
                for (let k = 0; k < 4; k++) {
                  const id = randomUUID();
                  await writerStore.append(`${prefix}w${w % 4}`, [ev('Tick', { w, k }, { id })]);
                  appended.push(id);
                }
              }),
            );
            const deadline = Date.now() + 15_000;
            while (received.length < appended.length && Date.now() < deadline) await sleep(10);
            await sleep(60); // anything more would be a repeat
            await subscription.stop();
            await subscription.done;
            expect(received.map((e) => e.id).sort()).toEqual([...appended].sort());
            expectStrictlyOrdered(received);
            for (let i = 1; i < batchCheckpoints.length; i++) {
              expect(store.compareCheckpoints(batchCheckpoints[i - 1], batchCheckpoints[i])).toBeLessThan(0);
            }
          }
        } finally {
          if (writerStore !== store) await writerStore.close();
        }
      }, LONG);

      it('starts after a checkpoint, goes live, and stops cleanly', async () => {
        const s = stream('live');
        await store.append(s, [ev('A'), ev('B'), ev('C')]);
        const before = await drain({ streamPrefixes: [s] }, 3);
        const from = before.events[0].position;
        const seen: string[] = [];
        const subscription = store.subscribe({ from, filter: { streamPrefixes: [s] } }, async (events) => {
          seen.push(...events.map((e) => e.type));
        });
        const deadline = Date.now() + 10_000;
        while (seen.length < 2 && Date.now() < deadline) await sleep(10);
        expect(seen).toEqual(['B', 'C']);
        await store.append(s, [ev('D')]);
        while (seen.length < 3 && Date.now() < deadline) await sleep(10);
        expect(seen).toEqual(['B', 'C', 'D']);
        await subscription.stop();
        await expect(subscription.done).resolves.toBeUndefined();
        await store.append(s, [ev('E')]);
        await sleep(100);
        expect(seen).toEqual(['B', 'C', 'D']);
      });

      it("a handler's error stops the subscription and rejects done", async () => {
        const s = stream('failing');
        await store.append(s, [ev('A'), ev('B')]);
        let calls = 0;
        const subscription = store.subscribe({ filter: { streamPrefixes: [s] } }, async () => {
          calls++;
          throw new Error('projection broke');
        });
        await expect(subscription.done).rejects.toThrow('projection broke');
        expect(calls).toBe(1);
        await subscription.stop();
      });
    });

    it('readStream with asOf returns the stream as it stood then; from and to bound revisions', async () => {
      const s = stream('asof');
      await store.append(s, [ev('A')]);
      await sleep(15);
      await store.append(s, [ev('B')]);
      await sleep(15);
      await store.append(s, [ev('C')]);
      const all = await store.readStream(s);
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(all[1].recordedAt.getTime()).toBeGreaterThan(all[0].recordedAt.getTime());
      expect(all[2].recordedAt.getTime()).toBeGreaterThan(all[1].recordedAt.getTime());
      expect((await store.readStream(s, { asOf: all[1].recordedAt })).map((e) => e.type)).toEqual(['A', 'B']);
      expect((await store.readStream(s, { asOf: new Date(all[1].recordedAt.getTime() - 1) })).map((e) => e.type)).toEqual(['A']);
      expect(await store.readStream(s, { asOf: new Date(all[0].recordedAt.getTime() - 1) })).toEqual([]);
      expect((await store.readStream(s, { asOf: new Date(Date.now() + 60_000) })).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect((await store.readStream(s, { from: 1 })).map((e) => e.type)).toEqual(['B', 'C']);
      expect((await store.readStream(s, { from: 1, to: 1 })).map((e) => e.type)).toEqual(['B']);
      expect((await store.readStream(s, { to: 0 })).map((e) => e.type)).toEqual(['A']);
      expect(await store.readStream(stream('missing'))).toEqual([]);
    });

    it('records what was appended: ids, types, data, metadata, hash chain', async () => {
      const s = stream('fields');
      const id = randomUUID();
      const data = { z: 1, a: { y: [1, 2.5, 'x', null, true], b: 'ü€😀' }, when: new Date('2024-03-01T00:00:00Z') };
      await store.append(s, [ev('Typed.v1', data, { id, metadata: { actorId: 'u1', actorRole: 'pegawai', occurredAt: '2024-02-29' } })]);
      await store.append(s, [ev('Typed.v1', { plain: true })]);
      const [first, second] = await store.readStream(s);
      expect(first.id).toBe(id);
      expect(first.stream).toBe(s);
      expect(first.type).toBe('Typed.v1');
      expect(first.data).toEqual({ z: 1, a: { y: [1, 2.5, 'x', null, true], b: 'ü€😀' }, when: '2024-03-01T00:00:00.000Z' });
      expect(first.metadata).toMatchObject({ actorId: 'u1', actorRole: 'pegawai', occurredAt: '2024-02-29' });
      expect(first.recordedAt).toBeInstanceOf(Date);
      expect(first.previousHash).toBeNull();
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(second.previousHash).toBe(first.hash);
      const verified = await store.verifyChains(s);
      expect(verified).toEqual({ ok: true, streams: 1, events: 2, breaks: [] });
    });

    describe('chain verification', () => {
      /** Tamper tests exist only for adapters whose storage can be edited behind the store. */
      const tamperIt = (title: string, body: (tamper: ContractTamper) => Promise<void>) => {
        if (!capabilities.tamper) return;
        it(title, async () => {
          if (!harness.tamper) throw new Error('capabilities.tamper is set but the harness has no tamper');
          await body(harness.tamper);
        });
      };
      async function threeEvents(label: string) {
        const s = stream(label);
        await store.append(s, [ev('A', { v: 1 }), ev('B', { v: 2 })]);
        await store.append(s, [ev('C', { v: 3 })]);
        await store.append(s, [ev('D', { v: 4 })]);
        expect((await store.verifyChains(s)).ok).toBe(true);
        return s;
      }

      tamperIt('a changed payload breaks the chain at that event', async (tamper) => {
        const s = await threeEvents('tamper-data');
        await tamper.changeData(s, 1, { v: 200 });
        const result = await store.verifyChains(s);
        expect(result.ok).toBe(false);
        expect(result.breaks).toEqual([expect.objectContaining({ stream: s, revision: 1, reason: 'hash_mismatch' })]);
        const whole = await store.verifyChains();
        expect(whole.ok).toBe(false);
        expect(whole.breaks).toEqual(expect.arrayContaining([expect.objectContaining({ stream: s, revision: 1 })]));
      });

      tamperIt('a deleted event shows as a revision gap and a broken link', async (tamper) => {
        const s = await threeEvents('tamper-delete');
        await tamper.deleteEvent(s, 1);
        const result = await store.verifyChains(s);
        expect(result.ok).toBe(false);
        expect(result.breaks).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ stream: s, revision: 2, reason: 'revision_gap' }),
            expect.objectContaining({ stream: s, revision: 2, reason: 'broken_link' }),
          ]),
        );
        const tail = await threeEvents('tamper-delete-tail');
        await tamper.deleteEvent(tail, 3);
        const tailResult = await store.verifyChains(tail);
        expect(tailResult.ok).toBe(false);
        expect(tailResult.breaks).toEqual([expect.objectContaining({ stream: tail, revision: 3, reason: 'revision_gap' })]);
      });

      tamperIt('a swapped pair breaks the chain at both events', async (tamper) => {
        const s = await threeEvents('tamper-swap');
        await tamper.swap(s, 1, 2);
        const result = await store.verifyChains(s);
        expect(result.ok).toBe(false);
        const broken = new Set(result.breaks.map((b) => b.revision));
        expect(broken).toEqual(new Set([1, 2, 3]));
        expect(result.breaks).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ revision: 1, reason: 'hash_mismatch' }),
            expect.objectContaining({ revision: 2, reason: 'hash_mismatch' }),
          ]),
        );
      });

      it('an untouched stream still verifies', async () => {
        const s = await threeEvents('untouched');
        expect(await store.verifyChains(s)).toEqual({ ok: true, streams: 1, events: 4, breaks: [] });
      });
    });

    describe('invalid events are rejected before touching storage', () => {
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      const cases: [string, unknown][] = [
        ['no type', { data: {} }],
        ['an empty type', { type: '', data: {} }],
        ['a non-string type', { type: 42, data: {} }],
        ['undefined data', { type: 'T', data: undefined }],
        ['a function in data', { type: 'T', data: { f: () => 1 } }],
        ['a bigint in data', { type: 'T', data: { n: BigInt(1) } }],
        ['NaN in data', { type: 'T', data: { n: Number.NaN } }],
        ['Infinity in data', { type: 'T', data: [Number.POSITIVE_INFINITY] }],
        ['a cycle in data', { type: 'T', data: cyclic }],
        ['a symbol in data', { type: 'T', data: { s: Symbol('x') } }],
        ['a Map in data', { type: 'T', data: { m: new Map([[1, 2]]) } }],
        ['undefined in an array', { type: 'T', data: [1, undefined] }],
        ['a function as metadata value', { type: 'T', data: {}, metadata: { f: () => 1 } }],
        ['an array as metadata', { type: 'T', data: {}, metadata: [1] }],
        ['an id that is not a uuid', { type: 'T', data: {}, id: 'not-a-uuid' }],
      ];
      it.each(cases)('%s', async (_label, bad) => {
        const s = stream('invalid');
        const calls = harness.storageCalls?.();
        await expect(store.append(s, [ev('Good'), bad as NewEvent])).rejects.toBeInstanceOf(InvalidEventError);
        if (calls !== undefined) expect(harness.storageCalls!()).toBe(calls);
        expect(await store.readStream(s)).toEqual([]);
      });

      it('an append with the same id twice in one batch', async () => {
        const s = stream('invalid');
        const id = randomUUID();
        await expect(store.append(s, [ev('A', {}, { id }), ev('B', {}, { id })])).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(s)).toEqual([]);
      });
    });

    describe('idempotency (the event id is the key)', () => {
      it('retrying a stored append is a no-op that returns the same result', async () => {
        const s = stream('idem');
        const events = [ev('A', { n: 1 }, { id: randomUUID() }), ev('B', { n: 2 }, { id: randomUUID() })];
        const first = await store.append(s, events, { expected: 'no_stream' });
        const again = await store.append(s, events, { expected: 'no_stream' });
        expect(again.nextRevision).toBe(first.nextRevision);
        expect(store.compareCheckpoints(again.position, first.position)).toBe(0);
        const viaAny = await store.append(s, events, { expected: 'any' });
        expect(viaAny.nextRevision).toBe(first.nextRevision);
        const events2 = await store.readStream(s);
        expect(events2.map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('retrying with the exact revision it was appended at is a no-op', async () => {
        const s = stream('idem-exact');
        await store.append(s, [ev('A')], { expected: 'no_stream' });
        const e = ev('B', { n: 2 }, { id: randomUUID() });
        const first = await store.append(s, [e], { expected: 0 });
        const again = await store.append(s, [e], { expected: 0 });
        expect(again.nextRevision).toBe(first.nextRevision);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('readAll', () => {
      it('pages with a limit, in checkpoint order, and filters by stream prefix and by type', async () => {
        const prefix = stream('ra');
        const streams = [`${prefix}-x`, `${prefix}-y`, `${prefix}-z`];
        for (let round = 0; round < 5; round++) {
          for (const s of streams) await store.append(s, [ev(round % 2 === 0 ? `${run}.Even` : `${run}.Odd`, { round })]);
        }
        const all = await drain({ streamPrefixes: [prefix] }, 15, 4);
        expect(all.events).toHaveLength(15);
        expect(all.pages.length).toBeGreaterThanOrEqual(4);
        expectStrictlyOrdered(all.events);
        expect(new Set(all.events.map((e) => e.id)).size).toBe(15);
        const after = await store.readAll({ from: all.checkpoint, limit: 4, filter: { streamPrefixes: [prefix] } });
        expect(after.events).toEqual([]);
        expect(after.checkpoint).toBe(all.checkpoint);

        const even = await drain({ streamPrefixes: [prefix], types: [`${run}.Even`] }, 9, 5);
        expect(even.events).toHaveLength(9);
        expect(even.events.every((e) => e.type === `${run}.Even`)).toBe(true);

        const byType = await drain({ types: [`${run}.Odd`] }, 6, 100);
        expect(byType.events).toHaveLength(6);
        expect(byType.events.every((e) => e.stream.startsWith(prefix))).toBe(true);

        const oneStream = await drain({ streamPrefixes: [`${prefix}-y`, `${prefix}-nothing`] }, 5, 100);
        expect(oneStream.events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);

        // From the middle: exactly what follows.
        const middle = all.events[6].position;
        const rest = await store.readAll({ from: middle, limit: 100, filter: { streamPrefixes: [prefix] } });
        expect(rest.events.map((e) => e.id)).toEqual(all.events.slice(7).map((e) => e.id));
      });
    });
  });
}
