import { isGolongan, pangkatOf } from '@kinerja/contracts';
import { CommandMetadata, DomainError } from '@kinerja/domain';
import { FIELD_LIMITS, REPLACEMENT_CHARACTER } from '../employees/field-limits';
import { EmploymentStatus, checkNip } from '../employees/nip.rules';
import { DateRange, IsoDate, addDays, isIsoDate } from '../organisation/dates';
import {
  ApplyOrganisationChanges,
  OrganisationChange,
  OrganisationState,
  assignmentsOf,
  assignmentsTo,
  decide,
  evolve,
  lineOn,
} from '../organisation/organisation.decider';
import { OFFICIAL_ID } from '../officials/official.decider';
import { POSITION_KINDS, PositionKind } from '../organisation/organisation.events';
import { parseCsv } from './csv';

/**
 * Import of one agency's organisation from a SIASN-style CSV export. The whole file is checked and
 * either every change is planned (one batch, appended at once) or every bad row is reported.
 * Re-importing the same file against the resulting state plans nothing.
 *
 * The file is a snapshot of the agency: one row per employee, with the position they hold
 * definitively. NIP_ATASAN names the superior's row; it may be outside the file only for the
 * JPT heading the agency, whose superior is then the holder of a post in another agency of the
 * city (the Sekda in the Sekretariat Daerah) or a city official by id (the kepala daerah as PPK)
 * (docs/regulations.md §4.5). People holding a post now but absent from the file are reported
 * (`notInFile`), never ended silently. Every error of the file is reported in one pass, each on
 * its own row and column; a row whose superior's row is itself wrong is not blamed for it.
 */
export const IMPORT_COLUMNS = [
  'NIP',
  'NAMA',
  'STATUS_ASN',
  'GOLONGAN',
  'TMT_GOLONGAN',
  'JABATAN',
  'JENIS_JABATAN',
  'KODE_UNOR',
  'NIP_ATASAN',
  'TMT_JABATAN',
] as const;
export const IMPORT_HEADER = IMPORT_COLUMNS.join(',');
/** Columns a file may add: EMAIL, the work e-mail for notifications (an empty cell keeps the recorded one). */
export const OPTIONAL_IMPORT_COLUMNS = ['EMAIL'] as const;
type Column = (typeof IMPORT_COLUMNS)[number] | (typeof OPTIONAL_IMPORT_COLUMNS)[number];
const EMAIL_PATTERN = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

const STRUCTURAL: readonly PositionKind[] = ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS'];

export interface EmployeeSnapshot {
  agencyId: string;
  name: string;
  status: EmploymentStatus;
  golongan: string | null;
  pangkat: string | null;
  tmtGolongan: IsoDate | null;
  email?: string | null;
}

/** For the employee aggregate: REGISTER a new NIP, or UPDATE one whose name, status, rank or agency changed. */
export interface EmployeeUpsert {
  kind: 'REGISTER' | 'UPDATE';
  line: number;
  nip: string;
  agencyId: string;
  name: string;
  status: EmploymentStatus;
  golongan: string;
  pangkat: string | null;
  tmtGolongan: IsoDate;
  /** Only when the file gives one. */
  email?: string;
}

/** A superior outside the file, as the edge found it: a post held in another agency, or a city official. */
export type ExternalSuperior = { kind: 'POSITION'; agencyId: string; positionId: string } | { kind: 'OFFICIAL'; officialId: string };

/** What an import changes, row by row: the diff a re-import or a dry run reports. */
export interface ImportChange {
  line: number;
  nip: string;
  change: 'EMPLOYEE_REGISTERED' | 'EMPLOYEE_UPDATED' | 'POSITION_CREATED' | 'REPORTING_LINE_CHANGED' | 'ASSIGNMENT_ENDED' | 'POSITION_ASSIGNED';
  /** What changed, e.g. `GOLONGAN: III/c → III/d`, or the position id. */
  detail: string;
}

export interface RowError {
  /** 1-based line in the file (1 is the header). */
  line: number;
  nip: string | null;
  code: string;
  message: string;
  column?: Column;
}

