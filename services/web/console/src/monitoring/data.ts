import { useCallback, useEffect, useState } from 'react';

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

/** A section's data from several calls: data, or the error's status and message, and a reload. */
export function useSection<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; status?: number; loading: boolean }>({ loading: true });
  const run = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      setState({ data: await load(), loading: false });
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : '', status: (e as { status?: number }).status ?? 0, loading: false });
    }
  }, deps);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run };
}
