import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden } from '@kinerja/domain';
import { AccessSubject, Actor, ActorDirectory, assertAccess, Relation } from '@kinerja/platform';
import { Authority } from './command';
import { CAREER_POLICY, CareerPermission } from './policy';

/**
 * The one place career-decisions decides permissions (docs/design.md §7): the policy table in
 * `policy.ts`, the subject's agency from the service's own employee directory (work-planning's
 * EmployeeRegistered.v1), never from the URL alone. Also the ACTOR_DIRECTORY of the platform's
 * guard: a token naming a NIP the directory does not know is refused.
 */
@Injectable()
export class CareerAccess implements ActorDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async knows(nip: string): Promise<boolean> {
    return (await this.agencyOf(nip)) !== null;
  }

  async agencyOf(nip: string): Promise<string | null> {
    const rows: { agency_id: string }[] = await this.dataSource.query(`SELECT agency_id FROM employee_directory WHERE nip = $1`, [nip]);
    return rows[0]?.agency_id ?? null;
  }

  /**
   * `permission` on the employee `nip`. With `agencyId` (the agency of the URL or of a stored
   * record) the employee must belong to it as well: agency A's path never reaches B's people.
   * `relations`: how the actor stands to the subject, as the slice's own state says (a mentoring relation).
   */
  async assertOnEmployee(actor: Actor, permission: CareerPermission, nip: string, agencyId?: string | null, relations: readonly Relation[] = []): Promise<AccessSubject> {
    const subject: AccessSubject = { nip, agencyId: await this.agencyOf(nip), relations };
    assertAccess(actor, subject, CAREER_POLICY[permission]);
    if (agencyId !== undefined && agencyId !== null && subject.agencyId !== null && subject.agencyId !== agencyId) {
      throw forbidden('SUBJECT_OUTSIDE_AGENCY', 'Pegawai ini bukan pegawai instansi yang disebut');
    }
    return subject;
  }

  /** `permission` on an agency's lists. */
  assertOnAgency(actor: Actor, permission: CareerPermission, agencyId: string): void {
    assertAccess(actor, { agencyId }, CAREER_POLICY[permission]);
  }

  /** `permission` with no subject (city-wide operations). */
  assert(actor: Actor, permission: CareerPermission): void {
    assertAccess(actor, null, CAREER_POLICY[permission]);
  }
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
