import { BatchHandler, Checkpoint, ReadAllResult, Subscription } from './event-store.port';

export interface PollingSubscriptionOptions {
  from: Checkpoint | null;
  batchSize: number;
  pollIntervalMs: number;
  /**
   * A page after `from`. `scannedTo`, when given, is how far the read looked: when the page is not
   * full, nothing the filter wants lies before it, so the next read may start there.
   */
  read(from: Checkpoint | null, limit: number): Promise<ReadAllResult & { scannedTo?: Checkpoint | null }>;
  compare?(a: Checkpoint, b: Checkpoint): number;
  handler: BatchHandler;
  /** The store adds nothing here but calls every waker after its own appends commit. */
  wakers: Set<() => void>;
}

/**
 * Catch-up then live by reading pages after the last checkpoint: a full page is followed at once by
 * the next read; an empty one waits for the poll interval or for a local append, whichever comes
 * first. The handler is awaited before the next read, so batches never overlap, and the checkpoint
 * only moves past what was handed to it.
 */
export function runSubscription(options: PollingSubscriptionOptions): Subscription {
  let stopping = false;
  let wakeSleeper: (() => void) | null = null;
  let poked = false;
  const waker = () => {
    poked = true;
    wakeSleeper?.();
  };
  options.wakers.add(waker);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked || stopping) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = done;
    });

  const loop = async () => {
    let from = options.from;
    try {
      while (!stopping) {
        poked = false;
        const { events, checkpoint, scannedTo } = await options.read(from, options.batchSize);
        if (stopping) break;
        if (events.length > 0 && checkpoint !== null) {
          await options.handler(events, checkpoint);
          from = checkpoint;
        }
        const skip =
          events.length < options.batchSize &&
          scannedTo != null &&
          options.compare !== undefined &&
          (from === null || options.compare(scannedTo, from) > 0);
        if (skip) from = scannedTo;
        if (events.length === 0) await sleep(options.pollIntervalMs);
      }
    } finally {
      options.wakers.delete(waker);
    }
  };

  return subscriptionOf(loop(), () => {
    stopping = true;
    wakeSleeper?.();
  });
}

/** A running loop as a Subscription: `done` is the loop, `stop` asks it to end (`halt`) and waits for it. */
export function subscriptionOf(done: Promise<void>, halt: () => void): Subscription {
  // `done` is also observed here so that an unobserved failure does not crash the process;
  // whoever awaits `done` still sees the rejection.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      halt();
      await done.catch(() => undefined);
    },
  };
}