export interface ImportInput {
  agencyId: string;
  csv: string;
  /** The date the snapshot describes: reporting-line changes take effect from it. */
  asOf: IsoDate;
  /** Lookups: this agency's organisation now, the employees known to the service, and definitive posts held in other agencies. */
  organisation: OrganisationState;
  employees: ReadonlyMap<string, EmployeeSnapshot>;
  definitiveElsewhere: ReadonlyMap<string, readonly DateRange[]>;
  /** NIP_ATASAN values outside the file that the city knows (by NIP or official id) on `asOf`. */
  externalSuperiors?: ReadonlyMap<string, ExternalSuperior>;
  metadata: CommandMetadata;
}

export type ImportResult =
  | {
      ok: true;
      rows: number;
      /** Apply with the organisation decider as one command (all or nothing); no changes means nothing to do. */
      organisation: ApplyOrganisationChanges;
      employees: EmployeeUpsert[];
      notInFile: string[];
      /** Everything the import changes, in file order; empty when the file changes nothing. */
      diff: ImportChange[];
      /** JPT rows whose NIP_ATASAN (outside the file) holds no post in the city on `asOf`: imported without a superior, reported. */
      unresolvedSupervisors: { line: number; nip: string; nipAtasan: string }[];
    }
  | { ok: false; errors: RowError[] };

interface ImportRow {
  line: number;
  nip: string;
  name: string;
  status: EmploymentStatus;
  golongan: string;
  tmtGolongan: IsoDate;
  jabatan: string;
  kind: PositionKind;
  unitId: string;
  atasanNip: string | null;
  tmtJabatan: IsoDate;
  email: string | null;
}

const MSG = {
  parse: (m: string) => `Berkas CSV tidak dapat dibaca: ${m}`,
  header: (missing: string[]) => `Baris judul wajib memuat kolom: ${missing.join(', ')}. Format: ${IMPORT_HEADER}`,
  empty: 'Berkas tidak memuat baris data.',
  columns: (n: number) => `Jumlah kolom harus ${n}.`,
  required: (c: string) => `Kolom ${c} wajib diisi.`,
  status: 'STATUS_ASN harus PNS atau PPPK.',
  golongan: (s: string) => (s === 'PNS' ? 'GOLONGAN PNS harus I/a sampai IV/e.' : 'GOLONGAN PPPK harus I sampai XVII.'),
  date: (c: string) => `${c} harus berupa tanggal yang valid (YYYY-MM-DD atau DD-MM-YYYY).`,
  kind: `JENIS_JABATAN harus salah satu dari ${POSITION_KINDS.join(', ')}.`,
  unit: (u: string) => `Unit kerja ${u} tidak dikenal pada organisasi instansi ini.`,
  atasanFormat: 'NIP_ATASAN harus kosong, 18 digit angka, atau kode pejabat daerah.',
  duplicate: 'NIP muncul lebih dari sekali: satu pegawai hanya boleh memegang satu jabatan definitif pada waktu yang sama.',
  unknownAtasan: 'NIP_ATASAN tidak ada di berkas; hanya pimpinan tinggi (JPT) instansi yang boleh beratasan di luar instansi.',
  unknownOfficial: 'NIP_ATASAN bukan NIP dan bukan kode pejabat daerah yang dikenal.',
  cycle: 'Garis atasan melingkar: pegawai ini akhirnya menjadi atasan dari dirinya sendiri.',
  positionTwice: 'Jabatan struktural yang sama pada unit yang sama dipegang lebih dari satu pegawai.',
  email: `EMAIL harus alamat e-mail yang valid (paling banyak ${FIELD_LIMITS.email} karakter).`,
  overlap: 'Pegawai sudah memegang jabatan definitif lain pada TMT jabatan ini; dua jabatan definitif pada waktu yang sama tidak diperbolehkan.',
} as const;

function normaliseDate(value: string): IsoDate | null {
  const v = value.trim();
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(v);
  const iso = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : v;
  return isIsoDate(iso) ? iso : null;
}

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

