import { Controller, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PublicEvent } from '@kinerja/messaging';
import { GrantedRole, PublicEventContext, PublicEventPattern, RoleGrantLookup, RoleGrants } from '@kinerja/platform';

const TABLE = 'role_grant_copy';

/** Created on first use, in the service's schema, like the consumer's inbox. */
async function ensureTable(query: (sql: string) => Promise<unknown>): Promise<void> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('kinerja_role_grant_copy_migrate'))`);
  await query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    nip text NOT NULL,
    role text NOT NULL,
    agency_id text NOT NULL DEFAULT '',
    granted_at timestamptz NOT NULL,
    PRIMARY KEY (nip, role, agency_id))`);
}

/**
 * A service's copy of the role grants in force, from work-planning's RoleGranted.v1 and
 * RoleRevoked.v1 (keyed by NIP, so a person's grants arrive in order). Add RoleGrantsConsumer to
 * the service's consumer handlers and provide RoleGrantCopy: the auth guard then accepts an elevated role
 * in the X-Kinerja-Role header only when the copy holds the grant.
 */
@Controller()
export class RoleGrantsConsumer {
  @PublicEventPattern('RoleGranted.v1')
  async roleGranted(event: PublicEvent<'RoleGranted.v1'>, context: PublicEventContext): Promise<void> {
    await ensureTable((sql) => context.query(sql));
    const { nip, role, agencyId, grantedAt } = event.data;
    await context.query(`INSERT INTO ${TABLE} (nip, role, agency_id, granted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [nip, role, agencyId ?? '', grantedAt]);
  }

  @PublicEventPattern('RoleRevoked.v1')
  async roleRevoked(event: PublicEvent<'RoleRevoked.v1'>, context: PublicEventContext): Promise<void> {
    await ensureTable((sql) => context.query(sql));
    const { nip, role, agencyId } = event.data;
    await context.query(`DELETE FROM ${TABLE} WHERE nip = $1 AND role = $2 AND agency_id = $3`, [nip, role, agencyId ?? '']);
  }
}

/** The grant lookup over the copy; registers itself with the auth guard at start. */
@Injectable()
export class RoleGrantCopy implements RoleGrantLookup, OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: RoleGrants,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction((manager) => ensureTable((sql) => manager.query(sql)));
    this.grants.use(this);
  }

  async isGranted(nip: string, role: GrantedRole, agencyId: string | undefined): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM ${TABLE} WHERE nip = $1 AND role = $2 AND agency_id = $3`, [nip, role, agencyId ?? '']);
    return rows.length > 0;
  }
}
