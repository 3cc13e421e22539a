import type { EventMetadata } from '@kinerja/event-store';
import { Actor } from '../auth/actor';
import { currentContext } from './request-context';

export interface EventMetadataInput {
  /** When the user says the fact happened; defaults to `now`. */
  occurredAt?: Date | string;
  /** The clock's now, when the command was built. */
  now: Date;
  /** Overrides the request id, e.g. the id of the consumed event that caused this command. */
  causationId?: string;
  correlationId?: string;
  ruleSetVersion?: string;
  /** The agency the fact belongs to, when it is not the actor's own (e.g. a city admin acting on an OPD). */
  agencyId?: string;
}

/**
 * Who did it, for whom and why (docs/design.md §4, §7): the actor, their agency, the correlation id
 * of the flow and the request (or event) that caused it.
 */
export function eventMetadata(actor: Actor, input: EventMetadataInput): EventMetadata {
  const context = currentContext();
  const occurredAt = input.occurredAt ?? input.now;
  const metadata: EventMetadata = {
    actorId: actor.id,
    actorRole: actor.role,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
  };
  const agencyId = input.agencyId ?? actor.agencyId;
  if (agencyId !== undefined) metadata.agencyId = agencyId;
  const correlationId = input.correlationId ?? context?.correlationId;
  if (correlationId !== undefined) metadata.correlationId = correlationId;
  const causationId = input.causationId ?? context?.requestId;
  if (causationId !== undefined) metadata.causationId = causationId;
  if (input.ruleSetVersion !== undefined) metadata.ruleSetVersion = input.ruleSetVersion;
  return metadata;
}
