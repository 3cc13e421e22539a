import type { DataSource } from 'typeorm';
import { DEFAULT_PARTITIONS, TOPICS } from '@kinerja/contracts';
import { PublicEventHandlers, RunningConsumer, startConsumer, Transport } from '@kinerja/messaging';
import { KeycloakAdmin } from './keycloak-admin';

export interface ProvisioningOptions {
  admin: KeycloakAdmin;
  /**
   * A first password for a new account, to be changed at the first sign-in (development and the
   * demo). Without it a new account has no password: the city sends Keycloak's "update password"
   * e-mail, or its users sign in through a brokered provider (BKN's SSO).
   */
  initialPassword?: string;
}

/**
 * Employees' accounts in Keycloak from the organisation's public events (username = NIP, the
 * agency as the `agency_id` attribute):
 * - work-planning's EmployeeRegistered.v1 creates the account (enabled), EmployeeUpdated.v1 keeps
 *   name and agency current (it does not enable a disabled account);
 * - career-decisions' DecisionIssued.v1 of kind PEMBERHENTIAN_DENGAN_HORMAT (the employee leaves
 *   the service) disables it, and DecisionRevoked.v1 of an issued one enables it again.
 * An ended assignment is not a departure (rotation and promotion end assignments too).
 * Every handler is idempotent: a redelivered event leaves the account as it is.
 */
export function provisioningHandlers(options: ProvisioningOptions): PublicEventHandlers {
  const { admin } = options;
  const attributesOf = (agencyId: string) => ({ agency_id: [agencyId] });
  return {
    'EmployeeRegistered.v1': async (event) => {
      const { nip, name, agencyId } = event.data;
      const existing = await admin.findUser(nip);
      const id = await admin.upsertUser({ username: nip, firstName: name, enabled: existing?.enabled ?? true, attributes: attributesOf(agencyId) });
      if (!existing && options.initialPassword) await admin.setPassword(id, options.initialPassword, true);
    },
    'EmployeeUpdated.v1': async (event) => {
      const { nip, name, agencyId } = event.data;
      const existing = await admin.findUser(nip);
      await admin.upsertUser({ username: nip, firstName: name, enabled: existing?.enabled ?? true, attributes: attributesOf(agencyId) });
    },
    'DecisionIssued.v1': async (event) => {
      if (event.data.kind === 'PEMBERHENTIAN_DENGAN_HORMAT') await admin.setEnabled(event.data.nip, false);
    },
    'DecisionRevoked.v1': async (event) => {
      if (event.data.kind === 'PEMBERHENTIAN_DENGAN_HORMAT' && event.data.wasIssued) await admin.setEnabled(event.data.nip, true);
    },
  };
}

export interface StartProvisioningOptions extends ProvisioningOptions {
  transport: Transport;
  /** An initialised DataSource on the starting service's database (the consumer's inbox). */
  dataSource: DataSource;
  /** Default `identity-provisioning`. */
  groupId?: string;
  /** Commit offsets with the inbox row (the PostgreSQL log in the same database). */
  commitOffsetsWithHandler?: boolean;
  logger?: { warn(message: string, details?: Record<string, unknown>): void };
}

/** Runs provisioning as a consumer group of its own (inbox table `identity_inbox`). */
export async function startProvisioning(options: StartProvisioningOptions): Promise<RunningConsumer> {
  const topics = [TOPICS.workPlanning, TOPICS.careerDecisions];
  for (const topic of topics) await options.transport.ensureTopic(topic, DEFAULT_PARTITIONS);
  return startConsumer({
    transport: options.transport,
    dataSource: options.dataSource,
    groupId: options.groupId ?? 'identity-provisioning',
    topics,
    handlers: provisioningHandlers(options),
    inboxTable: 'identity_inbox',
    commitOffsetsWithHandler: options.commitOffsetsWithHandler ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
