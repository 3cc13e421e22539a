import { forbidden } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { Authority } from './command';

/** Agency-wide reads: BKPSDM and auditors everywhere; the admin OPD in their agency; the PPK in its agency (a city-wide PPK everywhere). */
export function assertMayReadAgency(actor: Actor, agencyId: string): void {
  if (actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR') return;
  if (actor.role === 'PPK' && (actor.agencyId === undefined || actor.agencyId === agencyId)) return;
  if (actor.role === 'ADMIN_OPD' && actor.agencyId === agencyId) return;
  throw forbidden('NOT_AGENCY_READER', 'Anda tidak berwenang melihat data instansi ini');
}

/** An employee's own record: the employee, or whoever may read the agency. */
export function assertMayReadEmployee(actor: Actor, nip: string, agencyId: string | null): void {
  if (actor.id === nip || actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR') return;
  if (agencyId === null) throw forbidden('NOT_EMPLOYEE_READER', 'Anda tidak berwenang melihat data pegawai ini');
  assertMayReadAgency(actor, agencyId);
}

/** PPK (or the delegate holding its role) approves in its agency; admin OPD proposes in theirs, BKPSDM everywhere. */
export function authorityOf(actor: Actor): Authority {
  const own = actor.agencyId ? [actor.agencyId] : [];
  switch (actor.role) {
    case 'PPK':
      return { approves: actor.agencyId ? own : 'ALL', proposes: [] };
    case 'ADMIN_OPD':
      return { approves: [], proposes: own };
    case 'ADMIN_CITY':
      return { approves: [], proposes: 'ALL' };
    default:
      return { approves: [], proposes: [] };
  }
}
