import { createHash } from 'node:crypto';
import { DecisionIssuedV1, DecisionRevokedV1 } from '@kinerja/contracts';
import { CommandActor, DomainError } from '@kinerja/domain';
import { EventStore, handle, readState } from '@kinerja/event-store';
import { PublicEventHandlers, ReceivedEvent } from '@kinerja/messaging';
import { Clock, Logger } from '@kinerja/platform';
import { IsoDate } from './dates';
import { GetSupervisorQuery } from './get-supervisor/get-supervisor.query';
import { dayBefore, OrganisationChange, OrganisationChangeDraft, organisationDecider, OrganisationState } from './organisation.decider';
import { AssignmentType, organisationStream } from './organisation.events';

const SYSTEM: CommandActor = { id: 'system:career-decisions-consumer', role: 'SYSTEM' };

/**
 * The assignment a placement decision creates; deterministic, so a redelivery finds it. A decision
 * id that would not fit an assignment id (100 characters, usable in a URL path) is hashed.
 */
export const placementAssignmentId = (decisionId: string) =>
  /^[A-Za-z0-9._-]{1,80}$/.test(decisionId) ? `KEPUTUSAN-${decisionId}` : `KEPUTUSAN-${createHash('sha256').update(decisionId).digest('hex')}`;

/** The assignment type of a placement: a temporary placement acts on the post (PLT) for its range. */
const assignmentTypeOf = (decision: DecisionIssuedV1): AssignmentType => (decision.kind === 'PENEMPATAN_SEMENTARA' ? 'PLT' : 'DEFINITIVE');

/**
 * career-decisions' placement decisions (PROMOSI, ROTASI, DEMOSI, PENEMPATAN_SEMENTARA) → the
 * organisation of the decision's agency. Issued: a definitive placement ends the person's open
 * definitive assignment in that agency the day before and assigns the post, in one append; a
 * temporary one is a PLT assignment until its last day. Revoked after it was applied: the
 * assignment ends the day before the revocation (on its first day if it had not begun); the
 * previous post is not restored. A refusal by the decider (unknown post, post held, ...) is logged
 * and the message is done: nothing is applied and the partition moves on.
 */
export function placementHandlers(store: EventStore, supervisor: GetSupervisorQuery, clock: Clock, logger: Logger): PublicEventHandlers {
  const log = logger.child({ component: 'placements-consumer' });

  const apply = async (event: ReceivedEvent<unknown>, agencyId: string, changes: OrganisationChangeDraft[]) => {
    const now = clock.now();
    const metadata = { now, actor: SYSTEM };
    const command =
      changes.length === 1
        ? ({ ...changes[0], metadata } as OrganisationChange)
        : { type: 'ApplyOrganisationChanges' as const, data: { agencyId, changes: changes.map((c) => ({ ...c, metadata }) as OrganisationChange) }, metadata };
    await handle(store, organisationStream(agencyId), organisationDecider, command, {
      actorId: SYSTEM.id,
      actorRole: SYSTEM.role,
      occurredAt: now.toISOString(),
      agencyId,
      correlationId: event.correlationId,
      causationId: event.id,
    });
  };

  const refused = (event: ReceivedEvent<unknown>, decisionId: string, error: unknown): void => {
    if (!(error instanceof DomainError)) throw error;
    log.warn({ eventId: event.id, type: event.type, decisionId, code: error.code, reason: error.message }, 'placement decision refused by the organisation; nothing applied');
  };

  const stateOf = async (agencyId: string): Promise<OrganisationState> =>
    readState(store, organisationStream(agencyId), organisationDecider);

  const issued = async (event: ReceivedEvent<DecisionIssuedV1>) => {
    const d = event.data;
    if (d.placement === null) return;
    const agencyId = d.agencyId.toUpperCase();
    const assignmentId = placementAssignmentId(d.decisionId);
    const state = await stateOf(agencyId);
    if (state.status === 'active' && state.assignments.get(assignmentId)) return;
    const type = assignmentTypeOf(d);
    const changes: OrganisationChangeDraft[] = [];
    if (type === 'DEFINITIVE' && state.status === 'active') {
      for (const id of state.assignmentsByNip.get(d.nip) ?? []) {
        const a = state.assignments.get(id)!;
        if (a.type === 'DEFINITIVE' && a.from < d.effectiveDate && (a.to === null || a.to >= d.effectiveDate))
          changes.push({ type: 'EndAssignment', data: { agencyId, assignmentId: id, lastDay: dayBefore(d.effectiveDate) } });
      }
    }
    changes.push({
      type: 'AssignPosition',
      data: {
        agencyId,
        assignmentId,
        nip: d.nip,
        positionId: d.placement.positionId,
        type,
        from: d.effectiveDate,
        to: type === 'DEFINITIVE' ? null : d.placement.until,
      },
      lookups: { definitiveElsewhere: await supervisor.definitiveElsewhere(d.nip, agencyId) },
    });
    try {
      await apply(event, agencyId, changes);
    } catch (error) {
      refused(event, d.decisionId, error);
    }
  };

  const revoked = async (event: ReceivedEvent<DecisionRevokedV1>) => {
    const d = event.data;
    if (!d.wasIssued) return;
    const agencyId = d.agencyId.toUpperCase();
    const state = await stateOf(agencyId);
    const assignment = state.status === 'active' ? state.assignments.get(placementAssignmentId(d.decisionId)) : undefined;
    if (!assignment) return;
    const revokedOn: IsoDate = d.revokedAt.slice(0, 10);
    const lastDay = dayBefore(revokedOn) < assignment.from ? assignment.from : dayBefore(revokedOn);
    if (assignment.to !== null && assignment.to <= lastDay) return;
    try {
      await apply(event, agencyId, [{ type: 'EndAssignment', data: { agencyId, assignmentId: assignment.assignmentId, lastDay } }]);
    } catch (error) {
      refused(event, d.decisionId, error);
    }
  };

  return { 'DecisionIssued.v1': issued, 'DecisionRevoked.v1': revoked };
}
