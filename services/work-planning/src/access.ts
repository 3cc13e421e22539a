import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, ActorDirectory, assertAccess, isNipShaped, oncePerRequest } from '@kinerja/platform';
import { genericPlanQuery } from '@kinerja/projections';
import { RoleGrantView } from './role-grants/get-role-grants/role-grant-view.entity';
import { WORK_PLANNING_POLICY, WorkPlanningPermission } from './policy';

/**
 * Permission decisions of work-planning in one place (docs/design.md §7): the subject's agency from
 * the employee read model, never the URL alone. An employee's own agency is the read model's too,
 * not a claim of the token. Also the ACTOR_DIRECTORY of the platform's guard.
 */
@Injectable()
export class WorkPlanningAccess implements ActorDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** A person the city knows: a registered employee, or someone Kinerja granted a role (the first city administrator is nobody's employee yet). */
  async knows(nip: string): Promise<boolean> {
    if ((await this.agencyOf(nip)) !== null) return true;
    return (await this.dataSource.getRepository(RoleGrantView).count({ where: { nip } })) > 0;
  }

  /** Read once per request (the guard's `knows` and the handler's check ask alike). */
  agencyOf(nip: string): Promise<string | null> {
    return oncePerRequest(`work-planning/agencyOf/${nip}`, async () => {
      // Every request asks it: prepared once per connection, planned once (see genericPlanQuery).
      const [row] = await genericPlanQuery<{ agency_id: string }>(this.dataSource, 'work-planning/agency-of', `SELECT agency_id FROM employee_view WHERE nip = $1`, [nip]);
      return row?.agency_id ?? null;
    });
  }

  /** Admin roles act for the agency of their grant; an employee belongs to the agency the organisation says. */
  private async effective(actor: Actor): Promise<Actor> {
    if ((actor.role === 'EMPLOYEE' || actor.role === 'SUPERVISOR') && isNipShaped(actor.id)) {
      const agencyId = await this.agencyOf(actor.id);
      return agencyId === null ? { id: actor.id, role: actor.role } : { ...actor, agencyId };
    }
    return actor;
  }

  async assertOnAgency(actor: Actor, permission: WorkPlanningPermission, agencyId: string): Promise<void> {
    assertAccess(await this.effective(actor), { agencyId }, WORK_PLANNING_POLICY[permission]);
  }

  /** A question about the whole city, no one agency or employee its subject. */
  async assertOnCity(actor: Actor, permission: WorkPlanningPermission): Promise<void> {
    assertAccess(await this.effective(actor), null, WORK_PLANNING_POLICY[permission]);
  }

  async assertOnEmployee(actor: Actor, permission: WorkPlanningPermission, nip: string): Promise<void> {
    assertAccess(await this.effective(actor), { nip, agencyId: await this.agencyOf(nip) }, WORK_PLANNING_POLICY[permission]);
  }
}
