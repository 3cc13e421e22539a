import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, ActorDirectory } from '@kinerja/platform';
import { AdminScope } from './command';

/** Agencies an actor administers: city admins (BKPSDM) all, an admin OPD their own. */
export function adminScopeOf(actor: Actor): AdminScope {
  if (actor.role === 'ADMIN_CITY') return 'ALL';
  if (actor.role === 'ADMIN_OPD' && actor.agencyId) return [actor.agencyId];
  return [];
}


/**
 * The platform guard's ACTOR_DIRECTORY (issue 15 finding 13): a token acting as an employee or
 * supervisor must name someone evaluation's copy of the organisation knows (a placement, ever), or
 * someone Kinerja granted a role; anyone else gets 403 ACTOR_UNKNOWN, as in work-planning.
 */
@Injectable()
export class EvaluationActors implements ActorDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async knows(nip: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM org_assignment WHERE nip = $1 UNION ALL SELECT 1 FROM role_grant_copy WHERE nip = $1 LIMIT 1`,
      [nip],
    );
    return rows.length > 0;
  }
}
