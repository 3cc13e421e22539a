import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/** A GET through the generated client: data, or the error message, and a reload. */
export function useLoad<T>(load: () => Promise<{ data?: unknown; error?: unknown; response: Response }>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; status?: number; loading: boolean }>({ loading: true });
  const run = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const result = await load();
      if (result.response.ok) setState({ data: result.data as T, loading: false, status: result.response.status });
      else setState({ error: (result.error as { message?: string } | undefined)?.message ?? '', status: result.response.status, loading: false });
    } catch {
      setState({ error: '', status: 0, loading: false });
    }
  }, deps);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run };
}

export function useTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

/** A phone's width (the same breakpoint as the folded menu in styles.css), kept current as the window changes. */
const NARROW = '(max-width: 48rem)';
// At module level, so React subscribes once rather than again on every render.
const watchNarrow = (changed: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
};
const isNarrow = () => window.matchMedia(NARROW).matches;
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(watchNarrow, isNarrow);
}