function readRows(input: ImportInput): { rows: ImportRow[]; errors: RowError[]; allNips: Set<string> } {
  const allNips = new Set<string>();
  const parsed = parseCsv(input.csv);
  if (!parsed.ok) return { rows: [], allNips, errors: [{ line: parsed.line, nip: null, code: 'CSV_MALFORMED', message: MSG.parse(parsed.message) }] };
  const [head, ...records] = parsed.records;
  const headers = (head?.fields ?? []).map((h) => h.trim().toUpperCase());
  const missing = IMPORT_COLUMNS.filter((c) => !headers.includes(c));
  if (!head || missing.length > 0) return { rows: [], allNips, errors: [{ line: 1, nip: null, code: 'CSV_HEADER_INVALID', message: MSG.header(missing) }] };
  if (records.length === 0) return { rows: [], allNips, errors: [{ line: 2, nip: null, code: 'CSV_EMPTY', message: MSG.empty }] };
  const index = Object.fromEntries([...IMPORT_COLUMNS, ...OPTIONAL_IMPORT_COLUMNS].map((c) => [c, headers.indexOf(c)])) as Record<Column, number>;
  const units = input.organisation.status === 'active' ? input.organisation.units : undefined;

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const get = (c: Column) => (index[c] < 0 ? '' : (record.fields[index[c]] ?? '').trim());
    const nip = get('NIP');
    const fail = (code: string, message: string, column?: Column) => errors.push({ line: record.line, nip: nip || null, code, message, ...(column ? { column } : {}) });
    const before = errors.length;
    if (nip !== '') allNips.add(nip);
    if (record.fields.length !== headers.length) {
      fail('CSV_COLUMN_COUNT', MSG.columns(headers.length));
      continue;
    }
    const statusText = get('STATUS_ASN').toUpperCase();
    const status: EmploymentStatus | null = statusText === 'PNS' || statusText === 'PPPK' ? statusText : null;
    if (!status) fail('STATUS_INVALID', MSG.status, 'STATUS_ASN');
    const nipCheck = checkNip(nip, status ?? 'PNS', input.metadata.now);
    if (!nipCheck.ok) fail(nipCheck.code, nipCheck.message, 'NIP');
    // A byte sequence that is not UTF-8 was decoded as U+FFFD: refused with its row and column, never stored.
    const garbled = [...IMPORT_COLUMNS, ...OPTIONAL_IMPORT_COLUMNS].find((c) => index[c] >= 0 && (record.fields[index[c]] ?? '').includes(REPLACEMENT_CHARACTER));
    if (garbled) fail('INVALID_UTF8', `Kolom ${garbled} memuat karakter yang bukan UTF-8; simpan berkas sebagai UTF-8.`, garbled);
    const name = get('NAMA');
    if (!name) fail('NAME_REQUIRED', MSG.required('NAMA'), 'NAMA');
    if (name.length > FIELD_LIMITS.employeeName) fail('NAME_TOO_LONG', `NAMA paling banyak ${FIELD_LIMITS.employeeName} karakter.`, 'NAMA');
    const golongan = get('GOLONGAN');
    if (status && !isGolongan(status, golongan))
      fail('GOLONGAN_INVALID', MSG.golongan(status), 'GOLONGAN');
    const tmtGolongan = normaliseDate(get('TMT_GOLONGAN'));
    if (!tmtGolongan) fail('DATE_INVALID', MSG.date('TMT_GOLONGAN'), 'TMT_GOLONGAN');
    const tmtJabatan = normaliseDate(get('TMT_JABATAN'));
    if (!tmtJabatan) fail('DATE_INVALID', MSG.date('TMT_JABATAN'), 'TMT_JABATAN');
    const jabatan = get('JABATAN');
    if (!jabatan) fail('POSITION_REQUIRED', MSG.required('JABATAN'), 'JABATAN');
    if (jabatan.length > FIELD_LIMITS.positionName) fail('POSITION_NAME_TOO_LONG', `JABATAN paling banyak ${FIELD_LIMITS.positionName} karakter.`, 'JABATAN');
    const kind = get('JENIS_JABATAN').toUpperCase() as PositionKind;
    if (!POSITION_KINDS.includes(kind)) fail('POSITION_KIND_INVALID', MSG.kind, 'JENIS_JABATAN');
    const unitId = get('KODE_UNOR');
    if (!units?.has(unitId)) fail('UNKNOWN_UNIT', MSG.unit(unitId), 'KODE_UNOR');
    const atasan = get('NIP_ATASAN');
    if (atasan !== '' && !/^\d{18}$/.test(atasan) && !OFFICIAL_ID.test(atasan)) fail('SUPERVISOR_NIP_INVALID', MSG.atasanFormat, 'NIP_ATASAN');
    if (atasan !== '' && atasan === nip) fail('REPORTING_CYCLE', MSG.cycle, 'NIP_ATASAN');
    const email = get('EMAIL').toLowerCase();
    if (email !== '' && (email.length > FIELD_LIMITS.email || !EMAIL_PATTERN.test(email))) fail('EMAIL_INVALID', MSG.email, 'EMAIL');
    if (errors.length === before) {
      rows.push({
        line: record.line,
        nip,
        name,
        status: status!,
        golongan,
        tmtGolongan: tmtGolongan!,
        jabatan,
        kind,
        unitId,
        atasanNip: atasan || null,
        tmtJabatan: tmtJabatan!,
        email: email || null,
      });
    }
  }
  return { rows, errors, allNips };
}

