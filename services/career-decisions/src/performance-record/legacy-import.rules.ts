import { DomainError, invalid } from '@kinerja/domain';
import { PredikatPegawai } from '../predikat';
import { LegacyBand, RuleSet } from '../rule-sets/rule-set';

export interface LegacyRow {
  line: number;
  nip: string;
  year: number;
  score: number;
  innovation: boolean;
  predicate: PredikatPegawai;
}

const inBand = (band: LegacyBand, score: number, innovation: boolean) =>
  (band.min === null || (band.minInclusive ? score >= band.min : score > band.min)) &&
  (band.max === null || (band.maxInclusive ? score <= band.max : score < band.max)) &&
  (!band.requiresInnovation || innovation);

/** PP 30/2019 nilai → predikat by the rule set's bands (docs/regulations.md §5.2); null when no band holds. */
export function legacyPredicate(ruleSet: RuleSet, score: number, innovation: boolean): PredikatPegawai | null {
  return ruleSet.legacyImport.bands.find((band) => inBand(band, score, innovation))?.predicate ?? null;
}

const HEADER = ['nip', 'tahun', 'nilai', 'inovasi'];

/**
 * Parses the legacy history CSV: header `nip,tahun,nilai,inovasi` (inovasi: ya/tidak, may be empty).
 * Rejected whole on the first bad row (the error names the line); a row repeated exactly is kept
 * once, the same NIP and year with another score is an error.
 */
export function parseLegacyCsv(text: string, ruleSet: RuleSet): LegacyRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (HEADER.some((h, i) => header[i] !== h)) throw invalid('CSV_HEADER', `Baris judul harus ${HEADER.join(',')}`, 'line 1');
  const rows: LegacyRow[] = [];
  const seen = new Map<string, LegacyRow>();
  const bad = (line: number, message: string): DomainError => invalid('CSV_ROW_INVALID', `Baris ${line}: ${message}`, `line ${line}`);
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    if (cells.length < 3 || cells.length > 4) throw bad(line, 'jumlah kolom salah');
    const [nip, yearText, scoreText, innovationText = ''] = cells;
    if (!/^[0-9]{18}$/.test(nip)) throw bad(line, 'NIP harus 18 digit');
    if (!/^\d{4}$/.test(yearText)) throw bad(line, 'tahun tidak valid');
    const year = Number(yearText);
    if (year > ruleSet.legacyImport.lastYear) throw bad(line, `riwayat lama hanya sampai tahun ${ruleSet.legacyImport.lastYear}`);
    const score = Number(scoreText.replace(',', '.'));
    if (scoreText === '' || !Number.isFinite(score) || score < ruleSet.legacyImport.scoreMin || score > ruleSet.legacyImport.scoreMax)
      throw bad(line, `nilai harus ${ruleSet.legacyImport.scoreMin}–${ruleSet.legacyImport.scoreMax}`);
    const flag = innovationText.toLowerCase();
    if (!['', 'ya', 'tidak'].includes(flag)) throw bad(line, 'inovasi harus ya atau tidak');
    const innovation = flag === 'ya';
    const predicate = legacyPredicate(ruleSet, score, innovation);
    if (predicate === null) throw bad(line, `nilai ${score} tidak masuk rentang predikat mana pun`);
    const row: LegacyRow = { line, nip, year, score, innovation, predicate };
    const key = `${nip}:${year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      if (earlier.score !== score || earlier.innovation !== innovation) throw bad(line, `NIP ${nip} tahun ${year} sudah ada di baris ${earlier.line} dengan nilai lain`);
      continue;
    }
    seen.set(key, row);
    rows.push(row);
  }
  if (rows.length === 0) throw invalid('CSV_EMPTY', 'Berkas tidak berisi data', 'file');
  return rows;
}
