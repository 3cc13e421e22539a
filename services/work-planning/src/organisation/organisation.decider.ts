import { Command, CommandDraft, Decider, DomainError, ErrorCode, conflict, forbidden, invalid, notFound } from '@kinerja/domain';
import { DateRange, IsoDate, addDays, isIsoDate, overlaps } from './dates';
import {
  ASSIGNMENT_TYPES,
  AssignmentType,
  ExternalParent,
  externalOf,
  OrganisationEvent,
  POSITION_KINDS,
  PositionAssigned,
  PositionCreated,
  PositionKind,
  ReportingLineChanged,
  UnitCreated,
} from './organisation.events';
import { PersistentMap } from './persistent-map';

// ---- commands ----

type OrgCommand<Type extends string, Data, Lookups = undefined> = Command<Type, Data & { agencyId: string }, Lookups>;
/** A change's data: what its event records, less the agency (OrgCommand adds it) and the instant `At` the decider stamps. */
type ChangeData<E extends OrganisationEvent, At extends keyof E['data']> = Omit<E['data'], 'agencyId' | At>;

export type CreateUnit = OrgCommand<'CreateUnit', ChangeData<UnitCreated, 'createdAt'>>;
/**
 * Looked up when a change names a parent outside the agency: whether that position (in its agency)
 * or that city official exists. Absent: the parent is within the agency.
 */
export interface ExternalParentLookup {
  lookups?: { externalParentKnown: boolean };
}
export type CreatePosition = OrgCommand<'CreatePosition', ChangeData<PositionCreated, 'createdAt'>> & ExternalParentLookup;
export type ChangeReportingLine = OrgCommand<'ChangeReportingLine', ChangeData<ReportingLineChanged, 'changedAt'>> & ExternalParentLookup;
export type AssignPosition = OrgCommand<
  'AssignPosition',
  ChangeData<PositionAssigned, 'assignedAt'>,
  /** The person's definitive assignments in other agencies (from the as-of read model). */
  { definitiveElsewhere: readonly DateRange[] }
>;
export type EndAssignment = OrgCommand<'EndAssignment', { assignmentId: string; lastDay: IsoDate }>;

export type OrganisationChange = CreateUnit | CreatePosition | ChangeReportingLine | AssignPosition | EndAssignment;

/** A change before the edge adds its metadata. */
export type OrganisationChangeDraft = CommandDraft<OrganisationChange>;

/** Several changes decided together and appended as one batch: all or nothing (used by the CSV import). */
export type ApplyOrganisationChanges = OrgCommand<'ApplyOrganisationChanges', { changes: readonly OrganisationChange[] }>;

export type OrganisationCommand = OrganisationChange | ApplyOrganisationChanges;

// ---- state ----

export interface Unit {
  unitId: string;
  name: string;
  parentUnitId: string | null;
}

export interface ReportingLineEntry {
  from: IsoDate;
  /** Within the agency, unless `parentAgencyId` (another agency) or `parentOfficialId` (then null) says otherwise. */
  parentPositionId: string | null;
  parentAgencyId?: string | null;
  parentOfficialId?: string | null;
}


export interface Position {
  positionId: string;
  name: string;
  kind: PositionKind;
  unitId: string;
  establishedOn: IsoDate;
  /** Sorted by `from`; the parent on date D is the last entry starting on or before D. */
  reportingLine: readonly ReportingLineEntry[];
}

export interface Assignment {
  assignmentId: string;
  nip: string;
  positionId: string;
  type: AssignmentType;
  from: IsoDate;
  to: IsoDate | null;
}

export type OrganisationState =
  | { status: 'empty' }
  | {
      status: 'active';
      agencyId: string;
      units: PersistentMap<Unit>;
      positions: PersistentMap<Position>;
      assignments: PersistentMap<Assignment>;
      assignmentsByNip: PersistentMap<readonly string[]>;
      assignmentsByPosition: PersistentMap<readonly string[]>;
    };

type Active = Extract<OrganisationState, { status: 'active' }>;

