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
 * The data answers the `deps` it was loaded for (another agency or year): from the first render
 * after they change it is not given, so it is never shown as the new scope's; a reload keeps it on
 * screen until the answer. Only the latest call's answer is kept (an earlier, slower one is ignored).
 */
export function useSection<T>(load: () => Promise<T>, deps: readonly (string | number | boolean)[]) {
  const scope = JSON.stringify(deps);
  const [state, setState] = useState<{ scope?: string; data?: T; error?: string; status?: number; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const run = useCallback(async () => {
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await load();
      if (call === latest.current) setState({ scope, data, loading: false });
    } catch (e) {
      if (call === latest.current) setState({ scope, error: e instanceof Error ? e.message : '', status: (e as { status?: number }).status ?? 0, loading: false });
    }
  }, [scope]);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...(state.scope === scope ? state : { loading: true }), reload: run };
}
