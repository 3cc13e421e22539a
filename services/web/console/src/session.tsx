import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { csrfHeaders, setCsrfToken } from './api/client';
import { setCityTimeZone } from './format';

export type Role = 'EMPLOYEE' | 'SUPERVISOR' | 'ADMIN_OPD' | 'ADMIN_CITY' | 'PPK' | 'AUDITOR';
export interface Grant {
  role: Role;
  agencyId?: string;
}

/** The web service's GET /auth/session: never a token. */
export interface SessionView {
  mode: 'local' | 'oidc';
  signedIn: boolean;
  csrfToken: string;
  timeZone: string;
  user: { nip: string; name: string; agencyId?: string } | null;
  grants: Grant[];
  active: Grant | null;
}

interface SessionContextValue {
  session: SessionView | null;
  refresh(): Promise<SessionView>;
  apply(view: SessionView): void;
  switchRole(grant: Grant): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export async function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET') {
    for (const [k, v] of Object.entries(csrfHeaders())) headers.set(k, v);
    if (init.body) headers.set('content-type', 'application/json');
  }
  return fetch(path, { ...init, headers, credentials: 'same-origin' });
}

/**
 * The session the page was served with (the web service writes it into index.html when the request
 * had one), read once as the console starts: later states come from the web service's answers.
 */
const servedSession: SessionView | null = (() => {
  const element = typeof document === 'undefined' ? null : document.getElementById('kinerja-session');
  if (!element) return null;
  element.remove();
  try {
    const view = JSON.parse(element.textContent ?? '') as SessionView;
    setCsrfToken(view.csrfToken);
    setCityTimeZone(view.timeZone);
    return view;
  } catch {
    return null;
  }
})();

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(servedSession);
  const apply = useCallback((view: SessionView) => {
    setCsrfToken(view.csrfToken);
    setCityTimeZone(view.timeZone);
    setSession(view);
  }, []);
  const refresh = useCallback(async () => {
    const view = (await (await authFetch('/auth/session')).json()) as SessionView;
    apply(view);
    return view;
  }, [apply]);
  useEffect(() => {
    // Asked only when the page came without its session.
    if (!servedSession) void refresh();
  }, [refresh]);
  const switchRole = useCallback(
    async (grant: Grant) => {
      const res = await authFetch('/auth/role', { method: 'POST', body: JSON.stringify(grant) });
      if (res.ok) apply((await res.json()) as SessionView);
    },
    [apply],
  );
  const signOut = useCallback(async () => {
    const res = await authFetch('/auth/logout', { method: 'POST' });
    const { redirect } = (await res.json()) as { redirect: string };
    window.location.assign(redirect);
  }, []);
  return <SessionContext.Provider value={{ session, refresh, apply, switchRole, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person's NIP, on a page that is only shown after sign-in. */
export function useOwnNip(): string {
  return useSession().session!.user!.nip;
}

export const grantKeyOf = (g: Grant): string => (g.agencyId ? `${g.role}:${g.agencyId}` : g.role);
