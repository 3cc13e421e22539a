import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { Checkpoint, RecordedEvent } from '../event-store.port';
import { createEventStoreDbStore, parseCheckpoint, runPushSubscription, toCheckpoint } from './eventstoredb-event-store';

const pos = (commit: number, prepare: number) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

describe('EventStoreDB adapter: checkpoints', () => {
  const store = createEventStoreDbStore({ connectionString: 'esdb://localhost:2113?tls=false' });
  afterAll(() => store.close());

  it('round-trips commit/prepare and orders by commit, then prepare', () => {
    const a = toCheckpoint(pos(10, 9));
    expect(parseCheckpoint(a)).toEqual(pos(10, 9));
    expect(store.compareCheckpoints(a, toCheckpoint(pos(10, 10)))).toBeLessThan(0);
    expect(store.compareCheckpoints(toCheckpoint(pos(11, 0)), a)).toBeGreaterThan(0);
    expect(store.compareCheckpoints(a, a)).toBe(0);
    // The zero-padded strings sort like the positions.
    const big = toCheckpoint({ commit: BigInt('18446744073709551615'), prepare: BigInt(1) });
    expect([big, a].sort()).toEqual([a, big]);
  });

  it('rejects what is not one of its checkpoints', () => {
    expect(() => parseCheckpoint('00000000000000000001-0000000000000000001' as Checkpoint)).toThrow(RangeError);
  });
});

describe('EventStoreDB adapter: push subscription to batches', () => {
  function fakeSource() {
    const stream = new PassThrough({ objectMode: true, highWaterMark: 1000 });
    let unsubscribed = false;
    Object.assign(stream, {
      unsubscribe: async () => {
        unsubscribed = true;
        stream.end();
      },
    });
    return { source: stream as unknown as AllStreamSubscription, push: (e: unknown) => stream.write(e), isUnsubscribed: () => unsubscribed };
  }
  const resolved = (n: number) =>
    ({ event: { id: `e${n}`, position: pos(n, n) } }) as unknown as AllStreamResolvedEvent;
  const accept = (event: AllStreamResolvedEvent['event']): RecordedEvent | null =>
    event && Number(event.position.commit) % 5 !== 0
      ? ({ id: event.id, position: toCheckpoint(event.position) } as unknown as RecordedEvent)
      : null;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('hands accepted events over in order, in batches of at most batchSize, one batch at a time', async () => {
    const { source, push, isUnsubscribed } = fakeSource();
    const batches: string[][] = [];
    let running = 0;
    const sub = runPushSubscription(source, {
      batchSize: 3,
      accept,
      handler: async (events, checkpoint) => {
        expect(++running).toBe(1);
        expect(checkpoint).toBe(events[events.length - 1].position);
        batches.push(events.map((e) => e.id));
        await sleep(5);
        running--;
      },
    });
    for (let n = 1; n <= 20; n++) push(resolved(n));
    while (batches.flat().length < 16) await sleep(5);
    expect(batches.flat()).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1)
        .filter((n) => n % 5 !== 0)
        .map((n) => `e${n}`),
    );
    expect(batches.every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
    await sub.stop();
    await expect(sub.done).resolves.toBeUndefined();
    expect(isUnsubscribed()).toBe(true);
  });

  it("rejects done with the handler's error and unsubscribes", async () => {
    const { source, push, isUnsubscribed } = fakeSource();
    const sub = runPushSubscription(source, {
      batchSize: 10,
      accept,
      handler: async () => {
        throw new Error('handler broke');
      },
    });
    push(resolved(1));
    await expect(sub.done).rejects.toThrow('handler broke');
    expect(isUnsubscribed()).toBe(true);
  });

  it("rejects done with the source's error", async () => {
    const { source } = fakeSource();
    const sub = runPushSubscription(source, { batchSize: 10, accept, handler: async () => undefined });
    (source as unknown as PassThrough).emit('error', new Error('connection lost'));
    await expect(sub.done).rejects.toThrow('connection lost');
  });
});
