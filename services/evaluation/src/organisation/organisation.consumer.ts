import { Controller } from '@nestjs/common';
import type { PublicEvent } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from '@kinerja/platform';
import { applyOrganisationFact, assignmentEnded, OrganisationFact, positionAssigned, positionCreated, reportingLineChanged, unitCreated } from './organisation-facts';

/**
 * work-planning's public organisation events → the local organisation copy, in the consumer's
 * transaction (with its inbox row). Only the fields evaluation needs are read (the same shapes the
 * admin endpoint loads); others are ignored.
 */
@Controller()
export class OrganisationConsumer {
  @PublicEventPattern('UnitCreated.v1')
  async unitCreated(event: PublicEvent<'UnitCreated.v1'>, context: PublicEventContext): Promise<void> {
    await apply(context, { type: 'UnitCreated', data: unitCreated.parse(event.data) });
  }

  @PublicEventPattern('PositionCreated.v1')
  async positionCreated(event: PublicEvent<'PositionCreated.v1'>, context: PublicEventContext): Promise<void> {
    await apply(context, { type: 'PositionCreated', data: positionCreated.parse(event.data) });
  }

  @PublicEventPattern('ReportingLineChanged.v1')
  async reportingLineChanged(event: PublicEvent<'ReportingLineChanged.v1'>, context: PublicEventContext): Promise<void> {
    await apply(context, { type: 'ReportingLineChanged', data: reportingLineChanged.parse(event.data) });
  }

  @PublicEventPattern('PositionAssigned.v1')
  async positionAssigned(event: PublicEvent<'PositionAssigned.v1'>, context: PublicEventContext): Promise<void> {
    await apply(context, { type: 'PositionAssigned', data: positionAssigned.parse(event.data) });
  }

  @PublicEventPattern('AssignmentEnded.v1')
  async assignmentEnded(event: PublicEvent<'AssignmentEnded.v1'>, context: PublicEventContext): Promise<void> {
    await apply(context, { type: 'AssignmentEnded', data: assignmentEnded.parse(event.data) });
  }
}

const apply = (context: PublicEventContext, fact: OrganisationFact) => applyOrganisationFact((sql, parameters) => context.query(sql, parameters), fact);