/** The NIP_ATASAN values of a file (for the edge to look up the superiors outside it); empty if unreadable. */
export function supervisorsNamed(csv: string): string[] {
  const parsed = parseCsv(csv);
  if (!parsed.ok || parsed.records.length === 0) return [];
  const column = parsed.records[0].fields.map((h) => h.trim().toUpperCase()).indexOf('NIP_ATASAN');
  if (column < 0) return [];
  return [...new Set(parsed.records.slice(1).map((r) => (r.fields[column] ?? '').trim()).filter((v) => v !== ''))];
}

/** Rules across rows: duplicate NIP, superiors outside the file, cycles, one holder per structural post. */
function crossRowErrors(rows: ImportRow[], allNips: ReadonlySet<string>, external: ReadonlyMap<string, ExternalSuperior>): RowError[] {
  const errors: RowError[] = [];
  const byNip = new Map<string, ImportRow[]>();
  for (const r of rows) byNip.set(r.nip, [...(byNip.get(r.nip) ?? []), r]);
  for (const list of byNip.values())
    if (list.length > 1) for (const r of list) errors.push({ line: r.line, nip: r.nip, code: 'DUPLICATE_NIP', message: MSG.duplicate, column: 'NIP' });

  for (const r of rows) {
    if (r.atasanNip === null || r.atasanNip === r.nip || allNips.has(r.atasanNip)) continue;
    if (r.kind !== 'JPT_PRATAMA') errors.push({ line: r.line, nip: r.nip, code: 'UNKNOWN_SUPERVISOR', message: MSG.unknownAtasan, column: 'NIP_ATASAN' });
    else if (!/^\d{18}$/.test(r.atasanNip) && !external.has(r.atasanNip))
      errors.push({ line: r.line, nip: r.nip, code: 'UNKNOWN_OFFICIAL', message: MSG.unknownOfficial, column: 'NIP_ATASAN' });
  }

  const atasanOf = new Map(rows.map((r) => [r.nip, r.atasanNip]));
  const state = new Map<string, 'visiting' | 'done'>();
  const onCycle = new Set<string>();
  for (const start of atasanOf.keys()) {
    const path: string[] = [];
    let current: string | null | undefined = start;
    while (current && atasanOf.has(current) && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = atasanOf.get(current);
    }
    if (current && state.get(current) === 'visiting') for (const n of path.slice(path.indexOf(current))) onCycle.add(n);
    for (const n of path) state.set(n, 'done');
  }
  for (const r of rows)
    if (onCycle.has(r.nip) && r.atasanNip !== r.nip) errors.push({ line: r.line, nip: r.nip, code: 'REPORTING_CYCLE', message: MSG.cycle, column: 'NIP_ATASAN' });

  const claims = new Map<string, ImportRow[]>();
  for (const r of rows)
    if (STRUCTURAL.includes(r.kind)) {
      const k = `${r.unitId}|${r.jabatan.toLowerCase()}|${r.kind}`;
      claims.set(k, [...(claims.get(k) ?? []), r]);
    }
  for (const list of claims.values())
    if (list.length > 1 && new Set(list.map((r) => r.nip)).size > 1)
      for (const r of list) errors.push({ line: r.line, nip: r.nip, code: 'POSITION_HELD_TWICE', message: MSG.positionTwice, column: 'JABATAN' });
  return errors;
}

