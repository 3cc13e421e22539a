import type { Grant, SessionData } from '../session/session.store';

/** What the console learns about its session; never a token. */
export interface SessionView {
  mode: 'local' | 'oidc';
  signedIn: boolean;
  csrfToken: string;
  timeZone: string;
  user: { nip: string; name: string; agencyId?: string } | null;
  grants: Grant[];
  active: Grant | null;
}

/** The session as GET /auth/session answers it, and as the console's page carries it (console-static). */
export function sessionView(data: SessionData, mode: SessionView['mode'], timeZone: string): SessionView {
  const signedIn = !!data.user && !!data.active;
  return {
    mode,
    signedIn,
    csrfToken: data.csrf,
    timeZone,
    user: signedIn ? data.user! : null,
    grants: signedIn ? (data.grants ?? []) : [],
    active: signedIn ? data.active! : null,
  };
}
