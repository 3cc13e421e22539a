import { defineContract } from './contract';

/**
 * Public events of `work-planning` on `kinerja.work-planning.v1`. Adding a contract means adding
 * its type, schema and entry here (README: evolution rule).
 */

export interface AgencyRegisteredV1 {
  agencyId: string;
  code: string;
  name: string;
}

export interface EmployeeRegisteredV1 {
  /** Nomor Induk Pegawai: 18 digits. */
  nip: string;
  name: string;
  status: 'PNS' | 'PPPK';
  agencyId: string;
  pangkat?: string;
  golongan?: string;
}


/** Effective-dated organisation facts: a consumer keeps an as-of-date copy (who reported to whom on any date). */
export interface UnitCreatedV1 {
  agencyId: string;
  unitId: string;
  name: string;
  parentUnitId: string | null;
}

export type PositionKindV1 = 'JPT_PRATAMA' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA' | 'FUNGSIONAL';

export interface PositionCreatedV1 {
  agencyId: string;
  positionId: string;
  name: string;
  kind: PositionKindV1;
  unitId: string;
  /** The reporting line from `establishedOn`. */
  parentPositionId: string | null;
  establishedOn: string;
}

/** From `effectiveFrom` on (inclusive), the position reports to `parentPositionId`. */
export interface ReportingLineChangedV1 {
  agencyId: string;
  positionId: string;
  parentPositionId: string | null;
  effectiveFrom: string;
}

export interface PositionAssignedV1 {
  agencyId: string;
  assignmentId: string;
  nip: string;
  positionId: string;
  /** DEFINITIVE open-ended; PLT (vacant post) and PLH (holder absent) for a date range. */
  type: 'DEFINITIVE' | 'PLT' | 'PLH';
  from: string;
  /** Inclusive last day; null while open. */
  to: string | null;
}

export interface AssignmentEndedV1 {
  agencyId: string;
  assignmentId: string;
  nip: string;
  positionId: string;
  /** Inclusive. */
  lastDay: string;
}

/**
 * Kinerja's role grants (the identity provider proves who; these say what): ADMIN_OPD of an
 * agency, ADMIN_CITY, PPK (of an agency or the city), AUDITOR. Every service keeps the grants in
 * force to accept a role asked for in the X-Kinerja-Role header.
 */
export interface RoleGrantedV1 {
  nip: string;
  role: 'ADMIN_OPD' | 'ADMIN_CITY' | 'PPK' | 'AUDITOR';
  agencyId: string | null;
  grantedBy: string;
  grantedAt: string;
}

export interface RoleRevokedV1 {
  nip: string;
  role: 'ADMIN_OPD' | 'ADMIN_CITY' | 'PPK' | 'AUDITOR';
  agencyId: string | null;
  revokedBy: string;
  revokedAt: string;
}

export interface EmployeeUpdatedV1 {
  nip: string;
  name: string;
  status: 'PNS' | 'PPPK';
  agencyId: string;
  pangkat?: string;
  golongan?: string;
}

export type TargetV1 = { kind: 'QUANTITATIVE'; value: number; unit: string } | { kind: 'QUALITATIVE'; description: string };
export type RhkLinkV1 =
  | { kind: 'ATASAN_RHK'; skpId: string; rhkId: string }
  | { kind: 'PERJANJIAN_KINERJA'; perjanjianKinerjaId: string; sasaranId: string };

