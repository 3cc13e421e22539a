import { IsoDate } from '../../src/organisation/dates';
import { UnitCreated } from '../../src/organisation/organisation.events';
import { PositionKind } from '../../src/organisation/organisation.events';
import { IMPORT_COLUMNS, IMPORT_HEADER } from '../../src/org-import/csv-import.rules';
import { csvField } from '../../src/org-import/csv';

/**
 * A deterministic, realistic agency (a Dinas) for tests, demo data and benchmarks: a Kepala Dinas,
 * a Sekretariat with three Subbagian, four Bidang with three Seksi each, and staff (pelaksana and
 * fungsional, PNS and PPPK) under every Subbagian and Seksi. Same seed, same agency.
 */
export interface DemoRow {
  nip: string;
  name: string;
  status: 'PNS' | 'PPPK';
  golongan: string;
  tmtGolongan: IsoDate;
  jabatan: string;
  kind: PositionKind;
  unitId: string;
  atasanNip: string;
  tmtJabatan: IsoDate;
}

export interface DemoAgency {
  agencyId: string;
  units: UnitCreated[];
  rows: DemoRow[];
  csv: string;
  /** The Sekda, the Kepala Dinas's superior outside the agency. */
  externalSupervisorNip: string;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Agus', 'Budi', 'Dewi', 'Eka', 'Fitri', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Oktaviani', 'Putu', 'Rahmat', 'Siti', 'Teguh', 'Utami', 'Wahyu', 'Yuliana', 'Zainal', 'Andi', 'Bayu', 'Citra', 'Dimas', 'Endang', 'Fajar', 'Galih', 'Hartini'];
const LAST = ['Saputra', 'Wijaya', 'Lestari', 'Hidayat', 'Pratama', 'Siregar', 'Nasution', 'Kusuma', 'Santoso', 'Wibowo', 'Rahayu', 'Setiawan', 'Harahap', 'Susanti', 'Gunawan', 'Purnomo', 'Nugroho', 'Handayani', 'Sihombing', 'Syahputra'];
const TITLES = ['', '', '', 'S.Kom.', 'S.E.', 'S.KM.', 'M.Kes.', 'S.Sos.', 'A.Md.Kep.', 'S.H.'];
const PELAKSANA = ['Pengadministrasi Perkantoran', 'Pengelola Data', 'Bendahara', 'Pengelola Keuangan', 'Penata Laporan Keuangan', 'Pengelola Barang Milik Negara', 'Operator Layanan Operasional'];
const FUNGSIONAL = ['Analis Kebijakan Ahli Muda', 'Epidemiolog Kesehatan Ahli Pertama', 'Administrator Kesehatan Ahli Muda', 'Pranata Komputer Ahli Pertama', 'Perencana Ahli Muda', 'Arsiparis Terampil'];
const BIDANG = ['Kesehatan Masyarakat', 'Pencegahan dan Pengendalian Penyakit', 'Pelayanan Kesehatan', 'Sumber Daya Kesehatan'];
const SUBBAG = ['Umum dan Kepegawaian', 'Keuangan', 'Perencanaan dan Evaluasi'];

