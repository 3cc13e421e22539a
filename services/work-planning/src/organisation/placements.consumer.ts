import { Controller, Inject } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DecisionIssuedV1 } from '@kinerja/contracts';
import { CommandActor, DomainError } from '@kinerja/domain';
import { EventStore, handle, readState } from '@kinerja/event-store';
import { PublicEvent, ReceivedEvent } from '@kinerja/messaging';
import { Clock, CLOCK, Logger, LOGGER, PublicEventPattern } from '@kinerja/platform';
import { EVENT_STORE } from '../tokens';
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
@Controller()
export class PlacementsConsumer {
  private readonly log: Logger;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly supervisor: GetSupervisorQuery,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'placements-consumer' });
  }

  @PublicEventPattern('DecisionIssued.v1')
  async issued(event: PublicEvent<'DecisionIssued.v1'>): Promise<void> {
    const d = event.data;
    if (d.placement === null) return;
    const agencyId = d.agencyId.toUpperCase();
    const assignmentId = placementAssignmentId(d.decisionId);
    const state = await this.stateOf(agencyId);
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
      lookups: { definitiveElsewhere: await this.supervisor.definitiveElsewhere(d.nip, agencyId) },
    });
    try {
      await this.apply(event, agencyId, changes);
    } catch (error) {
      this.refused(event, d.decisionId, error);
    }
  }

  @PublicEventPattern('DecisionRevoked.v1')
  async revoked(event: PublicEvent<'DecisionRevoked.v1'>): Promise<void> {
    const d = event.data;
    if (!d.wasIssued) return;
    const agencyId = d.agencyId.toUpperCase();
    const state = await this.stateOf(agencyId);
    const assignment = state.status === 'active' ? state.assignments.get(placementAssignmentId(d.decisionId)) : undefined;
    if (!assignment) return;
    const revokedOn: IsoDate = d.revokedAt.slice(0, 10);
    const lastDay = dayBefore(revokedOn) < assignment.from ? assignment.from : dayBefore(revokedOn);
    if (assignment.to !== null && assignment.to <= lastDay) return;
    try {
      await this.apply(event, agencyId, [{ type: 'EndAssignment', data: { agencyId, assignmentId: assignment.assignmentId, lastDay } }]);
    } catch (error) {
      this.refused(event, d.decisionId, error);
    }
  }

  private async apply(event: ReceivedEvent<unknown>, agencyId: string, changes: OrganisationChangeDraft[]): Promise<void> {
    const now = this.clock.now();
    const metadata = { now, actor: SYSTEM };
    const command =
      changes.length === 1
        ? ({ ...changes[0], metadata } as OrganisationChange)
        : { type: 'ApplyOrganisationChanges' as const, data: { agencyId, changes: changes.map((c) => ({ ...c, metadata }) as OrganisationChange) }, metadata };
    await handle(this.store, organisationStream(agencyId), organisationDecider, command, {
      actorId: SYSTEM.id,
      actorRole: SYSTEM.role,
      occurredAt: now.toISOString(),
      agencyId,
      correlationId: event.correlationId,
      causationId: event.id,
    });
  }

  private refused(event: ReceivedEvent<unknown>, decisionId: string, error: unknown): void {
    if (!(error instanceof DomainError)) throw error;
    this.log.warn({ eventId: event.id, type: event.type, decisionId, code: error.code, reason: error.message }, 'placement decision refused by the organisation; nothing applied');
  }

  private stateOf(agencyId: string): Promise<OrganisationState> {
    return readState(this.store, organisationStream(agencyId), organisationDecider);
  }
}