export interface SkpDocumentV1 {
  skpId: string;
  nip: string;
  agencyId: string;
  positionId: string;
  positionKind: PositionKindV1;
  unitId: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  approach: 'KUANTITATIF' | 'KUALITATIF';
  rhk: {
    rhkId: string;
    jenis: 'UTAMA' | 'TAMBAHAN';
    text: string;
    link: RhkLinkV1 | null;
    perspektif: 'PENERIMA_LAYANAN' | 'PROSES_BISNIS' | 'PENGUATAN_INTERNAL' | 'ANGGARAN' | null;
    indicators: { ikiId: string; aspect: 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA'; indicator: string; target: TargetV1 }[];
  }[];
  perilaku: { coreValue: string; label: string; panduanPerilaku: string[]; ekspektasiKhusus: string | null }[];
  lampiran: { dukunganSumberDaya: string[]; skemaPertanggungjawaban: string[]; konsekuensi: string[] };
  pejabatPenilaiNip: string;
  approvedAt: string;
}

export interface SkpSubmittedV1 {
  /** `<nip>-<periodStart>`. */
  skpId: string;
  nip: string;
  /** The version this submission would become once approved. */
  version: number;
  submittedAt: string;
}

/** The whole approved plan (version 1). */
export type SkpApprovedV1 = SkpDocumentV1;
/** A later approved version; it replaces the earlier one from now on. */
export type SkpAmendedV1 = SkpDocumentV1;

export interface RealisationRecordedV1 {
  skpId: string;
  nip: string;
  periodId: string;
  ikiId: string;
  revision: number;
  value: number | null;
  narrative: string | null;
  evidence: (
    | { kind: 'LINK'; url: string; title: string | null }
    | { kind: 'FILE'; sha256: string; sizeBytes: number; fileName: string; mediaType: string }
  )[];
  occurredOn: string;
  recordedAt: string;
  late: boolean;
}

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' };
const ID = { type: 'string', minLength: 1, maxLength: 100 };

const DATE = { type: 'string', format: 'date' };
const NULLABLE_ID = { type: 'string', minLength: 1, maxLength: 100, nullable: true };
const TEXT = { type: 'string', minLength: 1, maxLength: 2000 };
const POSITION_KIND = { enum: ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] };
const TARGET = {
  oneOf: [
    { type: 'object', required: ['kind', 'value', 'unit'], properties: { kind: { const: 'QUANTITATIVE' }, value: { type: 'number' }, unit: TEXT } },
    { type: 'object', required: ['kind', 'description'], properties: { kind: { const: 'QUALITATIVE' }, description: TEXT } },
  ],
};
const RHK_LINK = {
  oneOf: [
    { type: 'object', required: ['kind', 'skpId', 'rhkId'], properties: { kind: { const: 'ATASAN_RHK' }, skpId: ID, rhkId: ID } },
    {
      type: 'object',
      required: ['kind', 'perjanjianKinerjaId', 'sasaranId'],
      properties: { kind: { const: 'PERJANJIAN_KINERJA' }, perjanjianKinerjaId: ID, sasaranId: ID },
    },
    { type: 'null' },
  ],
};
const STRINGS = { type: 'array', items: TEXT };
const SKP_DOCUMENT = {
  type: 'object',
  required: [
    'skpId', 'nip', 'agencyId', 'positionId', 'positionKind', 'unitId', 'periodStart', 'periodEnd', 'version', 'approach',
    'rhk', 'perilaku', 'lampiran', 'pejabatPenilaiNip', 'approvedAt',
  ],
  properties: {
    skpId: ID,
    nip: { type: 'string', pattern: '^[0-9]{18}$' },
    agencyId: ID,
    positionId: ID,
    positionKind: POSITION_KIND,
    unitId: ID,
    periodStart: DATE,
    periodEnd: DATE,
    version: { type: 'integer', minimum: 1 },
    approach: { enum: ['KUANTITATIF', 'KUALITATIF'] },
    rhk: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rhkId', 'jenis', 'text', 'link', 'perspektif', 'indicators'],
        properties: {
          rhkId: ID,
          jenis: { enum: ['UTAMA', 'TAMBAHAN'] },
          text: TEXT,
          link: RHK_LINK,
          perspektif: { enum: ['PENERIMA_LAYANAN', 'PROSES_BISNIS', 'PENGUATAN_INTERNAL', 'ANGGARAN', null] },
          indicators: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ikiId', 'aspect', 'indicator', 'target'],
              properties: { ikiId: ID, aspect: { enum: ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] }, indicator: TEXT, target: TARGET },
            },
          },
        },
      },
    },
    perilaku: {
      type: 'array',
      items: {
        type: 'object',
        required: ['coreValue', 'label', 'panduanPerilaku', 'ekspektasiKhusus'],
        properties: { coreValue: ID, label: TEXT, panduanPerilaku: STRINGS, ekspektasiKhusus: { type: 'string', nullable: true } },
      },
    },
    lampiran: {
      type: 'object',
      required: ['dukunganSumberDaya', 'skemaPertanggungjawaban', 'konsekuensi'],
      properties: { dukunganSumberDaya: STRINGS, skemaPertanggungjawaban: STRINGS, konsekuensi: STRINGS },
    },
    pejabatPenilaiNip: { type: 'string', minLength: 1, maxLength: 100 },
    approvedAt: { type: 'string', format: 'date-time' },
  },
};

