export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves after `ms` or as soon as one of the signals resolves, leaving no timer behind. */
export function wait(ms: number, ...signals: Promise<unknown>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([timeout, ...signals]).then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );
}
