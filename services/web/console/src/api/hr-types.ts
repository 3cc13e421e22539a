/**
 * Shapes of the answers the HR pages (Organisasi, Periode dan jadwal) read: from the generated client
 * where the service's answer type is as precise as the page needs, written out where it is not yet.
 */
import type { EvaluationAnswer, WorkPlanningAnswer } from './answers';

export type AssignmentType = 'DEFINITIVE' | 'PLT' | 'PLH';

export interface OrgTreePosition {
  positionId: string;
  name: string;
  kind: string;
  parentPositionId: string | null;
  parentAgencyId: string | null;
  parentOfficialId: string | null;
  holders: { nip: string; name: string | null; type: AssignmentType; from: string; to: string | null }[];
}

export interface OrgTreeUnit {
  unitId: string;
  name: string;
  parentUnitId: string | null;
  positions: OrgTreePosition[];
  units: OrgTreeUnit[];
}

export interface OrgTree {
  agencyId: string;
  date: string;
  units: OrgTreeUnit[];
}

export type Official = WorkPlanningAnswer<'/officials', 'get'>['items'][number];

export type Superior = NonNullable<SupervisorOnDate['pejabatPenilai']>;

export type SupervisorOnDate = WorkPlanningAnswer<'/employees/{nip}/supervisor', 'get'>;

export type AgencyList = WorkPlanningAnswer<'/agencies', 'get'>;

export type EmployeeListItem = WorkPlanningAnswer<'/employees', 'get'>['items'][number];

export type EmployeeRecord = WorkPlanningAnswer<'/employees/{nip}', 'get'>;

export interface ImportChange {
  line: number;
  nip: string;
  change: string;
  detail: string;
}

export interface ImportRowError {
  line: number;
  nip: string | null;
  code: string;
  message: string;
  column?: string;
}

export interface ImportResult {
  agencyId: string;
  asOf: string;
  rows: number;
  events: number;
  employeesRegistered: number;
  employeesUpdated: number;
  organisationEvents: number;
  notInFile: string[];
  dryRun: boolean;
  diff: ImportChange[];
  unresolvedSupervisors: { line: number; nip: string; nipAtasan: string }[];
}

export interface RoleGrant {
  nip: string;
  role: string;
  agencyId: string | null;
  key: string;
  grantedBy: string;
  grantedAt: string;
}

export type RoleGrantHistory = WorkPlanningAnswer<'/role-grants/{nip}/history', 'get'>;

export type CalendarPeriod = Calendar['periods'][number];

export type Calendar = EvaluationAnswer<'/agencies/{agencyId}/periods', 'get'>;

export type SkpProgress = WorkPlanningAnswer<'/agencies/{agencyId}/skp-progress', 'get'>;

export type RatingProgress = EvaluationAnswer<'/periods/{periodId}/rating-progress', 'get'>;

export type ReminderStage = 'SUBMIT_SKP' | 'APPROVE_SKP' | 'REALISE' | 'RATE';

export interface Reminder {
  reminderId: string;
  periodId: string;
  stage: ReminderStage;
  recipients: string[];
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  status: 'PENDING' | 'SENT';
  sentAt: string | null;
}
