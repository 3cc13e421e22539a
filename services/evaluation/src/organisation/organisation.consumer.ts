import { EventHandler } from '@kinerja/messaging';
import { applyOrganisationFact, assignmentEnded, OrganisationFact, positionAssigned, positionCreated, reportingLineChanged, unitCreated } from './organisation-facts';

/**
 * work-planning's public organisation events → the local organisation copy, in the consumer's
 * transaction (with its inbox row). Only the fields evaluation needs are read; others are ignored.
 */
const handler =
  <T extends OrganisationFact['type']>(type: T, schema: { parse(data: unknown): unknown }): EventHandler =>
  async (event, context) => {
    const fact = { type, data: schema.parse(event.data) } as OrganisationFact;
    await applyOrganisationFact((sql, parameters) => context.query(sql, parameters), fact);
  };

export const ORGANISATION_HANDLERS: Record<string, EventHandler> = {
  'UnitCreated.v1': handler('UnitCreated', unitCreated),
  'PositionCreated.v1': handler('PositionCreated', positionCreated),
  'ReportingLineChanged.v1': handler('ReportingLineChanged', reportingLineChanged),
  'PositionAssigned.v1': handler('PositionAssigned', positionAssigned),
  'AssignmentEnded.v1': handler('AssignmentEnded', assignmentEnded),
};
