import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandActor, DomainError } from '@kinerja/domain';
import { EventStore, handle, readState } from '@kinerja/event-store';
import { Clock, CLOCK, LOGGER, Logger, RoleGrants } from '@kinerja/platform';
import { WorkPlanningConfig } from '../config';
import { EVENT_STORE, WORK_PLANNING_CONFIG } from '../tokens';
import { GetRoleGrantsQuery } from './get-role-grants/get-role-grants.query';
import { GrantRole, roleGrantDecider } from './role-grant.decider';
import { roleGrantStream } from './role-grant.events';

const BOOTSTRAP: CommandActor = { id: 'system:role-grant-bootstrap', role: 'SYSTEM' };

/**
 * At start: the service's grant lookup for the auth guard (its own read model), and the first city
 * administrators from ROLE_GRANT_BOOTSTRAP_NIPS, granted ADMIN_CITY by the system unless they hold
 * it already (recorded like any grant, so the audit shows where the first administrator came from).
 */
@Injectable()
export class RoleGrantsBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(WORK_PLANNING_CONFIG) private readonly config: WorkPlanningConfig,
    private readonly grants: RoleGrants,
    private readonly query: GetRoleGrantsQuery,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.grants.use(this.query);
    for (const nip of this.config.ROLE_GRANT_BOOTSTRAP_NIPS) {
      const state = await readState(this.store, roleGrantStream(nip), roleGrantDecider);
      if (state.grants.some((g) => g.role === 'ADMIN_CITY')) continue;
      const now = this.clock.now();
      const command: GrantRole = {
        type: 'GrantRole',
        data: { nip, role: 'ADMIN_CITY', agencyId: null, reason: 'ROLE_GRANT_BOOTSTRAP_NIPS' },
        lookups: { employeeKnown: false, agencyKnown: true },
        metadata: { now, actor: BOOTSTRAP },
      };
      try {
        await handle(this.store, roleGrantStream(nip), roleGrantDecider, command, { actorId: BOOTSTRAP.id, actorRole: BOOTSTRAP.role, occurredAt: now.toISOString() });
        this.logger.info({ nip }, 'bootstrap: ADMIN_CITY granted');
      } catch (error) {
        // Another instance granted it first.
        if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
      }
    }
  }
}
