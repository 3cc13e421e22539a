import { useCallback, useEffect, useRef, useState } from 'react';

/** What a generated client call answers. */
export type Answer = { data?: unknown; error?: unknown; response: Response };

/** The data of an answer; a 404 is "nothing yet" (null), anything else not OK throws with the status. */
export async function dataOf<T>(call: Promise<Answer>): Promise<T | null> {
  const result = await call;
  if (result.response.ok) return result.data as T;
  if (result.response.status === 404) return null;
  throw Object.assign(new Error((result.error as { message?: string } | undefined)?.message ?? ''), { status: result.response.status });
}

/** Runs the calls a few at a time (the machine and the services are shared). */
export async function inBatches<I, O>(items: readonly I[], size: number, run: (item: I) => Promise<O>): Promise<O[]> {
  const out: O[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/**
 * A section's data from several calls: data, or the error's status and message, and a reload.
 * When `deps` change (another agency or year), the data of the ones before is dropped at once, so
 * that it is never shown as the new scope's; a reload keeps it on screen until the answer. Only the
 * latest call's answer is kept (an earlier, slower one is ignored).
 */
export function useSection<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; status?: number; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const run = useCallback(async (keep: boolean) => {
    const call = ++latest.current;
    setState((s) => (keep ? { ...s, loading: true } : { loading: true }));
    try {
      const data = await load();
      if (call === latest.current) setState({ data, loading: false });
    } catch (e) {
      if (call === latest.current) setState({ error: e instanceof Error ? e.message : '', status: (e as { status?: number }).status ?? 0, loading: false });
    }
  }, deps);
  useEffect(() => {
    void run(false);
  }, [run]);
  return { ...state, reload: () => run(true) };
}
