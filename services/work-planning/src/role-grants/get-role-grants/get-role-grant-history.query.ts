import { Inject, Injectable } from '@nestjs/common';
import { forbidden } from '@kinerja/domain';
import { EventStore, toDomainEvent } from '@kinerja/event-store';
import { Actor } from '@kinerja/platform';
import { WorkPlanningAccess } from '../../access';
import { EVENT_STORE } from '../../tokens';
import { GrantedRole, RoleGrantEvent, roleGrantStream } from '../role-grant.events';
import { grantKey } from '../role-grants.rules';

export interface RoleGrantHistoryResponse {
  nip: string;
  /** Every grant and revocation of the person, oldest first: who did it, when, why. */
  history: {
    change: 'GRANTED' | 'REVOKED';
    role: GrantedRole;
    agencyId: string | null;
    key: string;
    by: string;
    at: string;
    reason: string | null;
  }[];
}

/**
 * A person's role grants over time, read from their stream of grant events (the events are the
 * history; the read model holds only the grants in force). The person themself, the city's
 * administrators and auditors; an agency admin for the people of their agency.
 */
@Injectable()
export class GetRoleGrantHistoryQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: WorkPlanningAccess,
  ) {}

  async run(nip: string, actor: Actor): Promise<RoleGrantHistoryResponse> {
    const everything = actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR' || actor.id === nip;
    if (!everything && !(actor.role === 'ADMIN_OPD' && actor.agencyId && (await this.access.agencyOf(nip)) === actor.agencyId)) {
      throw forbidden('ROLE_GRANTS_FORBIDDEN', 'Hanya admin kota, auditor, atau admin OPD pegawai tersebut yang dapat melihat riwayat perannya.');
    }
    const events = (await this.store.readStream(roleGrantStream(nip))).map(toDomainEvent) as RoleGrantEvent[];
    return {
      nip,
      history: events.map((e) =>
        e.type === 'RoleGranted'
          ? { change: 'GRANTED', role: e.data.role, agencyId: e.data.agencyId, key: grantKey(e.data), by: e.data.grantedBy, at: e.data.grantedAt, reason: e.data.reason }
          : { change: 'REVOKED', role: e.data.role, agencyId: e.data.agencyId, key: grantKey(e.data), by: e.data.revokedBy, at: e.data.revokedAt, reason: e.data.reason },
      ),
    };
  }
}
