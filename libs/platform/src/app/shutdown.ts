/**
 * Shutdown's budget: under the 10 s a container runtime (and the launcher's 15 s) gives after
 * SIGTERM before it kills the process.
 */
export const SHUTDOWN_DEADLINE_MS = 8_000;

/**
 * Runs the steps one after the other until `deadlineMs` has passed; a step still running then, and
 * the steps after it, are started and left to finish (or not) on their own. Never throws: a failed
 * or abandoned step is reported and the next one runs.
 */
export async function runWithinDeadline(
  steps: ReadonlyArray<readonly [name: string, work: () => Promise<unknown>]>,
  deadlineMs: number,
  report: (step: string, error: unknown) => void,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (const [name, work] of steps) {
    const left = deadline - Date.now();
    const running = Promise.resolve().then(work);
    if (left <= 0) {
      running.catch((error: unknown) => report(name, error));
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name} did not finish within the shutdown deadline`)), left);
    });
    try {
      await Promise.race([running, timeout]);
    } catch (error) {
      report(name, error);
      running.catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }
}
