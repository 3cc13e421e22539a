/**
 * Shapes of the answers the console reads. The services' OpenAPI documents describe requests but
 * not yet responses (issue 14 §9); until they do, these mirror the services' response types, and
 * the generated client types every path, parameter and body.
 */
export type SkpStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'REVISED' | 'APPROVED' | 'AMENDING' | 'CLOSED';

export interface PersonBlock {
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
  rhkId: string;
  ikiId: string;
}

export interface SkpDocument {
  skpId: string;
  status: SkpStatus;
  version: number | null;
  latestApprovedVersion: number | null;
  periode: { start: string; end: string };
  pegawaiYangDinilai: PersonBlock;
  pejabatPenilaiKinerja: PersonBlock | null;
  hasilKerja: { jenis: 'UTAMA' | 'TAMBAHAN'; judul: string; rows: SkpRow[] }[];
  perilakuKerja: { coreValue: string; label: string; panduanPerilaku: string[]; ekspektasiKhusus: string | null }[];
  unresolvedLinks: { rhkId: string; flag: string }[];
  returnNotes: string | null;
}

export interface SkpVersion {
  version: number;
  approvedAt: string;
  approvedBy: string;
  rhk: { rhkId: string }[];
}

export interface EmployeeSkpItem {
  skpId: string;
  periodStart: string;
  periodEnd: string;
  status: SkpStatus;
  versions: number;
  returnNotes: string | null;
}

export interface AtasanRhk {
  pejabatPenilai: { nip: string; nama: string | null } | null;
  atasanSkp: { skpId: string; status: SkpStatus } | null;
  rhk: { rhkId: string; jenis: string; text: string; approved: boolean }[];
}

export interface TeamBoard {
  supervisorNip: string;
  date: string;
  team: { nip: string; nama: string | null; skpId: string | null; status: SkpStatus | 'NONE'; versions: number; unresolvedLinks: { rhkId: string; flag: string }[] }[];
}

export interface Realisation {
  periodId: string;
  ikiId: string;
  revision: number;
  value: number | null;
  narrative: string | null;
  evidence: ({ kind: 'FILE'; sha256: string; fileName: string; sizeBytes: number; mediaType: string } | { kind: 'LINK'; url: string; title: string | null; sha256?: undefined; fileName?: undefined })[];
  occurredOn: string;
  recordedAt: string;
  late: boolean;
}