function resolvePositionIds(rows: ImportRow[], state: OrganisationState): Map<string, string> {
  const ids = new Map<string, string>();
  const positions = state.status === 'active' ? [...state.positions.values()] : [];
  const structural = new Map(positions.filter((p) => STRUCTURAL.includes(p.kind)).map((p) => [`${p.unitId}|${p.name.toLowerCase()}|${p.kind}`, p.positionId]));
  for (const r of rows) {
    const same = (positionId: string) => {
      const p = state.status === 'active' ? state.positions.get(positionId) : undefined;
      return p !== undefined && p.unitId === r.unitId && p.name.toLowerCase() === r.jabatan.toLowerCase() && p.kind === r.kind;
    };
    if (STRUCTURAL.includes(r.kind)) {
      ids.set(r.nip, structural.get(`${r.unitId}|${r.jabatan.toLowerCase()}|${r.kind}`) ?? `${r.unitId}/${slug(r.jabatan)}`);
      continue;
    }
    const held = assignmentsOf(state, r.nip)
      .filter((a) => a.type === 'DEFINITIVE' && (a.to === null || a.to >= r.tmtJabatan) && same(a.positionId))
      .map((a) => a.positionId)[0];
    ids.set(r.nip, held ?? `${r.unitId}/${slug(r.jabatan)}/${r.nip}`);
  }
  return ids;
}

