/**
 * What an official document says, as data: composed from the services' answers (compose.ts),
 * hashed (the content hash a printed document is verified against) and laid out as HTML
 * (templates.ts). Only what the paper shows belongs here, so that the hash changes exactly when
 * the printed text would.
 */

export interface Person {
  nip: string;
  nama: string | null;
  pangkatGolongan: string | null;
  jabatan: string | null;
  unitKerja: string | null;
}

export interface SkpRow {
  no: number;
  rencanaHasilKerjaAtasan: string | null;
  rencanaHasilKerja: string;
  aspek: string;
  indikatorKinerjaIndividu: string;
  target: string;
  periodTargets: { periodId: string; target: string }[];
  rhkId: string;
  ikiId: string;
}

export interface Perilaku {
  coreValue: string;
  label: string;
  panduanPerilaku: string[];
  ekspektasiKhusus: string | null;
}

export interface Lampiran {
  dukunganSumberDaya: string[];
  skemaPertanggungjawaban: string[];
  konsekuensi: string[];
}

export interface SkpModel {
  kind: 'SKP';
  skpId: string;
  /** The approved version printed, or null for the working copy (printed as a draft). */
  version: number | null;
  status: string;
  latestApprovedVersion: number | null;
  approvedAt: string | null;
  periode: { start: string; end: string };
  approach: string;
  pegawai: Person;
  pejabatPenilai: Person | null;
  hasilKerja: { jenis: 'UTAMA' | 'TAMBAHAN'; judul: string; rows: SkpRow[] }[];
  perilakuKerja: Perilaku[];
  lampiran: Lampiran;
}

export interface EvaluationModel {
  kind: 'EVALUASI';
  evaluationId: string;
  periodId: string;
  /** ANNUAL, or the periodic kind (SEMESTER, QUARTER, MONTH ...) as evaluation names it. */
  periodKind: string;
  periodLabel: string;
  annual: boolean;
  year: number;
  status: string;
  pegawai: Person;
  pejabatPenilai: Person | null;
  atasanPejabatPenilai: Person | null;
  unit: { unitId: string; unitName: string | null };
  /** Capaian kinerja organisasi: the unit's organisation predicate, null while not set. */
  capaianKinerjaOrganisasi: string | null;
  /** Pola distribusi: how many of the unit got each predicate. */
  polaDistribusi: { predicate: string; count: number }[];
  hasilKerja: (SkpRow & { jenis: string; realisasi: string[] })[];
  perilakuKerja: Perilaku[];
  ratingHasil: string;
  ratingPerilaku: string;
  predikat: string;
  /** Catatan / rekomendasi of the pejabat penilai (the justification of the rating). */
  catatan: string;
  ratedAt: string;
  keberatan: {
    alasan: string;
    diajukanPada: string;
    penjelasan: { dari: string; pertanyaan: string | null; penjelasan: string | null }[];
    keputusan: { hasil: 'KEEP' | 'CHANGE'; alasan: string; diputuskanOleh: string; diputuskanPada: string; sebelumnya: { ratingHasil: string; ratingPerilaku: string; predikat: string } } | null;
  } | null;
  finalizedAt: string | null;
}

export interface CurveModel {
  kind: 'KURVA';
  periodId: string;
  periodLabel: string;
  unitId: string;
  unitEvaluationId: string;
  unitName: string | null;
  organisationPredicate: string | null;
  ruleSetVersion: string;
  curveApplies: boolean;
  distribution: { predicate: string; count: number; share: number }[];
  employees: { nip: string; nama: string | null; predicate: string | null }[];
  unrated: number;
  check: { ok: boolean; failures: string[] } | null;
  finalized: boolean;
  /** Who set the organisation predicate (the unit's leader or the one above): the signature block. */
  predicateSetBy: Person | null;
}

export type DocumentModel = SkpModel | EvaluationModel | CurveModel;
export type DocumentKind = DocumentModel['kind'];

/** What a document is printed from: enough to compose it again at verification. */
export type DocumentParams =
  | { kind: 'SKP'; skpId: string; version: number | null }
  | { kind: 'EVALUASI'; evaluationId: string }
  | { kind: 'KURVA'; periodId: string; unitId: string };

/** The event streams a document is derived from, with the position each stood at when printed. */
export interface SubjectStream {
  service: 'work-planning' | 'evaluation';
  stream: string;
  /** The SKP's approved version, the evaluation's status: what the service exposes of the stream's position. */
  position: string;
}

export { PREDIKAT_PEGAWAI as PREDICATES } from '@kinerja/contracts';