export const workPlanningContracts = [
  defineContract({
    type: 'AgencyRegistered.v1',
    service: 'work-planning',
    keyField: 'agencyId',
    description: 'A city agency (OPD) was registered.',
    schema: {
      type: 'object',
      required: ['agencyId', 'code', 'name'],
      properties: {
        agencyId: ID,
        code: { type: 'string', minLength: 1, maxLength: 50 },
        name: { type: 'string', minLength: 1, maxLength: 300 },
      },
    },
  }),
  defineContract({
    type: 'EmployeeRegistered.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'A civil servant (ASN: PNS or PPPK) was registered in an agency.',
    schema: {
      type: 'object',
      required: ['nip', 'name', 'status', 'agencyId'],
      properties: {
        nip: NIP,
        name: { type: 'string', minLength: 1, maxLength: 300 },
        status: { enum: ['PNS', 'PPPK'] },
        agencyId: ID,
        pangkat: { type: 'string', maxLength: 100 },
        golongan: { type: 'string', maxLength: 20, description: 'e.g. III/a (PNS) or IX (PPPK)' },
      },
    },
  }),
  defineContract({
    type: 'EmployeeUpdated.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: "An employee's name, status, rank (pangkat/golongan) or agency changed.",
    schema: {
      type: 'object',
      required: ['nip', 'name', 'status', 'agencyId'],
      properties: {
        nip: NIP,
        name: { type: 'string', minLength: 1, maxLength: 300 },
        status: { enum: ['PNS', 'PPPK'] },
        agencyId: ID,
        pangkat: { type: 'string', maxLength: 100 },
        golongan: { type: 'string', maxLength: 20 },
      },
    },
  }),
  defineContract({
    type: 'UnitCreated.v1',
    service: 'work-planning',
    keyField: 'agencyId',
    description: 'A unit (unit kerja) was created in an agency, under its parent unit.',
    schema: {
      type: 'object',
      required: ['agencyId', 'unitId', 'name', 'parentUnitId'],
      properties: { agencyId: ID, unitId: ID, name: { type: 'string', minLength: 1, maxLength: 300 }, parentUnitId: NULLABLE_ID },
    },
  }),
  defineContract({
    type: 'PositionCreated.v1',
    service: 'work-planning',
    keyField: 'agencyId',
    description: 'A position (jabatan) was created, with its kind and the position it reports to from establishedOn.',
    schema: {
      type: 'object',
      required: ['agencyId', 'positionId', 'name', 'kind', 'unitId', 'parentPositionId', 'establishedOn'],
      properties: {
        agencyId: ID,
        positionId: ID,
        name: { type: 'string', minLength: 1, maxLength: 300 },
        kind: POSITION_KIND,
        unitId: ID,
        parentPositionId: NULLABLE_ID,
        establishedOn: DATE,
      },
    },
  }),
  defineContract({
    type: 'ReportingLineChanged.v1',
    service: 'work-planning',
    keyField: 'agencyId',
    description: 'From effectiveFrom (inclusive) the position reports to parentPositionId (null: to no one in the agency).',
    schema: {
      type: 'object',
      required: ['agencyId', 'positionId', 'parentPositionId', 'effectiveFrom'],
      properties: { agencyId: ID, positionId: ID, parentPositionId: NULLABLE_ID, effectiveFrom: DATE },
    },
  }),
  defineContract({
    type: 'PositionAssigned.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'An employee was assigned to a position: DEFINITIVE from a date, or acting (PLT/PLH) for a date range.',
    schema: {
      type: 'object',
      required: ['agencyId', 'assignmentId', 'nip', 'positionId', 'type', 'from', 'to'],
      properties: {
        agencyId: ID,
        assignmentId: { type: 'string', minLength: 1, maxLength: 300 },
        nip: NIP,
        positionId: ID,
        type: { enum: ['DEFINITIVE', 'PLT', 'PLH'] },
        from: DATE,
        to: { type: 'string', format: 'date', nullable: true },
      },
    },
  }),
  defineContract({
    type: 'AssignmentEnded.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'An assignment ended on lastDay (inclusive).',
    schema: {
      type: 'object',
      required: ['agencyId', 'assignmentId', 'nip', 'positionId', 'lastDay'],
      properties: { agencyId: ID, assignmentId: { type: 'string', minLength: 1, maxLength: 300 }, nip: NIP, positionId: ID, lastDay: DATE },
    },
  }),
  defineContract({
    type: 'SkpSubmitted.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'An employee submitted their SKP (a new plan, a revision after return, or an amendment) to the pejabat penilai.',
    schema: {
      type: 'object',
      required: ['skpId', 'nip', 'version', 'submittedAt'],
      properties: {
        skpId: ID,
        nip: NIP,
        version: { type: 'integer', minimum: 1 },
        submittedAt: { type: 'string', format: 'date-time' },
      },
    },
  }),
  defineContract({
    type: 'SkpApproved.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'The pejabat penilai approved an SKP: the whole plan (RHK, links, indicators, targets, perilaku, lampiran), version 1.',
    schema: SKP_DOCUMENT,
  }),
  defineContract({
    type: 'SkpAmended.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'An approved SKP was amended and the amendment approved: the whole plan of the new version, in force from now on.',
    schema: SKP_DOCUMENT,
  }),
  defineContract({
    type: 'RealisationRecorded.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'A realisation of an indicator (IKI) in an evaluation period, with its evidence; every correction is a new revision.',
    schema: {
      type: 'object',
      required: ['skpId', 'nip', 'periodId', 'ikiId', 'revision', 'value', 'narrative', 'evidence', 'occurredOn', 'recordedAt', 'late'],
      properties: {
        skpId: ID,
        nip: NIP,
        periodId: ID,
        ikiId: ID,
        revision: { type: 'integer', minimum: 1 },
        value: { type: 'number', nullable: true },
        narrative: { type: 'string', maxLength: 10000, nullable: true },
        evidence: {
          type: 'array',
          items: {
            oneOf: [
              {
                type: 'object',
                required: ['kind', 'url', 'title'],
                properties: { kind: { const: 'LINK' }, url: { type: 'string', maxLength: 2000 }, title: { type: 'string', maxLength: 300, nullable: true } },
              },
              {
                type: 'object',
                required: ['kind', 'sha256', 'sizeBytes', 'fileName', 'mediaType'],
                properties: {
                  kind: { const: 'FILE' },
                  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                  sizeBytes: { type: 'integer', minimum: 1 },
                  fileName: { type: 'string', minLength: 1, maxLength: 300 },
                  mediaType: { type: 'string', minLength: 1, maxLength: 200 },
                },
              },
            ],
          },
        },
        occurredOn: DATE,
        recordedAt: { type: 'string', format: 'date-time' },
        late: { type: 'boolean' },
      },
    },
  }),
  defineContract({
    type: 'RoleGranted.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'A role was granted to a person (who granted it and when travel with it: part of the audit).',
    schema: {
      type: 'object',
      required: ['nip', 'role', 'agencyId', 'grantedBy', 'grantedAt'],
      properties: {
        nip: NIP,
        role: { enum: ['ADMIN_OPD', 'ADMIN_CITY', 'PPK', 'AUDITOR'] },
        agencyId: { anyOf: [ID, { type: 'null' }] },
        grantedBy: { type: 'string', minLength: 1, maxLength: 200 },
        grantedAt: { type: 'string', format: 'date-time' },
      },
    },
  }),
  defineContract({
    type: 'RoleRevoked.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'A role grant was revoked.',
    schema: {
      type: 'object',
      required: ['nip', 'role', 'agencyId', 'revokedBy', 'revokedAt'],
      properties: {
        nip: NIP,
        role: { enum: ['ADMIN_OPD', 'ADMIN_CITY', 'PPK', 'AUDITOR'] },
        agencyId: { anyOf: [ID, { type: 'null' }] },
        revokedBy: { type: 'string', minLength: 1, maxLength: 200 },
        revokedAt: { type: 'string', format: 'date-time' },
      },
    },
  }),
] as const;

export interface WorkPlanningEvents {
  'AgencyRegistered.v1': AgencyRegisteredV1;
  'EmployeeRegistered.v1': EmployeeRegisteredV1;
  'EmployeeUpdated.v1': EmployeeUpdatedV1;
  'UnitCreated.v1': UnitCreatedV1;
  'PositionCreated.v1': PositionCreatedV1;
  'ReportingLineChanged.v1': ReportingLineChangedV1;
  'PositionAssigned.v1': PositionAssignedV1;
  'AssignmentEnded.v1': AssignmentEndedV1;
  'SkpSubmitted.v1': SkpSubmittedV1;
  'SkpApproved.v1': SkpApprovedV1;
  'SkpAmended.v1': SkpAmendedV1;
  'RealisationRecorded.v1': RealisationRecordedV1;
  'RoleGranted.v1': RoleGrantedV1;
  'RoleRevoked.v1': RoleRevokedV1;
}
