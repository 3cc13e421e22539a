export interface WaitOptions {
  /** Named in the error. */
  what: string;
  /**
   * Gives up once neither the probed value nor `progress()` has changed for this long: a busy
   * machine makes the wait longer, only a stall ends it. Default 120 s.
   */
  stallMs?: number;
  /** Another sign of life (lines printed, requests answered, rows applied) besides the probed value. */
  progress?: () => unknown;
  /** What the wait depends on is gone (a process exited): a message fails the wait at once. */
  failIf?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Default 100 ms. */
  everyMs?: number;
}

/**
 * Probes until `done(value)` holds and returns that value. Tests wait for conditions, not for a
 * wall-clock budget (issue 12 §8): the wait gives up only when nothing moved for `stallMs`, or at
 * once when `failIf` says what it waits on is gone.
 */
export async function waitUntil<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, options: WaitOptions): Promise<T> {
  const stallMs = options.stallMs ?? 120_000;
  let lastSign = '';
  let movedAt = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    const failure = await options.failIf?.();
    if (failure) throw new Error(`gave up waiting for ${options.what}: ${failure}`);
    const sign = JSON.stringify([value, options.progress?.()]) ?? '';
    if (sign !== lastSign) {
      lastSign = sign;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`gave up waiting for ${options.what}: nothing moved for ${stallMs / 1000} s (last: ${sign.slice(0, 500)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 100));
  }
}
