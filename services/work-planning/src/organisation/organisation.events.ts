import { DomainEvent } from '@kinerja/domain';
import { IsoDate } from './dates';

/** Stream: `organisation-<agencyId>`; one stream per agency (OPD), so a whole import is one append. */
export const organisationStream = (agencyId: string) => `organisation-${agencyId}`;

export const POSITION_KINDS = ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** DEFINITIVE from a date, open-ended until ended; PLT (vacant post) and PLH (holder absent) for a date range. */
export const ASSIGNMENT_TYPES = ['DEFINITIVE', 'PLT', 'PLH'] as const;
export type AssignmentType = (typeof ASSIGNMENT_TYPES)[number];

/**
 * A position may report outside its agency (docs/regulations.md §4.5): to a position of another
 * agency of the city (`parentAgencyId` + `parentPositionId`, e.g. a Kepala OPD to the Sekda in the
 * Sekretariat Daerah), or to a city official who is not an ASN (`parentOfficialId`, e.g. the Sekda
 * to the kepala daerah as PPK; `parentPositionId` is then null). Absent or null: within the agency.
 */
export interface ExternalParent {
  parentAgencyId?: string | null;
  parentOfficialId?: string | null;
}

/** The parent outside the agency, normalised (null = the same agency / no official). */
export function externalOf(entry: ExternalParent, agencyId: string): { parentAgencyId: string | null; parentOfficialId: string | null } {
  const parentAgencyId = entry.parentAgencyId && entry.parentAgencyId !== agencyId ? entry.parentAgencyId : null;
  return { parentAgencyId, parentOfficialId: entry.parentOfficialId ?? null };
}

export type UnitCreated = DomainEvent<
  'UnitCreated',
  { agencyId: string; unitId: string; name: string; parentUnitId: string | null; createdAt: string }
>;

export type PositionCreated = DomainEvent<
  'PositionCreated',
  {
    agencyId: string;
    positionId: string;
    name: string;
    kind: PositionKind;
    unitId: string;
    parentPositionId: string | null;
    establishedOn: IsoDate;
    createdAt: string;
  } & ExternalParent
>;

export type ReportingLineChanged = DomainEvent<
  'ReportingLineChanged',
  { agencyId: string; positionId: string; parentPositionId: string | null; effectiveFrom: IsoDate; changedAt: string } & ExternalParent
>;

export type PositionAssigned = DomainEvent<
  'PositionAssigned',
  {
    agencyId: string;
    assignmentId: string;
    nip: string;
    positionId: string;
    type: AssignmentType;
    from: IsoDate;
    /** Inclusive last day; null while a definitive assignment is open. */
    to: IsoDate | null;
    assignedAt: string;
  }
>;

export type AssignmentEnded = DomainEvent<
  'AssignmentEnded',
  { agencyId: string; assignmentId: string; nip: string; positionId: string; lastDay: IsoDate; endedAt: string }
>;

export type OrganisationEvent = UnitCreated | PositionCreated | ReportingLineChanged | PositionAssigned | AssignmentEnded;
