import { defineContract, EventsOf } from './contract';
import { PERIOD_ID_DESCRIPTION, PERIOD_ID_PATTERN } from './period';
import { FromSchema } from './schema-types';

/**
 * Public events of `work-planning` on `kinerja.work-planning.v1`. Adding a contract means adding
 * its schema and entry here; its TypeScript type follows from the schema (README: evolution rule).
 */


export type PositionKindV1 = FromSchema<typeof POSITION_KIND>;
export type TargetV1 = FromSchema<typeof TARGET>;
export type RhkLinkV1 = Exclude<FromSchema<typeof RHK_LINK>, null>;
/** The whole approved plan, as `SkpApproved.v1` and `SkpAmended.v1` carry it. */
export type SkpDocumentV1 = FromSchema<typeof SKP_DOCUMENT>;
export type AspekV1 = FromSchema<typeof ASPEK>;
/** Whether a higher or a lower realisation is better (KUANTITAS/KUALITAS higher, WAKTU/BIAYA lower by default). */
export type DirectionV1 = (typeof DIRECTIONS)[number];
/** An IKI's target for one period of the SKP (the period vocabulary of `period.ts`), of the same kind as its annual target. */
export type PeriodTargetV1 = NonNullable<SkpDocumentV1['rhk'][number]['indicators'][number]['periodTargets']>[number];
/** The direction an indicator has when its SKP does not say (events before directions existed). */
export const defaultDirection = (aspect: AspekV1): DirectionV1 => (aspect === 'WAKTU' || aspect === 'BIAYA' ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER');

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' } as const;
const ID = { type: 'string', minLength: 1, maxLength: 100 } as const;

const DATE = { type: 'string', format: 'date' } as const;
const TMT_GOLONGAN = { type: 'string', format: 'date', description: 'TMT golongan (YYYY-MM-DD): in this golongan since' } as const;
const PERIOD_ID = { type: 'string', pattern: PERIOD_ID_PATTERN, description: PERIOD_ID_DESCRIPTION } as const;
const NULLABLE_ID = { type: 'string', minLength: 1, maxLength: 100, nullable: true } as const;
const TEXT = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const POSITION_KIND = { enum: ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] } as const;
const ASPEK = { enum: ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] } as const;
export const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
const TARGET = {
  oneOf: [
    { type: 'object', required: ['kind', 'value', 'unit'], properties: { kind: { const: 'QUANTITATIVE' }, value: { type: 'number' }, unit: TEXT } },
    { type: 'object', required: ['kind', 'description'], properties: { kind: { const: 'QUALITATIVE' }, description: TEXT } },
  ],
} as const;
/** Service-delivery measures an IKI can be computed from (issue 19). */
export const SERVICE_MEASURES = ['PERCENT_WITHIN_STANDARD', 'AVERAGE_TIME', 'COUNT'] as const;
export const COMPLAINT_MEASURES = ['PERCENT_WITHIN_SLA', 'COUNT'] as const;
/**
 * Where an IKI's realisation comes from when it is not typed by hand: the service records of one
 * service (feedback-intake's standards) or the complaints the officer resolved (of one category,
 * or all). Absent: the employee records it.
 */
