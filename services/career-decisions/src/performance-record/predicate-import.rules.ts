import { parseCsvText } from '@kinerja/domain';
import { PredikatPegawai } from '../predikat';

/**
 * The yearly predicates of 2022 on as the national e-Kinerja exports them (docs/regulations.md
 * §5.2): a header naming the columns NIP, TAHUN (or YEAR) and PREDIKAT in any order, other columns
 * (a name, a unit) ignored; `,` or `;` separated; a UTF-8 BOM accepted. Predikat as e-Kinerja
 * writes it ("Sangat Baik", "Butuh Perbaikan", "Kurang/Misconduct"...) or as Kinerja's codes.
 */
export const PREDICATE_IMPORT_COLUMNS = ['NIP', 'TAHUN', 'PREDIKAT'] as const;
export type PredicateImportColumn = (typeof PREDICATE_IMPORT_COLUMNS)[number];

export interface PredicateImportRow {
  line: number;
  nip: string;
  year: number;
  predicate: PredikatPegawai;
}

export interface PredicateImportProblem {
  /** 1-based line of the file (1 is the header). */
  line: number;
  /** The column at fault; absent when the whole row or file is. */
  column?: PredicateImportColumn;
  code: string;
  message: string;
}

const ALIASES: Readonly<Record<string, PredicateImportColumn>> = { NIP: 'NIP', TAHUN: 'TAHUN', YEAR: 'TAHUN', PREDIKAT: 'PREDIKAT', PREDICATE: 'PREDIKAT' };

const PREDIKAT_WORDS: Readonly<Record<string, PredikatPegawai>> = {
  SANGAT_BAIK: 'SANGAT_BAIK',
  BAIK: 'BAIK',
  BUTUH_PERBAIKAN: 'BUTUH_PERBAIKAN',
  PERLU_PERBAIKAN: 'BUTUH_PERBAIKAN',
  KURANG: 'KURANG_MISCONDUCT',
  MISCONDUCT: 'KURANG_MISCONDUCT',
  KURANG_MISCONDUCT: 'KURANG_MISCONDUCT',
  SANGAT_KURANG: 'SANGAT_KURANG',
};

/** "Kurang / Misconduct" → KURANG_MISCONDUCT; null when it names no predikat. */
export function predikatFromText(text: string): PredikatPegawai | null {
  const key = text.trim().toUpperCase().replace(/[^A-Z]+/g, '_').replace(/^_|_$/g, '');
  return PREDIKAT_WORDS[key] ?? null;
}

/**
 * Every problem of the file in one pass, each with its line and column; the rows are usable only
 * when there is none. `years` bounds the years accepted (from the first year of PermenPANRB 6/2022
 * to the last year that has ended). A row repeated exactly counts once; the same NIP and year with
 * another predikat is a problem on the later line.
 */
export function parsePredicateCsv(text: string, years: { first: number; last: number }): { rows: PredicateImportRow[]; problems: PredicateImportProblem[] } {
  const parsed = parseCsvText(text);
  if (!parsed.ok) return { rows: [], problems: [{ line: parsed.line, code: 'CSV_MALFORMED', message: parsed.message }] };
  const [header, ...records] = parsed.records;
  if (header === undefined) return { rows: [], problems: [{ line: 1, code: 'CSV_EMPTY', message: 'Berkas kosong.' }] };
  const index = new Map<PredicateImportColumn, number>();
  const problems: PredicateImportProblem[] = [];
  header.fields.forEach((name, i) => {
    const column = ALIASES[name.trim().toUpperCase()];
    if (column === undefined) return;
    if (index.has(column)) problems.push({ line: header.line, column, code: 'CSV_HEADER', message: `Kolom ${column} muncul dua kali.` });
    else index.set(column, i);
  });
  for (const column of PREDICATE_IMPORT_COLUMNS)
    if (!index.has(column)) problems.push({ line: header.line, column, code: 'CSV_HEADER', message: `Baris judul tidak memuat kolom ${column} (perlu NIP, TAHUN, PREDIKAT).` });
  if (problems.length > 0) return { rows: [], problems };

  const rows: PredicateImportRow[] = [];
  const seen = new Map<string, PredicateImportRow>();
  for (const record of records) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    const cell = (column: PredicateImportColumn) => (record.fields[index.get(column)!] ?? '').trim();
    const fail = (column: PredicateImportColumn, code: string, message: string) => problems.push({ line: record.line, column, code, message });
    const before = problems.length;
    const nip = cell('NIP');
    if (!/^[0-9]{18}$/.test(nip)) fail('NIP', 'NIP_INVALID', 'NIP harus 18 angka.');
    const yearText = cell('TAHUN');
    const year = Number(yearText);
    if (!/^[0-9]{4}$/.test(yearText)) fail('TAHUN', 'YEAR_INVALID', 'Tahun harus 4 angka.');
    else if (year < years.first) fail('TAHUN', 'YEAR_TOO_EARLY', `Predikat sebelum ${years.first} diimpor sebagai riwayat nilai PP 30/2019 (nip,tahun,nilai,inovasi).`);
    else if (year > years.last) fail('TAHUN', 'YEAR_NOT_ENDED', `Tahun ${year} belum berakhir; tahun terakhir yang dapat diimpor ${years.last}.`);
    const predicate = predikatFromText(cell('PREDIKAT'));
    if (predicate === null) fail('PREDIKAT', 'PREDICATE_INVALID', `Predikat "${cell('PREDIKAT')}" tidak dikenal (Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang).`);
    if (problems.length > before) continue;
    const row: PredicateImportRow = { line: record.line, nip, year, predicate: predicate! };
    const earlier = seen.get(`${nip}:${year}`);
    if (earlier !== undefined) {
      if (earlier.predicate !== row.predicate) fail('PREDIKAT', 'DUPLICATE_YEAR', `NIP ${nip} tahun ${year} sudah ada di baris ${earlier.line} dengan predikat lain.`);
      continue;
    }
    seen.set(`${nip}:${year}`, row);
    rows.push(row);
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: header.line, code: 'CSV_EMPTY', message: 'Berkas tidak berisi data.' });
  return { rows, problems };
}