/** Rows ordered so that every superior comes before their subordinates. */
function topological(rows: ImportRow[]): ImportRow[] {
  const byNip = new Map(rows.map((r) => [r.nip, r]));
  const children = new Map<string | null, ImportRow[]>();
  for (const r of rows) {
    const parent = r.atasanNip !== null && byNip.has(r.atasanNip) ? r.atasanNip : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const ordered: ImportRow[] = [];
  const queue = [...(children.get(null) ?? [])];
  while (queue.length > 0) {
    const r = queue.shift()!;
    ordered.push(r);
    queue.push(...(children.get(r.nip) ?? []));
  }
  return ordered;
}

/** Throws the organisation decider's own errors for who may import (403), before reading the file. */
export function planImport(input: ImportInput): ImportResult {
  const { agencyId, asOf, metadata } = input;
  decide({ type: 'ApplyOrganisationChanges', data: { agencyId, changes: [] }, metadata }, input.organisation);
  const external = input.externalSuperiors ?? new Map<string, ExternalSuperior>();
  const read = readRows(input);
  const crossErrors = crossRowErrors(read.rows, read.allNips, external);
  const errors = [...read.errors, ...crossErrors];
  // Rows refused by the cross-row rules are left out of planning; the rest are planned so that the
  // organisation's own rules report their errors in the same pass.
  // Rows under a refused superior's row are planned without a parent: their own errors are found,
  // and they are not blamed for their superior's.
  const refused = new Set(crossErrors.map((e) => e.line));
  const rows = topological(read.rows.filter((r) => !refused.has(r.line)));
  const positionIdOf = resolvePositionIds(rows, input.organisation);
  const changes: { change: OrganisationChange; row: ImportRow; detail: string }[] = [];
  const change = (row: ImportRow, c: Omit<OrganisationChange, 'metadata'>, detail: string) =>
    changes.push({ row, detail, change: { ...c, metadata } as OrganisationChange });
  let state = input.organisation;

  for (const r of rows) {
    const positionId = positionIdOf.get(r.nip)!;
    const parent = parentOf(r, positionIdOf, external);
    const existing = state.status === 'active' ? state.positions.get(positionId) : undefined;
    const describe = `${positionId} → ${parent.parentOfficialId ?? (parent.parentAgencyId ? `${parent.parentAgencyId}/` : '') + (parent.parentPositionId ?? '-')}`;
    const lookups = parent.parentAgencyId !== null || parent.parentOfficialId !== null ? { lookups: { externalParentKnown: true } } : {};
    if (!existing) {
      change(r, { type: 'CreatePosition', data: { agencyId, positionId, name: r.jabatan, kind: r.kind, unitId: r.unitId, establishedOn: r.tmtJabatan, ...parent }, ...lookups }, describe);
    } else {
      const effectiveFrom = existing.establishedOn > asOf ? existing.establishedOn : asOf;
      const line = lineOn(existing, effectiveFrom);
      const same =
        line !== undefined &&
        line.parentPositionId === parent.parentPositionId &&
        (line.parentAgencyId ?? null) === parent.parentAgencyId &&
        (line.parentOfficialId ?? null) === parent.parentOfficialId;
      if (!same || existing.reportingLine.some((e) => e.from > effectiveFrom))
        change(r, { type: 'ChangeReportingLine', data: { agencyId, positionId, effectiveFrom, ...parent }, ...lookups }, `${describe} (${effectiveFrom})`);
    }
  }

  const ends: typeof changes = [];
  const assigns: typeof changes = [];
  const ended = new Set<string>();
  for (const r of rows) {
    const positionId = positionIdOf.get(r.nip)!;
    const mine = assignmentsOf(state, r.nip).filter((a) => a.type === 'DEFINITIVE');
    if (mine.some((a) => a.positionId === positionId && (a.to === null || a.to >= asOf))) continue;
    const lastDay = addDays(r.tmtJabatan, -1);
    const others = assignmentsTo(state, positionId).filter((a) => a.type === 'DEFINITIVE' && a.nip !== r.nip && !read.allNips.has(a.nip));
    for (const a of [...mine, ...others])
      if ((a.to === null || a.to >= r.tmtJabatan) && !ended.has(a.assignmentId)) {
        ended.add(a.assignmentId);
        ends.push({ row: r, detail: `${a.nip} @ ${a.positionId} s.d. ${lastDay}`, change: { type: 'EndAssignment', data: { agencyId, assignmentId: a.assignmentId, lastDay }, metadata } });
      }
    assigns.push({
      row: r,
      detail: `${positionId} sejak ${r.tmtJabatan}`,
      change: {
        type: 'AssignPosition',
        data: {
          agencyId,
          assignmentId: `${r.nip}@${positionId}@${r.tmtJabatan}`,
          nip: r.nip,
          positionId,
          type: 'DEFINITIVE',
          from: r.tmtJabatan,
          to: null,
        },
        lookups: { definitiveElsewhere: input.definitiveElsewhere.get(r.nip) ?? [] },
        metadata,
      },
    });
  }
  changes.push(...ends, ...assigns);

  // Dry run on the current state, so that every row the organisation rules reject is reported.
  const ruleErrors: RowError[] = [];
  for (const { change: c, row } of changes) {
    try {
      for (const e of decide(c, state)) state = evolve(state, e);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const overlap = c.type === 'EndAssignment' || error.code === 'PERSON_ALREADY_DEFINITIVE';
      ruleErrors.push({
        line: row.line,
        nip: row.nip,
        code: overlap ? 'DEFINITIVE_OVERLAP' : error.code,
        message: overlap ? MSG.overlap : error.message,
        column: overlap ? 'TMT_JABATAN' : error.field === 'parentPositionId' || error.field === 'parentOfficialId' ? 'NIP_ATASAN' : 'JABATAN',
      });
    }
  }
  if (errors.length + ruleErrors.length > 0) return { ok: false, errors: sortErrors([...errors, ...ruleErrors]) };

  const employees: EmployeeUpsert[] = [];
  const employeeDiff: ImportChange[] = [];
  for (const r of read.rows) {
    const pangkat = pangkatOf(r.status, r.golongan);
    const known = input.employees.get(r.nip);
    const fields: [string, string | null | undefined, string | null][] = [
      ['NAMA', known?.name, r.name],
      ['STATUS_ASN', known?.status, r.status],
      ['GOLONGAN', known?.golongan, r.golongan],
      ['INSTANSI', known?.agencyId, agencyId],
      ...(known?.tmtGolongan !== undefined ? [['TMT_GOLONGAN', known.tmtGolongan, r.tmtGolongan] as [string, string | null, string]] : []),
      ...(r.email !== null ? [['EMAIL', known?.email ?? null, r.email] as [string, string | null, string]] : []),
    ];
    const changed = known ? fields.filter(([, before, after]) => before !== after) : [];
    const pangkatChanged = known !== undefined && known.pangkat !== pangkat;
    if (known && changed.length === 0 && !pangkatChanged) continue;
    employees.push({
      kind: known ? 'UPDATE' : 'REGISTER', line: r.line, nip: r.nip, agencyId, name: r.name, status: r.status, golongan: r.golongan, pangkat, tmtGolongan: r.tmtGolongan,
      ...(r.email !== null ? { email: r.email } : {}),
    });
    employeeDiff.push({
      line: r.line,
      nip: r.nip,
      change: known ? 'EMPLOYEE_UPDATED' : 'EMPLOYEE_REGISTERED',
      detail: known ? changed.map(([f, before, after]) => `${f}: ${before ?? '-'} → ${after}`).join('; ') || `PANGKAT: ${known.pangkat ?? '-'} → ${pangkat ?? '-'}` : r.name,
    });
  }

  const holdingNow = new Set<string>();
  if (input.organisation.status === 'active')
    for (const a of input.organisation.assignments.values())
      if (a.type === 'DEFINITIVE' && a.from <= asOf && (a.to === null || a.to >= asOf)) holdingNow.add(a.nip);
  const notInFile = [...holdingNow].filter((nip) => !read.allNips.has(nip)).sort();

  const kindOf: Record<OrganisationChange['type'], ImportChange['change']> = {
    CreateUnit: 'POSITION_CREATED',
    CreatePosition: 'POSITION_CREATED',
    ChangeReportingLine: 'REPORTING_LINE_CHANGED',
    EndAssignment: 'ASSIGNMENT_ENDED',
    AssignPosition: 'POSITION_ASSIGNED',
  };
  const diff = [...employeeDiff, ...changes.map((c) => ({ line: c.row.line, nip: c.row.nip, change: kindOf[c.change.type], detail: c.detail }))].sort(
    (a, b) => a.line - b.line,
  );

  const unresolvedSupervisors = read.rows
    .filter((r) => r.atasanNip !== null && r.atasanNip !== r.nip && !read.allNips.has(r.atasanNip) && !external.has(r.atasanNip))
    .map((r) => ({ line: r.line, nip: r.nip, nipAtasan: r.atasanNip! }));

  return {
    ok: true,
    rows: read.rows.length,
    organisation: { type: 'ApplyOrganisationChanges', data: { agencyId, changes: changes.map((c) => c.change) }, metadata },
    employees,
    notInFile,
    diff,
    unresolvedSupervisors,
  };
}

/**
 * The parent of a row's position: the superior's position in the file, the external superior's
 * post or official, or none (a JPT whose superior the city does not know, or a superior's row
 * that was refused).
 */
function parentOf(
  r: ImportRow,
  positionIdOf: ReadonlyMap<string, string>,
  external: ReadonlyMap<string, ExternalSuperior>,
): { parentPositionId: string | null; parentAgencyId: string | null; parentOfficialId: string | null } {
  const none = { parentPositionId: null, parentAgencyId: null, parentOfficialId: null };
  if (r.atasanNip === null) return none;
  const inFile = positionIdOf.get(r.atasanNip);
  if (inFile !== undefined) return { ...none, parentPositionId: inFile };
  const outside = external.get(r.atasanNip);
  if (outside?.kind === 'OFFICIAL') return { ...none, parentOfficialId: outside.officialId };
  if (outside?.kind === 'POSITION') return { ...none, parentAgencyId: outside.agencyId, parentPositionId: outside.positionId };
  return none;
}

function sortErrors(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const k = `${e.line}|${e.code}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}
