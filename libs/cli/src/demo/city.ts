/**
 * A synthetic but realistic city, deterministic from a seed: agencies (Dinas Kependudukan dan
 * Pencatatan Sipil, Dinas Pendidikan, Dinas Kesehatan with its Puskesmas, Kecamatan with their
 * Kelurahan, ...), each with a Kepala, a Sekretariat with three Subbagian, Bidang with Seksi (or
 * UPT), and staff under every Subbagian and Seksi — PNS and PPPK, pelaksana and fungsional.
 * Above every Kepala OPD: the Sekda's post in the Sekretariat Daerah (SETDA), and above the Sekda the
 * kepala daerah as PPK, a city official without NIP (docs/regulations.md §4.5 [U]).
 * Pure: no I/O; the scenario turns it into HTTP calls.
 */

export type PositionKind = 'JPT_PRATAMA' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA' | 'FUNGSIONAL';
/** How an employee performs this year: drives realisations, hence the suggested rating. */
export type Performance = 'HIGH' | 'NORMAL' | 'LOW';

export interface CityEmployee {
  nip: string;
  name: string;
  status: 'PNS' | 'PPPK';
  golongan: string;
  tmtGolongan: string;
  jabatan: string;
  kind: PositionKind;
  unitId: string;
  atasanNip: string;
  tmtJabatan: string;
  performance: Performance;
}

export interface CityUnit {
  unitId: string;
  name: string;
  parentUnitId: string | null;
  /** A Subbagian/Seksi/UPT that serves citizens: feedback, complaints and SKM go to it. */
  servesCitizens: boolean;
}

export interface CityAgency {
  agencyId: string;
  name: string;
  units: CityUnit[];
  employees: CityEmployee[];
}

export interface City {
  seed: number;
  /** The Sekretaris Daerah, in the Sekretariat Daerah (agency SETDA): every Kepala OPD's pejabat penilai. */
  sekda: { nip: string; name: string };
  /** The kepala daerah as PPK, a city official (no NIP): the Sekda's pejabat penilai; signs in with `officialId`. */
  kepalaDaerah: { officialId: string; name: string; office: string };
  agencies: CityAgency[];
}

interface AgencyTemplate {
  code: string;
  name: string;
  head: string;
  bidang: { name: string; seksi: string[] }[];
  pelaksana: string[];
  fungsional: string[];
}

const TEMPLATES: AgencyTemplate[] = [
  {
    code: 'DISDUKCAPIL',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    head: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
    bidang: [
      { name: 'Pelayanan Pendaftaran Penduduk', seksi: ['Identitas Penduduk', 'Pindah Datang Penduduk', 'Pendataan Penduduk'] },
      { name: 'Pelayanan Pencatatan Sipil', seksi: ['Kelahiran dan Kematian', 'Perkawinan dan Perceraian', 'Perubahan Status Anak'] },
    ],
    pelaksana: ['Pengadministrasi Kependudukan', 'Operator Layanan Adminduk', 'Pengelola Data Kependudukan'],
    fungsional: ['Administrator Database Kependudukan Ahli Pertama', 'Pranata Komputer Ahli Muda'],
  },
  {
    code: 'DISDIK',
    name: 'Dinas Pendidikan',
    head: 'Kepala Dinas Pendidikan',
    bidang: [
      { name: 'Pembinaan Sekolah Dasar', seksi: ['Kurikulum SD', 'Peserta Didik SD', 'Sarana Prasarana SD'] },
      { name: 'Pembinaan Sekolah Menengah Pertama', seksi: ['Kurikulum SMP', 'Peserta Didik SMP', 'Sarana Prasarana SMP'] },
      { name: 'Pendidik dan Tenaga Kependidikan', seksi: ['Pendidik', 'Tenaga Kependidikan'] },
    ],
    pelaksana: ['Pengadministrasi Sekolah', 'Pengelola Data Pendidikan', 'Bendahara'],
    fungsional: ['Pengawas Sekolah Ahli Madya', 'Guru Ahli Pertama', 'Analis Kebijakan Ahli Muda'],
  },
  {
    code: 'DINKES',
    name: 'Dinas Kesehatan',
    head: 'Kepala Dinas Kesehatan',
    bidang: [
      { name: 'Pelayanan Kesehatan', seksi: ['Puskesmas Kota', 'Puskesmas Pasar Baru', 'Puskesmas Sukajadi'] },
      { name: 'Pencegahan dan Pengendalian Penyakit', seksi: ['Surveilans dan Imunisasi', 'Penyakit Menular'] },
    ],
    pelaksana: ['Pengadministrasi Perkantoran', 'Pengelola Obat', 'Petugas Pendaftaran Pasien'],
    fungsional: ['Perawat Ahli Pertama', 'Bidan Terampil', 'Epidemiolog Kesehatan Ahli Pertama', 'Dokter Ahli Muda'],
  },
  {
    code: 'KEC-SUKAJADI',
    name: 'Kecamatan Sukajadi',
    head: 'Camat Sukajadi',
    bidang: [
      { name: 'Pemerintahan dan Pelayanan', seksi: ['Kelurahan Sukajadi', 'Kelurahan Sukamaju', 'Kelurahan Cipedes'] },
      { name: 'Ketenteraman dan Ketertiban Umum', seksi: ['Trantibum'] },
    ],
    pelaksana: ['Pengadministrasi Umum', 'Pengelola Layanan Kelurahan', 'Pengadministrasi Pertanahan'],
    fungsional: ['Analis Kebijakan Ahli Pertama'],
  },
  {
    code: 'DPMPTSP',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    head: 'Kepala Dinas Penanaman Modal dan PTSP',
    bidang: [
      { name: 'Pelayanan Perizinan', seksi: ['Perizinan Usaha', 'Perizinan Bangunan', 'Pengaduan Perizinan'] },
      { name: 'Penanaman Modal', seksi: ['Promosi Penanaman Modal', 'Pengendalian Penanaman Modal'] },
    ],
    pelaksana: ['Pengadministrasi Perizinan', 'Verifikator Berkas Perizinan', 'Operator Layanan Operasional'],
    fungsional: ['Penata Perizinan Ahli Muda', 'Analis Kebijakan Ahli Pertama'],
  },
  {
    code: 'BKPSDM',
    name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    head: 'Kepala BKPSDM',
    bidang: [
      { name: 'Mutasi dan Promosi', seksi: ['Kepangkatan', 'Mutasi Jabatan'] },
      { name: 'Pengembangan Kompetensi', seksi: ['Diklat Teknis', 'Penilaian Kinerja'] },
    ],
    pelaksana: ['Pengadministrasi Kepegawaian', 'Pengelola Data Kepegawaian'],
    fungsional: ['Analis Sumber Daya Manusia Aparatur Ahli Muda', 'Asesor SDM Aparatur Ahli Pertama'],
  },
];