export function generateAgency(options: { agencyId?: string; seed?: number; staffPerSection?: number } = {}): DemoAgency {
  const agencyId = options.agencyId ?? 'DINKES';
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const used = new Set<string>();

  const person = (status: 'PNS' | 'PPPK', minAge: number) => {
    for (;;) {
      const birthYear = int(1966, 2024 - minAge);
      const birthMonth = int(1, 12);
      const birthDay = int(1, 28);
      const tmtYear = Math.min(2023, birthYear + int(20, 30));
      const tmtMonth = status === 'PNS' ? int(1, 12) : int(1, 3);
      const gender = int(1, 2);
      const nip = `${birthYear}${pad(birthMonth)}${pad(birthDay)}${tmtYear}${pad(tmtMonth)}${gender}${pad(int(1, 999), 3)}`;
      if (used.has(nip)) continue;
      used.add(nip);
      const first = pick(FIRST);
      const title = pick(TITLES);
      const name = `${first} ${pick(LAST)}${title ? `, ${title}` : ''}`;
      return { nip, name, tmtYear };
    }
  };
  const golonganFor = (kind: PositionKind, status: 'PNS' | 'PPPK') => {
    if (status === 'PPPK') return pick(['V', 'VII', 'IX', 'X']);
    switch (kind) {
      case 'JPT_PRATAMA':
        return pick(['IV/c', 'IV/d']);
      case 'ADMINISTRATOR':
        return pick(['IV/a', 'IV/b']);
      case 'PENGAWAS':
        return pick(['III/c', 'III/d', 'IV/a']);
      default:
        return pick(['II/a', 'II/c', 'III/a', 'III/b', 'III/c']);
    }
  };

  const rows: DemoRow[] = [];
  const add = (kind: PositionKind, jabatan: string, unitId: string, atasanNip: string, status: 'PNS' | 'PPPK' = 'PNS') => {
    const p = person(status, kind === 'PELAKSANA' || kind === 'FUNGSIONAL' ? 22 : 35);
    const tmtJabatan = `${Math.min(2023, Math.max(p.tmtYear + 1, int(2016, 2023)))}-${pad(int(1, 12))}-01`;
    const row: DemoRow = {
      nip: p.nip,
      name: p.name,
      status,
      golongan: golonganFor(kind, status),
      tmtGolongan: `${int(p.tmtYear, 2023)}-${pick(['04', '10'])}-01`,
      jabatan,
      kind,
      unitId,
      atasanNip,
      tmtJabatan,
    };
    rows.push(row);
    return row;
  };

  const units: UnitCreated[] = [];
  const unit = (unitId: string, name: string, parentUnitId: string | null) =>
    units.push({ type: 'UnitCreated', data: { agencyId, unitId, name, parentUnitId, createdAt: '2024-01-01T00:00:00.000Z' } });

  const externalSupervisorNip = '196805121990031002';
  unit(agencyId, 'Dinas Kesehatan', null);
  const kadis = add('JPT_PRATAMA', 'Kepala Dinas Kesehatan', agencyId, externalSupervisorNip);
  const staff = (unitId: string, atasanNip: string) => {
    const count = options.staffPerSection ?? 22;
    for (let i = 0; i < count; i++) {
      const fungsional = random() < 0.3;
      const status = random() < 0.15 ? 'PPPK' : 'PNS';
      add(fungsional ? 'FUNGSIONAL' : 'PELAKSANA', fungsional ? pick(FUNGSIONAL) : pick(PELAKSANA), unitId, atasanNip, status);
    }
  };

  unit(`${agencyId}.SEK`, 'Sekretariat', agencyId);
  const sekretaris = add('ADMINISTRATOR', 'Sekretaris', `${agencyId}.SEK`, kadis.nip);
  SUBBAG.forEach((name, i) => {
    const unitId = `${agencyId}.SEK.${i + 1}`;
    unit(unitId, `Subbagian ${name}`, `${agencyId}.SEK`);
    const kasubbag = add('PENGAWAS', `Kepala Subbagian ${name}`, unitId, sekretaris.nip);
    staff(unitId, kasubbag.nip);
  });
  BIDANG.forEach((name, b) => {
    const bidangId = `${agencyId}.B${b + 1}`;
    unit(bidangId, `Bidang ${name}`, agencyId);
    const kabid = add('ADMINISTRATOR', `Kepala Bidang ${name}`, bidangId, kadis.nip);
    for (let s = 1; s <= 3; s++) {
      const unitId = `${bidangId}.S${s}`;
      unit(unitId, `Seksi ${s} Bidang ${name}`, bidangId);
      const kasi = add('PENGAWAS', `Kepala Seksi ${s} Bidang ${name}`, unitId, kabid.nip);
      staff(unitId, kasi.nip);
    }
  });

  return { agencyId, units, rows, csv: toCsv(rows), externalSupervisorNip };
}

export function toCsv(rows: readonly DemoRow[]): string {
  const values = (r: DemoRow): Record<(typeof IMPORT_COLUMNS)[number], string> => ({
    NIP: r.nip,
    NAMA: r.name,
    STATUS_ASN: r.status,
    GOLONGAN: r.golongan,
    TMT_GOLONGAN: r.tmtGolongan,
    JABATAN: r.jabatan,
    JENIS_JABATAN: r.kind,
    KODE_UNOR: r.unitId,
    NIP_ATASAN: r.atasanNip,
    TMT_JABATAN: r.tmtJabatan,
  });
  return [IMPORT_HEADER, ...rows.map((r) => IMPORT_COLUMNS.map((c) => csvField(values(r)[c])).join(','))].join('\r\n') + '\r\n';
}
