import { ChainBreak } from '@kinerja/event-store';

/**
 * What a verification found wrong, with a stable code. `detail` is English (the CLI, logs);
 * `findingMessage` gives the sentence in Bahasa Indonesia for HTTP answers.
 */
export type FindingCode =
  | 'HASH_MISMATCH'
  | 'BROKEN_LINK'
  | 'REVISION_GAP'
  | 'POSITION_ORDER'
  | 'POSITION_DUPLICATE'
  | 'TRANSACTION_ORDER'
  | 'SCHEME_DOWNGRADE'
  /** An anchored event is gone: the stream was truncated (or deleted) after the anchor. */
  | 'ANCHOR_TRUNCATED'
  /** The event at an anchored revision has another hash: the history was rewritten after the anchor. */
  | 'ANCHOR_REWRITTEN'
  /** An anchor's signature is not the expected key's. */
  | 'ANCHOR_SIGNATURE_INVALID'
  /** An anchor does not follow the one before it (a line removed, reordered or forged). */
  | 'ANCHOR_CHAIN_BROKEN'
  /** An anchor moves a stream back, or gives another hash at an anchored revision. */
  | 'ANCHOR_REGRESSION'
  /** An anchor's Merkle root or counts are not those of its heads. */
  | 'ANCHOR_ROOT_MISMATCH'
  /** A line of the anchor file is not an anchor. */
  | 'ANCHOR_UNREADABLE';

export interface AuditFinding {
  code: FindingCode;
  stream?: string;
  revision?: number;
  /** What should be there (a hash, a revision, ...). */
  expected?: string;
  /** What is there; `absent` when nothing is. */
  found?: string;
  /** Which anchor the finding is about: its sequence number and time. */
  anchor?: { sequence: number; anchoredAt: string };
  detail: string;
}

const BREAK_CODES: Record<ChainBreak['reason'], FindingCode> = {
  hash_mismatch: 'HASH_MISMATCH',
  broken_link: 'BROKEN_LINK',
  revision_gap: 'REVISION_GAP',
  position_order: 'POSITION_ORDER',
  position_duplicate: 'POSITION_DUPLICATE',
  transaction_order: 'TRANSACTION_ORDER',
  scheme_downgrade: 'SCHEME_DOWNGRADE',
};

export function findingOfBreak(b: ChainBreak): AuditFinding {
  return { code: BREAK_CODES[b.reason], stream: b.stream, revision: b.revision, detail: b.detail };
}

/** The finding in Bahasa Indonesia, for the people reading an HTTP answer. */
export function findingMessage(f: AuditFinding): string {
  const at = f.stream === undefined ? '' : f.revision === undefined ? ` pada aliran ${f.stream}` : ` pada aliran ${f.stream} revisi ${f.revision}`;
  const anchor = f.anchor ? ` (jangkar #${f.anchor.sequence}, ${f.anchor.anchoredAt})` : '';
  const was = f.expected !== undefined ? ` Seharusnya: ${f.expected}.` : '';
  const is = f.found !== undefined ? ` Ditemukan: ${f.found === 'absent' ? 'tidak ada' : f.found}.` : '';
  const text: Record<FindingCode, string> = {
    HASH_MISMATCH: `Hash peristiwa${at} tidak cocok dengan isinya: peristiwa itu diubah.`,
    BROKEN_LINK: `Rantai hash terputus${at}: hash sebelumnya tidak sama dengan hash peristiwa sebelumnya.`,
    REVISION_GAP: `Revisi hilang${at}: ada peristiwa yang dihapus.`,
    POSITION_ORDER: `Posisi global${at} tidak lebih besar dari posisi revisi sebelumnya: urutan peristiwa diubah.`,
    POSITION_DUPLICATE: `Posisi global${at} dipakai juga oleh peristiwa lain: urutan peristiwa diubah.`,
    TRANSACTION_ORDER: `Transaksi${at} terpisah oleh transaksi lain di aliran yang sama: urutan peristiwa diubah.`,
    SCHEME_DOWNGRADE: `Skema hash${at} lebih lama daripada skema revisi sebelumnya.`,
    ANCHOR_TRUNCATED: `Peristiwa yang sudah dijangkarkan${at}${anchor} tidak ada lagi: aliran dipotong atau dihapus.`,
    ANCHOR_REWRITTEN: `Peristiwa yang sudah dijangkarkan${at}${anchor} memiliki hash lain: riwayat ditulis ulang.`,
    ANCHOR_SIGNATURE_INVALID: `Tanda tangan jangkar${anchor} tidak sah untuk kunci kota.`,
    ANCHOR_CHAIN_BROKEN: `Jangkar${anchor} tidak menyambung ke jangkar sebelumnya: berkas jangkar diubah.`,
    ANCHOR_REGRESSION: `Jangkar${anchor} memundurkan atau mengganti kepala aliran${at}.`,
    ANCHOR_ROOT_MISMATCH: `Akar Merkle atau jumlah dalam jangkar${anchor} tidak sesuai dengan kepala alirannya.`,
    ANCHOR_UNREADABLE: `Baris berkas jangkar${anchor} tidak dapat dibaca.`,
  };
  return `${text[f.code]}${was}${is}`;
}

/** One line for operators: code, where, and the English detail. */
export function formatFinding(f: AuditFinding): string {
  const where = f.stream === undefined ? '' : f.revision === undefined ? ` ${f.stream}` : ` ${f.stream}@${f.revision}`;
  return `${f.code}${where}: ${f.detail}`;
}