export const initialState = (): OrganisationState => ({ status: 'empty' });

// ---- evolve ----

function activate(state: OrganisationState, agencyId: string): Active {
  if (state.status === 'active') return state;
  return {
    status: 'active',
    agencyId,
    units: PersistentMap.empty(),
    positions: PersistentMap.empty(),
    assignments: PersistentMap.empty(),
    assignmentsByNip: PersistentMap.empty(),
    assignmentsByPosition: PersistentMap.empty(),
  };
}

function appendIndex(index: PersistentMap<readonly string[]>, key: string, id: string): PersistentMap<readonly string[]> {
  const ids = index.get(key) ?? [];
  return ids.includes(id) ? index : index.set(key, [...ids, id]);
}

export function withReportingLine(line: readonly ReportingLineEntry[], entry: ReportingLineEntry): ReportingLineEntry[] {
  return [...line.filter((e) => e.from !== entry.from), entry].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function evolve(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  const s = activate(state, event.data.agencyId);
  switch (event.type) {
    case 'UnitCreated': {
      const { unitId, name, parentUnitId } = event.data;
      return { ...s, units: s.units.set(unitId, { unitId, name, parentUnitId }) };
    }
    case 'PositionCreated': {
      const { positionId, name, kind, unitId, parentPositionId, establishedOn } = event.data;
      return {
        ...s,
        positions: s.positions.set(positionId, {
          positionId,
          name,
          kind,
          unitId,
          establishedOn,
          reportingLine: [{ from: establishedOn, parentPositionId, ...externalOf(event.data, s.agencyId) }],
        }),
      };
    }
    case 'ReportingLineChanged': {
      const position = s.positions.get(event.data.positionId);
      if (!position) return s;
      const reportingLine = withReportingLine(position.reportingLine, {
        from: event.data.effectiveFrom,
        parentPositionId: event.data.parentPositionId,
        ...externalOf(event.data, s.agencyId),
      });
      return { ...s, positions: s.positions.set(position.positionId, { ...position, reportingLine }) };
    }
    case 'PositionAssigned': {
      const { assignmentId, nip, positionId, type, from, to } = event.data;
      return {
        ...s,
        assignments: s.assignments.set(assignmentId, { assignmentId, nip, positionId, type, from, to }),
        assignmentsByNip: appendIndex(s.assignmentsByNip, nip, assignmentId),
        assignmentsByPosition: appendIndex(s.assignmentsByPosition, positionId, assignmentId),
      };
    }
    case 'AssignmentEnded': {
      const assignment = s.assignments.get(event.data.assignmentId);
      if (!assignment) return s;
      return { ...s, assignments: s.assignments.set(assignment.assignmentId, { ...assignment, to: event.data.lastDay }) };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

// ---- queries on the state, shared with the import planner ----

/** The reporting-line entry in force on the date (the first one before the position existed). */
export function lineOn(position: Position, date: IsoDate): ReportingLineEntry | undefined {
  let line = position.reportingLine[0];
  for (const entry of position.reportingLine) {
    if (entry.from <= date) line = entry;
    else break;
  }
  return line;
}

/** The parent within the agency on the date; null at the top or when the parent is outside the agency. */
export function parentOn(position: Position, date: IsoDate): string | null {
  const line = lineOn(position, date);
  if (!line || line.parentAgencyId || line.parentOfficialId) return null;
  return line.parentPositionId;
}

export function assignmentsOf(state: OrganisationState, nip: string): Assignment[] {
  if (state.status !== 'active') return [];
  return (state.assignmentsByNip.get(nip) ?? []).map((id) => state.assignments.get(id)!);
}

export function assignmentsTo(state: OrganisationState, positionId: string): Assignment[] {
  if (state.status !== 'active') return [];
  return (state.assignmentsByPosition.get(positionId) ?? []).map((id) => state.assignments.get(id)!);
}

// ---- decide ----

const MSG = {
  forbidden: 'Anda tidak berwenang mengelola organisasi instansi ini.',
  agencyMismatch: 'Perubahan ini milik instansi lain.',
  required: (what: string) => `${what} wajib diisi.`,
  invalidDate: (what: string) => `${what} bukan tanggal yang valid (format YYYY-MM-DD).`,
  unitExists: 'Unit kerja dengan kode ini sudah ada dengan data berbeda.',
  unknownUnit: 'Unit kerja tidak dikenal.',
  unknownParentUnit: 'Unit kerja induk tidak dikenal.',
  positionExists: 'Jabatan dengan kode ini sudah ada dengan data berbeda.',
  unknownPosition: 'Jabatan tidak dikenal.',
  unknownParentPosition: 'Jabatan atasan tidak dikenal.',
  unknownExternalPosition: 'Jabatan atasan di instansi lain tidak dikenal.',
  unknownOfficial: 'Pejabat daerah (atasan) tidak dikenal.',
  twoParents: 'Atasan jabatan hanya satu: jabatan atau pejabat daerah, tidak keduanya.',
  invalidKind: 'Jenis jabatan tidak dikenal.',
  cycle: 'Garis pelaporan melingkar: jabatan tidak boleh menjadi atasan dari atasannya sendiri.',
  invalidType: 'Jenis penugasan harus DEFINITIVE, PLT, atau PLH.',
  actingNeedsRange: 'Penugasan PLT/PLH wajib memiliki tanggal mulai dan tanggal selesai.',
  rangeReversed: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  assignmentExists: 'Penugasan dengan kode ini sudah ada dengan data berbeda.',
  personDoubleDefinitive: 'Pegawai ini sudah memiliki jabatan definitif pada rentang tanggal tersebut.',
  positionDoubleDefinitive: 'Jabatan ini sudah dipegang pejabat definitif lain pada rentang tanggal tersebut.',
  positionDoubleActing: 'Jabatan ini sudah memiliki PLT/PLH lain pada rentang tanggal tersebut.',
  actingOwnPosition: 'Pejabat definitif tidak dapat menjadi PLT/PLH pada jabatannya sendiri.',
  unknownAssignment: 'Penugasan tidak ditemukan.',
  endBeforeStart: 'Tanggal akhir penugasan tidak boleh sebelum tanggal mulainya.',
  endAfterRange: 'Tanggal akhir tidak boleh melewati akhir penugasan PLT/PLH; buat penugasan baru untuk memperpanjang.',
  invalidNip: 'NIP wajib 18 digit angka.',
} as const;

function requireText(value: unknown, code: ErrorCode, what: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(code, MSG.required(what), field);
}

function requireDate(value: unknown, what: string, field: string): void {
  if (!isIsoDate(value)) throw invalid('INVALID_DATE', MSG.invalidDate(what), field);
}

/** Agency admins (ADMIN_OPD) manage their own agency; city admins all; SYSTEM is a consumer (a career decision). */
function authorize(command: OrganisationCommand): void {
  const { actor } = command.metadata;
  const allowed =
    actor.role === 'ADMIN_CITY' || actor.role === 'SYSTEM' || (actor.role === 'ADMIN_OPD' && actor.agencyId === command.data.agencyId);
  if (!allowed) throw forbidden('ORGANISATION_FORBIDDEN', MSG.forbidden);
}

function wouldCycle(state: Active, positionId: string, line: readonly ReportingLineEntry[], from: IsoDate): boolean {
  const dates = new Set<IsoDate>([from]);
  for (const p of state.positions.values()) for (const e of p.reportingLine) if (e.from > from) dates.add(e.from);
  for (const e of line) if (e.from > from) dates.add(e.from);
  for (const date of dates) {
    const seen = new Set<string>([positionId]);
    let current = parentOn({ ...state.positions.get(positionId)!, reportingLine: line }, date);
    while (current !== null) {
      if (seen.has(current)) return true;
      seen.add(current);
      const p = state.positions.get(current);
      if (!p) break;
      current = parentOn(p, date);
    }
  }
  return false;
}

/**
 * A parent outside the agency must be known (the edge looked it up); an official replaces the
 * parent position. Returns the normalised external part of the entry.
 */
function checkExternalParent(
  command: CreatePosition | ChangeReportingLine,
): { parentAgencyId: string | null; parentOfficialId: string | null } {
  const external = externalOf(command.data, command.data.agencyId);
  if (external.parentOfficialId !== null) {
    if (command.data.parentPositionId !== null || external.parentAgencyId !== null)
      throw invalid('REPORTING_LINE_TWO_PARENTS', MSG.twoParents, 'parentOfficialId');
    if (command.lookups?.externalParentKnown !== true) throw invalid('UNKNOWN_OFFICIAL', MSG.unknownOfficial, 'parentOfficialId');
  } else if (external.parentAgencyId !== null) {
    if (command.data.parentPositionId === null || command.lookups?.externalParentKnown !== true)
      throw invalid('UNKNOWN_POSITION', MSG.unknownExternalPosition, 'parentPositionId');
  }
  return external;
}

const sameParent = (a: ReportingLineEntry | undefined, parentPositionId: string | null, external: { parentAgencyId: string | null; parentOfficialId: string | null }) =>
  a !== undefined &&
  a.parentPositionId === parentPositionId &&
  (a.parentAgencyId ?? null) === external.parentAgencyId &&
  (a.parentOfficialId ?? null) === external.parentOfficialId;

/** Only external parents are written into events, so events of positions within the agency keep their shape. */
const withExternal = (external: { parentAgencyId: string | null; parentOfficialId: string | null }): ExternalParent => ({
  ...(external.parentAgencyId !== null ? { parentAgencyId: external.parentAgencyId } : {}),
  ...(external.parentOfficialId !== null ? { parentOfficialId: external.parentOfficialId } : {}),
});

function decideCreateUnit(command: CreateUnit, state: OrganisationState): OrganisationEvent[] {
  const { agencyId, unitId, name, parentUnitId } = command.data;
  requireText(unitId, 'UNIT_ID_REQUIRED', 'Kode unit kerja', 'unitId');
  requireText(name, 'UNIT_NAME_REQUIRED', 'Nama unit kerja', 'name');
  const existing = state.status === 'active' ? state.units.get(unitId) : undefined;
  if (existing) {
    if (existing.name === name && existing.parentUnitId === parentUnitId) return [];
    throw conflict('UNIT_EXISTS', MSG.unitExists);
  }
  if (parentUnitId !== null && (state.status !== 'active' || !state.units.has(parentUnitId)))
    throw invalid('UNKNOWN_UNIT', MSG.unknownParentUnit, 'parentUnitId');
  return [{ type: 'UnitCreated', data: { agencyId, unitId, name, parentUnitId, createdAt: command.metadata.now.toISOString() } }];
}

function decideCreatePosition(command: CreatePosition, state: OrganisationState): OrganisationEvent[] {
  const { agencyId, positionId, name, kind, unitId, parentPositionId, establishedOn } = command.data;
  requireText(positionId, 'POSITION_ID_REQUIRED', 'Kode jabatan', 'positionId');
  requireText(name, 'POSITION_NAME_REQUIRED', 'Nama jabatan', 'name');
  if (!POSITION_KINDS.includes(kind)) throw invalid('INVALID_POSITION_KIND', MSG.invalidKind, 'kind');
  requireDate(establishedOn, 'Tanggal berlaku jabatan', 'establishedOn');
  const s = state.status === 'active' ? state : undefined;
  const existing = s?.positions.get(positionId);
  const external = externalOf(command.data, agencyId);
  if (existing) {
    const same =
      existing.name === name &&
      existing.kind === kind &&
      existing.unitId === unitId &&
      existing.establishedOn === establishedOn &&
      sameParent(existing.reportingLine[0], parentPositionId, external);
    if (same) return [];
    throw conflict('POSITION_EXISTS', MSG.positionExists);
  }
  if (!s?.units.has(unitId)) throw invalid('UNKNOWN_UNIT', MSG.unknownUnit, 'unitId');
  checkExternalParent(command);
  if (external.parentAgencyId === null && parentPositionId !== null && !s.positions.has(parentPositionId))
    throw invalid('UNKNOWN_POSITION', MSG.unknownParentPosition, 'parentPositionId');
  return [
    {
      type: 'PositionCreated',
      data: {
        agencyId,
        positionId,
        name,
        kind,
        unitId,
        parentPositionId,
        establishedOn,
        createdAt: command.metadata.now.toISOString(),
        ...withExternal(external),
      },
    },
  ];
}

function decideChangeReportingLine(command: ChangeReportingLine, state: OrganisationState): OrganisationEvent[] {
  const { agencyId, positionId, parentPositionId, effectiveFrom } = command.data;
  requireDate(effectiveFrom, 'Tanggal berlaku', 'effectiveFrom');
  const position = state.status === 'active' ? state.positions.get(positionId) : undefined;
  if (state.status !== 'active' || !position) throw invalid('UNKNOWN_POSITION', MSG.unknownPosition, 'positionId');
  const external = externalOf(command.data, agencyId);
  const laterChanges = position.reportingLine.some((e) => e.from > effectiveFrom);
  if (!laterChanges && sameParent(lineOn(position, effectiveFrom), parentPositionId, external)) return [];
  checkExternalParent(command);
  const local = external.parentAgencyId === null && external.parentOfficialId === null;
  if (local && parentPositionId !== null && !state.positions.has(parentPositionId))
    throw invalid('UNKNOWN_POSITION', MSG.unknownParentPosition, 'parentPositionId');
  if (local && parentPositionId === positionId) throw invalid('REPORTING_CYCLE', MSG.cycle, 'parentPositionId');
  const line = withReportingLine(position.reportingLine, { from: effectiveFrom, parentPositionId, ...external });
  if (wouldCycle(state, positionId, line, effectiveFrom)) throw invalid('REPORTING_CYCLE', MSG.cycle, 'parentPositionId');
  return [
    {
      type: 'ReportingLineChanged',
      data: { agencyId, positionId, parentPositionId, effectiveFrom, changedAt: command.metadata.now.toISOString(), ...withExternal(external) },
    },
  ];
}

function decideAssignPosition(command: AssignPosition, state: OrganisationState): OrganisationEvent[] {
  const { agencyId, assignmentId, nip, positionId, type, from, to } = command.data;
  const { definitiveElsewhere } = command.lookups;
  requireText(assignmentId, 'ASSIGNMENT_ID_REQUIRED', 'Kode penugasan', 'assignmentId');
  if (typeof nip !== 'string' || !/^\d{18}$/.test(nip)) throw invalid('INVALID_NIP', MSG.invalidNip, 'nip');
  if (!ASSIGNMENT_TYPES.includes(type)) throw invalid('INVALID_ASSIGNMENT_TYPE', MSG.invalidType, 'type');
  requireDate(from, 'Tanggal mulai', 'from');
  if (type !== 'DEFINITIVE' && to === null) throw invalid('ACTING_NEEDS_RANGE', MSG.actingNeedsRange, 'to');
  if (to !== null) {
    requireDate(to, 'Tanggal selesai', 'to');
    if (to < from) throw invalid('RANGE_REVERSED', MSG.rangeReversed, 'to');
  }
  const existing = state.status === 'active' ? state.assignments.get(assignmentId) : undefined;
  if (existing) {
    const same = existing.nip === nip && existing.positionId === positionId && existing.type === type && existing.from === from;
    if (same && existing.to === to) return [];
    throw conflict('ASSIGNMENT_EXISTS', MSG.assignmentExists);
  }
  if (state.status !== 'active' || !state.positions.has(positionId))
    throw invalid('UNKNOWN_POSITION', MSG.unknownPosition, 'positionId');
  const range = { from, to };
  const live = (a: Assignment) => overlaps(a, range);
  if (type === 'DEFINITIVE') {
    const mine = assignmentsOf(state, nip).filter((a) => a.type === 'DEFINITIVE');
    if (mine.some(live) || definitiveElsewhere.some((r) => overlaps(r, range)))
      throw conflict('PERSON_ALREADY_DEFINITIVE', MSG.personDoubleDefinitive);
    if (assignmentsTo(state, positionId).some((a) => a.type === 'DEFINITIVE' && live(a)))
      throw conflict('POSITION_ALREADY_HELD', MSG.positionDoubleDefinitive);
  } else {
    const onPosition = assignmentsTo(state, positionId).filter(live);
    if (onPosition.some((a) => a.type !== 'DEFINITIVE')) throw conflict('POSITION_ALREADY_ACTING', MSG.positionDoubleActing);
    if (onPosition.some((a) => a.type === 'DEFINITIVE' && a.nip === nip))
      throw invalid('ACTING_OWN_POSITION', MSG.actingOwnPosition, 'nip');
  }
  return [
    { type: 'PositionAssigned', data: { agencyId, assignmentId, nip, positionId, type, from, to, assignedAt: command.metadata.now.toISOString() } },
  ];
}

function decideEndAssignment(command: EndAssignment, state: OrganisationState): OrganisationEvent[] {
  const { agencyId, assignmentId, lastDay } = command.data;
  requireDate(lastDay, 'Tanggal akhir', 'lastDay');
  const assignment = state.status === 'active' ? state.assignments.get(assignmentId) : undefined;
  if (!assignment) throw notFound('UNKNOWN_ASSIGNMENT', MSG.unknownAssignment);
  if (assignment.to === lastDay) return [];
  if (lastDay < assignment.from) throw invalid('RANGE_REVERSED', MSG.endBeforeStart, 'lastDay');
  if (assignment.to !== null && lastDay > assignment.to) throw invalid('CANNOT_EXTEND', MSG.endAfterRange, 'lastDay');
  return [
    {
      type: 'AssignmentEnded',
      data: { agencyId, assignmentId, nip: assignment.nip, positionId: assignment.positionId, lastDay, endedAt: command.metadata.now.toISOString() },
    },
  ];
}

function decideChange(command: OrganisationChange, state: OrganisationState): OrganisationEvent[] {
  if (state.status === 'active' && state.agencyId !== command.data.agencyId)
    throw invalid('AGENCY_MISMATCH', MSG.agencyMismatch, 'agencyId');
  switch (command.type) {
    case 'CreateUnit':
      return decideCreateUnit(command, state);
    case 'CreatePosition':
      return decideCreatePosition(command, state);
    case 'ChangeReportingLine':
      return decideChangeReportingLine(command, state);
    case 'AssignPosition':
      return decideAssignPosition(command, state);
    case 'EndAssignment':
      return decideEndAssignment(command, state);
    default: {
      const _exhaustive: never = command;
      throw _exhaustive;
    }
  }
}

/** Thrown for a batch: which change failed, so the caller can point at it (e.g. a CSV row). */
export class BatchChangeError extends DomainError {
  constructor(
    readonly index: number,
    readonly reason: DomainError,
  ) {
    super(reason.kind, reason.code, reason.message, reason.field);
  }
}

export function decide(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  authorize(command);
  if (command.type !== 'ApplyOrganisationChanges') return decideChange(command, state);
  const events: OrganisationEvent[] = [];
  let current = state;
  command.data.changes.forEach((change, index) => {
    if (change.data.agencyId !== command.data.agencyId) throw new BatchChangeError(index, invalid('AGENCY_MISMATCH', MSG.agencyMismatch, 'agencyId'));
    let produced: OrganisationEvent[];
    try {
      produced = decideChange({ ...change, metadata: command.metadata } as OrganisationChange, current);
    } catch (error) {
      if (error instanceof DomainError) throw new BatchChangeError(index, error);
      throw error;
    }
    for (const e of produced) current = evolve(current, e);
    events.push(...produced);
  });
  return events;
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState,
  evolve,
  decide,
};

/** The day before `date`: where an open assignment ends when the person moves on `date`. */
export const dayBefore = (date: IsoDate): IsoDate => addDays(date, -1);
