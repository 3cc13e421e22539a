import { BatchHandler, Checkpoint, ReadAllResult, Subscription } from './event-store.port';

export interface PollingSubscriptionOptions {
  from: Checkpoint | null;
  batchSize: number;
  pollIntervalMs: number;
  read(from: Checkpoint | null, limit: number): Promise<ReadAllResult>;
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
        const { events, checkpoint } = await options.read(from, options.batchSize);
        if (stopping) break;
        if (events.length === 0 || checkpoint === null) {
          await sleep(options.pollIntervalMs);
          continue;
        }
        await options.handler(events, checkpoint);
        from = checkpoint;
      }
    } finally {
      options.wakers.delete(waker);
    }
  };

  const done = loop();
  // `done` is also observed here so that an unobserved failure does not crash the process;
  // whoever awaits `done` still sees the rejection.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      stopping = true;
      wakeSleeper?.();
      await done.catch(() => undefined);
    },
  };
}
