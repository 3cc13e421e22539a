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
  parentOn,
} from '../organisation/organisation.decider';
import { POSITION_KINDS, PositionKind } from '../organisation/organisation.events';
import { parseCsv } from './csv';

/**
 * Import of one agency's organisation from a SIASN-style CSV export. The whole file is checked and
 * either every change is planned (one batch, appended at once) or every bad row is reported.
 * Re-importing the same file against the resulting state plans nothing.
 *
 * The file is a snapshot of the agency: one row per employee, with the position they hold
 * definitively. NIP_ATASAN names the superior's row; it may be outside the file only for the
 * JPT heading the agency. People holding a post now but absent from the file are reported
 * (`notInFile`), never ended silently.
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
type Column = (typeof IMPORT_COLUMNS)[number];

/** Pangkat of each PNS golongan ruang (PP 99/2000). PPPK have golongan I–XVII and no pangkat. */
export const PANGKAT_PNS: Readonly<Record<string, string>> = {
  'I/a': 'Juru Muda',
  'I/b': 'Juru Muda Tingkat I',
  'I/c': 'Juru',
  'I/d': 'Juru Tingkat I',
  'II/a': 'Pengatur Muda',
  'II/b': 'Pengatur Muda Tingkat I',
  'II/c': 'Pengatur',
  'II/d': 'Pengatur Tingkat I',
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
  'IV/d': 'Pembina Utama Madya',
  'IV/e': 'Pembina Utama',
};
const GOLONGAN_PPPK = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII'];
const STRUCTURAL: readonly PositionKind[] = ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS'];

export interface EmployeeSnapshot {
  agencyId: string;
  name: string;
  status: EmploymentStatus;
  golongan: string | null;
  pangkat: string | null;
  /** Compared only when the employee record keeps it. */
  tmtGolongan?: IsoDate | null;
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
  atasanFormat: 'NIP_ATASAN harus kosong atau 18 digit angka.',
  duplicate: 'NIP muncul lebih dari sekali: satu pegawai hanya boleh memegang satu jabatan definitif pada waktu yang sama.',
  unknownAtasan: 'NIP_ATASAN tidak ada di berkas; hanya pimpinan tinggi (JPT) instansi yang boleh beratasan di luar instansi.',
  cycle: 'Garis atasan melingkar: pegawai ini akhirnya menjadi atasan dari dirinya sendiri.',
  positionTwice: 'Jabatan struktural yang sama pada unit yang sama dipegang lebih dari satu pegawai.',
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

function readRows(input: ImportInput): { rows: ImportRow[]; errors: RowError[] } {
  const parsed = parseCsv(input.csv);
  if (!parsed.ok) return { rows: [], errors: [{ line: parsed.line, nip: null, code: 'CSV_MALFORMED', message: MSG.parse(parsed.message) }] };
  const [head, ...records] = parsed.records;
  const headers = (head?.fields ?? []).map((h) => h.trim().toUpperCase());
  const missing = IMPORT_COLUMNS.filter((c) => !headers.includes(c));
  if (!head || missing.length > 0) return { rows: [], errors: [{ line: 1, nip: null, code: 'CSV_HEADER_INVALID', message: MSG.header(missing) }] };
  if (records.length === 0) return { rows: [], errors: [{ line: 2, nip: null, code: 'CSV_EMPTY', message: MSG.empty }] };
  const index = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, headers.indexOf(c)])) as Record<Column, number>;
  const units = input.organisation.status === 'active' ? input.organisation.units : undefined;

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const get = (c: Column) => (record.fields[index[c]] ?? '').trim();
    const nip = get('NIP');
    const fail = (code: string, message: string, column?: Column) => errors.push({ line: record.line, nip: nip || null, code, message, ...(column ? { column } : {}) });
    const before = errors.length;
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
    const garbled = IMPORT_COLUMNS.find((c) => index[c] !== undefined && (record.fields[index[c]] ?? '').includes(REPLACEMENT_CHARACTER));
    if (garbled) fail('INVALID_UTF8', `Kolom ${garbled} memuat karakter yang bukan UTF-8; simpan berkas sebagai UTF-8.`, garbled);
    const name = get('NAMA');
    if (!name) fail('NAME_REQUIRED', MSG.required('NAMA'), 'NAMA');
    if (name.length > FIELD_LIMITS.employeeName) fail('NAME_TOO_LONG', `NAMA paling banyak ${FIELD_LIMITS.employeeName} karakter.`, 'NAMA');
    const golongan = get('GOLONGAN');
    if (status && !(status === 'PNS' ? golongan in PANGKAT_PNS : GOLONGAN_PPPK.includes(golongan)))
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
    if (atasan !== '' && !/^\d{18}$/.test(atasan)) fail('SUPERVISOR_NIP_INVALID', MSG.atasanFormat, 'NIP_ATASAN');
    if (atasan !== '' && atasan === nip) fail('REPORTING_CYCLE', MSG.cycle, 'NIP_ATASAN');
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
      });
    }
  }
  return { rows, errors };
}

