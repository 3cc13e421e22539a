import { definePolicy } from '@kinerja/platform';

/**
 * Who may read what across agencies in work-planning (issue 15 finding 7), used through
 * WorkPlanningAccess. Writes keep their deciders' rules (`mayManageAgency`), which the platform's
 * guard completes: AUDITOR never writes, a token naming an unknown NIP is refused.
 */
export const WORK_PLANNING_POLICY = definePolicy({
  /** An agency's organisation tree (names and NIPs): its own people and admins, the city, auditors. */
  readOrganisation: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD', 'PPK', 'SUPERVISOR', 'EMPLOYEE'],
    denied: { code: 'ORGANISATION_FORBIDDEN', message: 'Anda hanya dapat melihat struktur organisasi instansi Anda sendiri.' },
  },
  /** A supervisor's team board: the supervisor, the admin of the supervisor's agency, the city, auditors. */
  readTeamBoard: {
    action: 'read',
    relations: ['SELF'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'TEAM_BOARD_FORBIDDEN', message: 'Hanya atasan yang bersangkutan atau admin yang dapat melihat papan tim ini.' },
  },
  /** Where each person of an agency stands in a period (SKP, realisations): the agency's admin, the city, auditors. */
  readAgencyProgress: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'PROGRESS_FORBIDDEN', message: 'Anda tidak berwenang melihat kemajuan SKP instansi ini.' },
  },
  /** Every agency's SKP completion at once (the city dashboard): the city and auditors. */
  readCityCompletion: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    denied: { code: 'COMPLETION_FORBIDDEN', message: 'Hanya BKPSDM dan auditor yang dapat melihat rekapitulasi SKP seluruh instansi.' },
  },
});

export type WorkPlanningPermission = keyof typeof WORK_PLANNING_POLICY;