const SUBBAG = ['Umum dan Kepegawaian', 'Keuangan', 'Perencanaan dan Evaluasi'];
const FIRST = ['Agus', 'Budi', 'Dewi', 'Eka', 'Fitri', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Oktaviani', 'Putu', 'Rahmat', 'Siti', 'Teguh', 'Utami', 'Wahyu', 'Yuliana', 'Zainal', 'Andi', 'Bayu', 'Citra', 'Dimas', 'Endang', 'Fajar', 'Galih', 'Hartini', 'Ikhsan', 'Ratna'];
const LAST = ['Saputra', 'Wijaya', 'Lestari', 'Hidayat', 'Pratama', 'Siregar', 'Nasution', 'Kusuma', 'Santoso', 'Wibowo', 'Rahayu', 'Setiawan', 'Harahap', 'Susanti', 'Gunawan', 'Purnomo', 'Nugroho', 'Handayani', 'Sihombing', 'Syahputra'];
const TITLES = ['', '', '', 'S.Kom.', 'S.E.', 'S.Pd.', 'M.Kes.', 'S.Sos.', 'A.Md.Kep.', 'S.H.', 'M.Si.'];

/** Leaders per agency besides staff: Kepala, Sekretaris, three Kasubbag, the Kabid and Kasi. */
function leadersOf(t: AgencyTemplate): number {
  return 2 + SUBBAG.length + t.bidang.length + t.bidang.reduce((n, b) => n + b.seksi.length, 0);
}
function sectionsOf(t: AgencyTemplate): number {
  return SUBBAG.length + t.bidang.reduce((n, b) => n + b.seksi.length, 0);
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * About `employees` people (never fewer than one agency of leaders and one staff member per
 * section): the six agency templates first, repeated with a number when the city is large.
 */
export function generateCity(options: { employees: number; seed: number }): City {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const used = new Set<string>();

  const person = (status: 'PNS' | 'PPPK', minAge: number) => {
    for (;;) {
      const birthYear = int(1968, 2002 - minAge + 22);
      const tmtYear = Math.min(2022, birthYear + int(21, 30));
      const gender = int(1, 2);
      const nip = `${birthYear}${pad(int(1, 12))}${pad(int(1, 28))}${tmtYear}${pad(status === 'PNS' ? int(1, 12) : int(1, 3))}${gender}${pad(int(1, 999), 3)}`;
      if (used.has(nip)) continue;
      used.add(nip);
      const title = pick(TITLES);
      return { nip, name: `${pick(FIRST)} ${pick(LAST)}${title ? `, ${title}` : ''}`, tmtYear };
    }
  };
  const golonganFor = (kind: PositionKind, status: 'PNS' | 'PPPK') => {
    if (status === 'PPPK') return pick(['V', 'VII', 'IX', 'X']);
    if (kind === 'JPT_PRATAMA') return pick(['IV/c', 'IV/d']);
    if (kind === 'ADMINISTRATOR') return pick(['IV/a', 'IV/b']);
    if (kind === 'PENGAWAS') return pick(['III/c', 'III/d']);
    return pick(['II/c', 'III/a', 'III/b', 'III/c']);
  };
  const performance = (): Performance => {
    const r = random();
    return r < 0.12 ? 'HIGH' : r < 0.88 ? 'NORMAL' : 'LOW';
  };

  const sekda = { ...person('PNS', 45), name: 'Drs. Hendra Gunawan, M.Si.' };
  const agencyCount = Math.max(2, Math.round(options.employees / 340));
  const perAgency = options.employees / agencyCount;
  const agencies: CityAgency[] = [];
  for (let a = 0; a < agencyCount; a++) {
    const t = TEMPLATES[a % TEMPLATES.length];
    const round = Math.floor(a / TEMPLATES.length);
    const agencyId = round === 0 ? t.code : `${t.code}-${round + 1}`;
    const name = round === 0 ? t.name : `${t.name} ${round + 1}`;
    const staffPerSection = Math.max(1, Math.round((perAgency - leadersOf(t)) / sectionsOf(t)));
    const units: CityUnit[] = [];
    const employees: CityEmployee[] = [];
    units.push({ unitId: agencyId, name, parentUnitId: null, servesCitizens: false });
    const add = (kind: PositionKind, jabatan: string, unitId: string, atasanNip: string, status: 'PNS' | 'PPPK' = 'PNS') => {
      const p = person(status, kind === 'PELAKSANA' || kind === 'FUNGSIONAL' ? 22 : 35);
      const e: CityEmployee = {
        nip: p.nip,
        name: p.name,
        status,
        golongan: golonganFor(kind, status),
        tmtGolongan: `${int(Math.max(p.tmtYear, 2018), 2023)}-${pick(['04', '10'])}-01`,
        jabatan,
        kind,
        unitId,
        atasanNip,
        tmtJabatan: `${Math.max(p.tmtYear + 1, int(2018, 2023))}-${pad(int(1, 12))}-01`,
        performance: kind === 'PELAKSANA' || kind === 'FUNGSIONAL' ? performance() : 'NORMAL',
      };
      employees.push(e);
      return e;
    };
    const staff = (unitId: string, atasanNip: string) => {
      for (let i = 0; i < staffPerSection; i++) {
        const fungsional = random() < 0.3;
        add(fungsional ? 'FUNGSIONAL' : 'PELAKSANA', fungsional ? pick(t.fungsional) : pick(t.pelaksana), unitId, atasanNip, random() < 0.15 ? 'PPPK' : 'PNS');
      }
    };
    const kepala = add('JPT_PRATAMA', t.head, agencyId, sekda.nip);
    units.push({ unitId: `${agencyId}.SEK`, name: 'Sekretariat', parentUnitId: agencyId, servesCitizens: false });
    const sekretaris = add('ADMINISTRATOR', 'Sekretaris', `${agencyId}.SEK`, kepala.nip);
    SUBBAG.forEach((sub, i) => {
      const unitId = `${agencyId}.SEK.${i + 1}`;
      units.push({ unitId, name: `Subbagian ${sub}`, parentUnitId: `${agencyId}.SEK`, servesCitizens: false });
      staff(unitId, add('PENGAWAS', `Kepala Subbagian ${sub}`, unitId, sekretaris.nip).nip);
    });
    t.bidang.forEach((b, i) => {
      const bidangId = `${agencyId}.B${i + 1}`;
      units.push({ unitId: bidangId, name: `Bidang ${b.name}`, parentUnitId: agencyId, servesCitizens: false });
      const kabid = add('ADMINISTRATOR', `Kepala Bidang ${b.name}`, bidangId, kepala.nip);
      b.seksi.forEach((s, j) => {
        const unitId = `${bidangId}.S${j + 1}`;
        const upt = /^(Puskesmas|Kelurahan)/.test(s);
        units.push({ unitId, name: upt ? s : `Seksi ${s}`, parentUnitId: bidangId, servesCitizens: true });
        staff(unitId, add('PENGAWAS', upt ? `Kepala ${s}` : `Kepala Seksi ${s}`, unitId, kabid.nip).nip);
      });
    });
    agencies.push({ agencyId, name, units, employees });
  }
  return {
    seed: options.seed,
    sekda: { nip: sekda.nip, name: sekda.name },
    kepalaDaerah: { officialId: 'walikota', name: 'H. Ahmad Fauzi, S.H., M.H.', office: 'Wali Kota' },
    agencies,
  };
}

const CSV_COLUMNS = ['NIP', 'NAMA', 'STATUS_ASN', 'GOLONGAN', 'TMT_GOLONGAN', 'JABATAN', 'JENIS_JABATAN', 'KODE_UNOR', 'NIP_ATASAN', 'TMT_JABATAN'] as const;

/** work-planning's import format (a SIASN-style export): one row per employee and definitive post. */
export function organisationCsv(agency: CityAgency): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const row = (e: CityEmployee) => [e.nip, e.name, e.status, e.golongan, e.tmtGolongan, e.jabatan, e.kind, e.unitId, e.atasanNip, e.tmtJabatan].map(quote).join(',');
  return [CSV_COLUMNS.join(','), ...agency.employees.map(row)].join('\r\n') + '\r\n';
}
