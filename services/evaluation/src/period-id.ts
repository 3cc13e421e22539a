/** A period id is `<agencyId>:<year>:<code>` (DOMAIN.md); agency codes hold no colon. */
export function parsePeriodId(periodId: string): { agencyId: string; year: number; code: string } | null {
  const m = /^([^:]+):(\d{4}):(M(0[1-9]|1[0-2])|Q[1-4]|S[12]|ANNUAL)$/.exec(periodId);
  return m ? { agencyId: m[1], year: Number(m[2]), code: m[3] } : null;
}
