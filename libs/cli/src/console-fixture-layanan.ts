import { seedAgencyOrganisation } from './console-fixture-org';
import { CityApi, Identity } from './demo/http';

/**
 * The console's small city, third agency: for the service figures (issue 19, services/web/e2e/layanan-petugas.pw.ts).
 * Dinas Penanaman Modal dan PTSP: its Kepala Dinas (reporting to the kepala daerah), the Bidang
 * Pelayanan Perizinan (a Kepala Bidang and two officers at the counter) and an agency admin. The
 * agency publishes the standard time of "Penerbitan izin usaha" (3 working days) and its licensing
 * system reports the applications the officers completed this year; the first officer's IKI
 * "% permohonan izin usaha selesai dalam standar waktu" is bound to that standard, so that its
 * realisation is computed. Apart from the other agencies, so that their journeys' counts stay as they are.
 */
export const LAYANAN_CITY = {
  agency: { code: 'DPMPTSP', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu' },
  unit: { unitId: 'PERIZINAN', name: 'Bidang Pelayanan Perizinan' },
  service: { code: 'IZIN-USAHA', name: 'Penerbitan izin usaha' },
  people: {
    kadis: { nip: '197406182001121008', name: 'Hadi Purnomo', position: 'KADIS-PTSP', title: 'Kepala Dinas Penanaman Modal dan PTSP', kind: 'JPT_PRATAMA', unit: 'DPMPTSP', parent: null },
    admin: { nip: '198802142012012009', name: 'Lina Marlina', position: 'ANALIS-PTSP', title: 'Analis Kinerja', kind: 'FUNGSIONAL', unit: 'DPMPTSP', parent: 'KADIS-PTSP' },
    kabid: { nip: '197909262005011010', name: 'Slamet Riyadi', position: 'KABID-IZIN', title: 'Kepala Bidang Pelayanan Perizinan', kind: 'ADMINISTRATOR', unit: 'PERIZINAN', parent: 'KADIS-PTSP' },
    petugas: { nip: '199505052019031015', name: 'Rahmat Hidayat', position: 'IZIN-1', title: 'Verifikator Berkas Perizinan', kind: 'PELAKSANA', unit: 'PERIZINAN', parent: 'KABID-IZIN' },
    rekan: { nip: '199607072020122016', name: 'Citra Nasution', position: 'IZIN-2', title: 'Pengadministrasi Perizinan', kind: 'PELAKSANA', unit: 'PERIZINAN', parent: 'KABID-IZIN' },
  },
  /** What the journey expects for the first semester: the officer's and the unit's records. */
  expected: { petugas: { count: 10, within: 8 }, rekan: { count: 6, within: 3 } },
} as const;

type Person = (typeof LAYANAN_CITY.people)[keyof typeof LAYANAN_CITY.people];

/**
 * Applications of `year` received in the morning: the first `within` completed the same afternoon,
 * the others two weeks later (past the three working days, whatever the holidays). Semester 1 in March–May, semester 2 in July–September.
 */
function applications(officer: Person, prefix: string, year: number, s1: { count: number; within: number }, s2: { count: number; within: number }) {
  const out: Record<string, string>[] = [];
  const add = (semester: number, count: number, within: number) => {
    for (let n = 0; n < count; n++) {
      const month = (semester === 1 ? 3 : 7) + (n % 3);
      const day = 9 + ((n * 3) % 12);
      const received = new Date(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+07:00`);
      const late = n >= within;
      const completed = new Date(received.getTime() + (late ? 14 * 24 * 60 : 4 * 60) * 60_000);
      out.push({
        sourceId: `${prefix}-${year}-S${semester}-${n + 1}`,
        serviceCode: LAYANAN_CITY.service.code,
        unitId: LAYANAN_CITY.unit.unitId,
        officerNip: officer.nip,
        receivedAt: received.toISOString(),
        completedAt: completed.toISOString(),
        channel: n % 2 === 0 ? 'LOKET' : 'ONLINE',
      });
    }
  };
  add(1, s1.count, s1.within);
  add(2, s2.count, s2.within);
  return out;
}

export async function seedLayananCity(api: CityApi, year: number): Promise<void> {
  const { agency, unit, service, people, expected } = LAYANAN_CITY;
  const city: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' };
  const admin: Identity = { role: 'ADMIN_OPD', sub: 'admin.dpmptsp', agencyId: agency.code };
  const as = (p: Person): Identity => ({ role: p.kind === 'PELAKSANA' || p.kind === 'FUNGSIONAL' ? 'EMPLOYEE' : 'SUPERVISOR', sub: p.nip, agencyId: agency.code });
  const kepalaDaerah: Identity = { role: 'PPK', sub: 'walikota' };
  // The Kepala Dinas reports to the kepala daerah (the official of the console's small city).
  await seedAgencyOrganisation(api, { city, admin }, {
    agency,
    units: [{ unitId: agency.code, name: agency.name }, { ...unit, parentUnitId: agency.code }],
    people: Object.values(people),
    golongan: 'III/b',
    topOfficial: 'walikota',
  });
  await api.post('work-planning', '/role-grants', city, { nip: people.admin.nip, role: 'ADMIN_OPD', agencyId: agency.code, reason: 'Pengelola kinerja DPMPTSP' });

  // The plans down to the officer, whose IKI is computed from the service records.
  const skpId = (p: Person) => `${p.nip}-${year}-01-01`;
  const plan = async (p: Person, approver: Identity, rhk: Record<string, unknown>) => {
    await api.post('work-planning', '/skps', as(p), { year });
    await api.post('work-planning', `/skps/${skpId(p)}/rhk`, as(p), rhk);
    await api.post('work-planning', `/skps/${skpId(p)}/submit`, as(p));
    await api.post('work-planning', `/skps/${skpId(p)}/approve`, approver);
  };
  const count = (indicator: string) => [{ ikiId: 'I1', aspect: 'KUANTITAS', indicator, target: { kind: 'QUANTITATIVE', value: 100, unit: 'persen' } }];
  await plan(people.kadis, kepalaDaerah, {
    rhkId: 'K1', jenis: 'UTAMA', text: 'Meningkatnya kemudahan berusaha', perspektif: 'PENERIMA_LAYANAN',
    link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-DPMPTSP-${year}`, sasaranId: 'SS-1' },
    indicators: count('Persentase perizinan terbit tepat waktu'),
  });
  await plan(people.kabid, as(people.kadis), {
    rhkId: 'B1', jenis: 'UTAMA', text: 'Terlayaninya perizinan berusaha sesuai standar pelayanan',
    link: { kind: 'ATASAN_RHK', skpId: skpId(people.kadis), rhkId: 'K1' },
    indicators: count('Persentase izin usaha terbit sesuai standar waktu'),
  });
  const target = { kind: 'QUANTITATIVE', value: 90, unit: '%' };
  await plan(people.petugas, as(people.kabid), {
    rhkId: 'P', jenis: 'UTAMA', text: 'Terverifikasinya berkas permohonan izin usaha tepat waktu',
    link: { kind: 'ATASAN_RHK', skpId: skpId(people.kabid), rhkId: 'B1' },
    indicators: [
      {
        ikiId: 'P1', aspect: 'KUALITAS', indicator: 'Persentase permohonan izin usaha selesai dalam standar waktu', target,
        periodTargets: [`${year}-S1`, `${year}-S2`].map((periodId) => ({ periodId, target })),
        source: { kind: 'SERVICE_STANDARD', serviceCode: service.code, measure: 'PERCENT_WITHIN_STANDARD' },
      },
    ],
  });

  // The standard and the licensing system's records (feedback-intake learns the officers from work-planning's events).
  await api.put('feedback-intake', `/directory/units/${unit.unitId}`, admin, { agencyId: agency.code, name: unit.name, services: 'Izin usaha, izin bangunan, pengaduan perizinan' });
  await api.put('feedback-intake', `/agencies/${agency.code}/service-standards/${service.code}`, admin, { name: service.name, amount: 3, unit: 'WORKING_DAYS', effectiveFrom: `${year}-01-01` });
  const records = [
    ...applications(people.petugas, 'OSS', year, expected.petugas, { count: 4, within: 4 }),
    ...applications(people.rekan, 'OSS-B', year, expected.rekan, { count: 2, within: 2 }),
  ];
  await api.eventually(
    () => api.post('feedback-intake', `/agencies/${agency.code}/service-records`, admin, { records }, { expect: [200, 201, 400] }),
    (r: { problems: unknown[] }) => r.problems.length === 0,
    'feedback-intake to know the officers of DPMPTSP',
  );
  const percent = Math.round((expected.petugas.within / expected.petugas.count) * 1000) / 10;
  await api.eventually(
    () => api.get('work-planning', `/skps/${skpId(people.petugas)}/realisations?periodId=${year}-S1`, as(people.petugas)),
    (r: { realisations: { ikiId: string; value: number | null }[] }) => r.realisations.some((x) => x.ikiId === 'P1' && x.value === percent),
    "the officer's computed realisation",
  );
}
