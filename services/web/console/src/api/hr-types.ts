/** Shapes of the answers the HR pages (Organisasi, Periode dan jadwal) read; they mirror the services' response types. */
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

export interface Official {
  officialId: string;
  name: string;
  office: string;
}

export interface Superior {
  id: string;
  kind: 'EMPLOYEE' | 'OFFICIAL';
  nip: string | null;
  name: string | null;
  positionName: string | null;
  agencyId: string | null;
}

export interface SupervisorOnDate {
  nip: string;
  date: string;
  pejabatPenilai: Superior | null;
  atasanPejabatPenilai: Superior | null;
}

export interface AgencyList {
  total: number;
  items: { id: string; code: string; name: string; employees: number }[];
}

export interface EmployeeListItem {
  nip: string;
  name: string;
  status: string;
  agencyId: string;
  pangkat: string | null;
  golongan: string | null;
  jabatan: string | null;
  unitKerja: string | null;
}

export interface EmployeeRecord {
  nip: string;
  name: string;
  status: string;
  agencyId: string;
  pangkat: string | null;
  golongan: string | null;
  tmtGolongan: string | null;
}

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

export interface RoleGrantHistory {
  nip: string;
  history: { change: 'GRANTED' | 'REVOKED'; role: string; agencyId: string | null; key: string; by: string; at: string; reason: string | null }[];
}

export interface CalendarPeriod {
  periodId: string;
  code: string;
  kind: string;
  name: string;
  startDate: string;
  endDate: string;
  fillDeadline: string;
  factsPeriodId: string | null;
}

export interface Calendar {
  agencyId: string;
  year: number;
  cadence: string | null;
  ruleSetVersion: string | null;
  periods: CalendarPeriod[];
}

export interface SkpProgress {
  agencyId: string;
  periodId: string;
  people: { nip: string; name: string | null; skpStatus: string; realisations: number; pejabatPenilai: { id: string; name: string | null } | null }[];
}

export interface RatingProgress {
  periodId: string;
  factsPeriodId: string;
  fillDeadline: string;
  people: { nip: string; unitId: string | null; pejabatPenilaiId: string | null; status: string; predicate: string | null }[];
}

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