/** Rules across rows: duplicate NIP, superiors outside the file, cycles, one holder per structural post. */
function crossRowErrors(rows: ImportRow[], allNips: ReadonlySet<string>): RowError[] {
  const errors: RowError[] = [];
  const byNip = new Map<string, ImportRow[]>();
  for (const r of rows) byNip.set(r.nip, [...(byNip.get(r.nip) ?? []), r]);
  for (const list of byNip.values())
    if (list.length > 1) for (const r of list) errors.push({ line: r.line, nip: r.nip, code: 'DUPLICATE_NIP', message: MSG.duplicate, column: 'NIP' });

  for (const r of rows)
    if (r.atasanNip !== null && r.atasanNip !== r.nip && !allNips.has(r.atasanNip) && r.kind !== 'JPT_PRATAMA')
      errors.push({ line: r.line, nip: r.nip, code: 'UNKNOWN_SUPERVISOR', message: MSG.unknownAtasan, column: 'NIP_ATASAN' });

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
  const read = readRows(input);
  const allNips = new Set(read.rows.map((r) => r.nip));
  const errors = [...read.errors, ...crossRowErrors(read.rows, allNips)];
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };

  const rows = topological(read.rows);
  const positionIdOf = resolvePositionIds(rows, input.organisation);
  const changes: { change: OrganisationChange; row: ImportRow }[] = [];
  const change = (row: ImportRow, c: Omit<OrganisationChange, 'metadata'>) => changes.push({ row, change: { ...c, metadata } as OrganisationChange });
  let state = input.organisation;

  for (const r of rows) {
    const positionId = positionIdOf.get(r.nip)!;
    const parentPositionId = r.atasanNip !== null && positionIdOf.has(r.atasanNip) ? positionIdOf.get(r.atasanNip)! : null;
    const existing = state.status === 'active' ? state.positions.get(positionId) : undefined;
    if (!existing) {
      change(r, { type: 'CreatePosition', data: { agencyId, positionId, name: r.jabatan, kind: r.kind, unitId: r.unitId, parentPositionId, establishedOn: r.tmtJabatan } });
    } else {
      const effectiveFrom = existing.establishedOn > asOf ? existing.establishedOn : asOf;
      if (parentOn(existing, effectiveFrom) !== parentPositionId || existing.reportingLine.some((e) => e.from > effectiveFrom))
        change(r, { type: 'ChangeReportingLine', data: { agencyId, positionId, parentPositionId, effectiveFrom } });
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
    const others = assignmentsTo(state, positionId).filter((a) => a.type === 'DEFINITIVE' && a.nip !== r.nip && !allNips.has(a.nip));
    for (const a of [...mine, ...others])
      if ((a.to === null || a.to >= r.tmtJabatan) && !ended.has(a.assignmentId)) {
        ended.add(a.assignmentId);
        ends.push({ row: r, change: { type: 'EndAssignment', data: { agencyId, assignmentId: a.assignmentId, lastDay }, metadata } });
      }
    assigns.push({
      row: r,
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
        column: overlap ? 'TMT_JABATAN' : 'JABATAN',
      });
    }
  }
  if (ruleErrors.length > 0) return { ok: false, errors: sortErrors(ruleErrors) };

  const employees: EmployeeUpsert[] = [];
  for (const r of read.rows) {
    const pangkat = r.status === 'PNS' ? PANGKAT_PNS[r.golongan] : null;
    const known = input.employees.get(r.nip);
    const same =
      known &&
      known.agencyId === agencyId &&
      known.name === r.name &&
      known.status === r.status &&
      known.golongan === r.golongan &&
      known.pangkat === pangkat &&
      (known.tmtGolongan === undefined || known.tmtGolongan === r.tmtGolongan);
    if (!same)
      employees.push({ kind: known ? 'UPDATE' : 'REGISTER', line: r.line, nip: r.nip, agencyId, name: r.name, status: r.status, golongan: r.golongan, pangkat, tmtGolongan: r.tmtGolongan });
  }

  const holdingNow = new Set<string>();
  if (input.organisation.status === 'active')
    for (const a of input.organisation.assignments.values())
      if (a.type === 'DEFINITIVE' && a.from <= asOf && (a.to === null || a.to >= asOf)) holdingNow.add(a.nip);
  const notInFile = [...holdingNow].filter((nip) => !allNips.has(nip)).sort();

  return {
    ok: true,
    rows: read.rows.length,
    organisation: { type: 'ApplyOrganisationChanges', data: { agencyId, changes: changes.map((c) => c.change) }, metadata },
    employees,
    notInFile,
  };
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