const IKI_SOURCE = {
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'serviceCode', 'measure'],
      properties: { kind: { const: 'SERVICE_STANDARD' }, serviceCode: ID, measure: { enum: SERVICE_MEASURES } },
    },
    {
      type: 'object',
      required: ['kind', 'category', 'measure'],
      properties: { kind: { const: 'COMPLAINT_SLA' }, category: NULLABLE_ID, measure: { enum: COMPLAINT_MEASURES } },
    },
  ],
} as const;
export type IkiSourceV1 = FromSchema<typeof IKI_SOURCE>;

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
} as const;
const STRINGS = { type: 'array', items: TEXT } as const;
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
              properties: {
                ikiId: ID,
                aspect: ASPEK,
                indicator: TEXT,
                target: { ...TARGET, description: "The target for the SKP's whole period (the year)." },
                direction: { enum: DIRECTIONS, description: 'Absent: KUANTITAS/KUALITAS higher is better, WAKTU/BIAYA lower is better (defaultDirection)' },
                periodTargets: {
                  type: 'array',
                  description: 'Targets per period (e.g. 2026-S1); absent or empty: only the annual target.',
                  items: { type: 'object', required: ['periodId', 'target'], properties: { periodId: PERIOD_ID, target: TARGET } },
                },
                source: { ...IKI_SOURCE, description: 'Absent: typed by the employee. Else computed from service records or complaints (issue 19).' },
              },
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
    pejabatPenilaiNip: { type: 'string', minLength: 1, maxLength: 100, description: "The pejabat penilai's NIP, or the id of a city official (the kepala daerah)" },
    approvedAt: { type: 'string', format: 'date-time' },
  },
} as const;

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
        nip: { ...NIP, description: 'Nomor Induk Pegawai: 18 digits.' },
        name: { type: 'string', minLength: 1, maxLength: 300 },
        status: { enum: ['PNS', 'PPPK'] },
        agencyId: ID,
        pangkat: { type: 'string', maxLength: 100, description: 'Derived from the golongan (pangkatOf); PNS only' },
        golongan: { type: 'string', maxLength: 20, description: 'e.g. III/a (PNS) or IX (PPPK)' },
        tmtGolongan: TMT_GOLONGAN,
        email: { type: 'string', format: 'email', maxLength: 254, description: 'Work e-mail address for notifications; absent when none is recorded.' },
      },
    },
  }),
  defineContract({
    type: 'EmployeeUpdated.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: "An employee's name, status, rank (golongan, its pangkat and TMT) or agency changed.",
    schema: {
      type: 'object',
      required: ['nip', 'name', 'status', 'agencyId'],
      properties: {
        nip: NIP,
        name: { type: 'string', minLength: 1, maxLength: 300 },
        status: { enum: ['PNS', 'PPPK'] },
        agencyId: ID,
        pangkat: { type: 'string', maxLength: 100, description: 'Derived from the golongan (pangkatOf); PNS only' },
        golongan: { type: 'string', maxLength: 20 },
        tmtGolongan: TMT_GOLONGAN,
        email: { type: 'string', format: 'email', maxLength: 254, description: 'Work e-mail address for notifications; absent when none is recorded.' },
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
        parentPositionId: { ...NULLABLE_ID, description: 'The reporting line from `establishedOn`.' },
        establishedOn: DATE,
        parentAgencyId: { ...ID, description: 'Present when the parent position is in another agency of the city (e.g. the Sekda in SETDA).' },
        parentOfficialId: { ...ID, description: 'Present when the position reports to a city official who is not an ASN (the kepala daerah as PPK); parentPositionId is then null.' },
      },
    },
  }),
  defineContract({
    type: 'ReportingLineChanged.v1',
    service: 'work-planning',
    keyField: 'agencyId',
    description:
      'From effectiveFrom (inclusive) the position reports to parentPositionId (null: to no one in the agency), in parentAgencyId when that is another agency of the city, or to the city official parentOfficialId (the kepala daerah).',
    schema: {
      type: 'object',
      required: ['agencyId', 'positionId', 'parentPositionId', 'effectiveFrom'],
      properties: { agencyId: ID, positionId: ID, parentPositionId: NULLABLE_ID, effectiveFrom: DATE, parentAgencyId: ID, parentOfficialId: ID },
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
        type: { enum: ['DEFINITIVE', 'PLT', 'PLH'], description: 'DEFINITIVE open-ended; PLT (vacant post) and PLH (holder absent) for a date range.' },
        from: DATE,
        to: { type: 'string', format: 'date', nullable: true, description: 'Inclusive last day; null while open.' },
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
        skpId: { ...ID, description: '`<nip>-<periodStart>`.' },
        nip: NIP,
        version: { type: 'integer', minimum: 1, description: 'The version this submission would become once approved.' },
        submittedAt: { type: 'string', format: 'date-time' },
      },
    },
  }),
  defineContract({
    type: 'SkpWithdrawn.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'The employee withdrew a submitted SKP before the pejabat penilai decided on it; it is editable again.',
    schema: {
      type: 'object',
      required: ['skpId', 'nip', 'version', 'withdrawnAt'],
      properties: {
        skpId: ID,
        nip: NIP,
        version: { type: 'integer', minimum: 1 },
        withdrawnAt: { type: 'string', format: 'date-time' },
      },
    },
  }),
  defineContract({
    type: 'SkpReturned.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'The pejabat penilai returned a submitted SKP to the employee to revise (the notes stay in work-planning).',
    schema: {
      type: 'object',
      required: ['skpId', 'nip', 'version', 'returnedBy', 'returnedAt'],
      properties: {
        skpId: ID,
        nip: NIP,
        version: { type: 'integer', minimum: 1 },
        returnedBy: { ...ID, description: "The pejabat penilai's NIP, or the id of a city official" },
        returnedAt: { type: 'string', format: 'date-time' },
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
        periodId: { ...ID, description: PERIOD_ID_DESCRIPTION },
        ikiId: ID,
        revision: { type: 'integer', minimum: 1 },
        value: { type: 'number', nullable: true },
        computed: {
          type: 'object',
          required: ['source', 'recordCount', 'computedAt'],
          description: 'Present when the value was computed from service records or complaints, not typed: what from, over how many records.',
          properties: { source: IKI_SOURCE, recordCount: { type: 'integer', minimum: 0 }, computedAt: { type: 'string', format: 'date-time' } },
        },
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

/** Event type → its data, derived from the schemas above (the single source). */
export type WorkPlanningEvents = EventsOf<typeof workPlanningContracts>;
export type AgencyRegisteredV1 = WorkPlanningEvents['AgencyRegistered.v1'];
export type EmployeeRegisteredV1 = WorkPlanningEvents['EmployeeRegistered.v1'];
export type EmployeeUpdatedV1 = WorkPlanningEvents['EmployeeUpdated.v1'];
export type UnitCreatedV1 = WorkPlanningEvents['UnitCreated.v1'];
export type PositionCreatedV1 = WorkPlanningEvents['PositionCreated.v1'];
export type ReportingLineChangedV1 = WorkPlanningEvents['ReportingLineChanged.v1'];
export type PositionAssignedV1 = WorkPlanningEvents['PositionAssigned.v1'];
export type AssignmentEndedV1 = WorkPlanningEvents['AssignmentEnded.v1'];
export type SkpSubmittedV1 = WorkPlanningEvents['SkpSubmitted.v1'];
export type SkpWithdrawnV1 = WorkPlanningEvents['SkpWithdrawn.v1'];
export type SkpReturnedV1 = WorkPlanningEvents['SkpReturned.v1'];
export type SkpApprovedV1 = WorkPlanningEvents['SkpApproved.v1'];
export type SkpAmendedV1 = WorkPlanningEvents['SkpAmended.v1'];
export type RealisationRecordedV1 = WorkPlanningEvents['RealisationRecorded.v1'];
export type RoleGrantedV1 = WorkPlanningEvents['RoleGranted.v1'];
export type RoleRevokedV1 = WorkPlanningEvents['RoleRevoked.v1'];
