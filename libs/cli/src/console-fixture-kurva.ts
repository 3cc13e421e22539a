import { City } from './demo/city';
import { seedAgencyOrganisation } from './console-fixture-org';
import { CityApi, Identity } from './demo/http';

/**
 * The console's small city, second agency: for Monitoring Kurva and the dashboards (services/web/e2e/kurva.pw.ts).
 * Dinas Kependudukan dan Pencatatan Sipil: a Kepala Dinas; the Bidang Pelayanan Pendaftaran Penduduk
 * (a Kepala Bidang and four staff) rated for the year, its organisation predicate set to ISTIMEWA,
 * which its distribution does not fit; an agency admin (ADMIN_OPD) and a BKPSDM admin (ADMIN_CITY)
 * with recorded role grants; an SKM survey closed into an IKM, and a complaint. Apart from DINKES,
 * so that the other journeys' people and counts stay as they are.
 */
export const KURVA_CITY = {
  agency: { code: 'DISDUKCAPIL', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
  unit: { unitId: 'PDP', name: 'Bidang Pelayanan Pendaftaran Penduduk' },
  people: {
    kadis: { nip: '197203142000031004', name: 'Bambang Sutrisno', position: 'KADIS-DK', title: 'Kepala Dinas Kependudukan dan Pencatatan Sipil', kind: 'JPT_PRATAMA', unit: 'DISDUKCAPIL', parent: null },
    hr: { nip: '198507222010012005', name: 'Rina Kartika', position: 'ANALIS-SDM-DK', title: 'Analis SDM Aparatur', kind: 'FUNGSIONAL', unit: 'DISDUKCAPIL', parent: 'KADIS-DK' },
    bkpsdm: { nip: '198109092006041006', name: 'Yusuf Hidayat', position: 'PRANATA-SDM-DK', title: 'Pranata SDM Aparatur', kind: 'FUNGSIONAL', unit: 'DISDUKCAPIL', parent: 'KADIS-DK' },
    kabid: { nip: '197811112003121007', name: 'Wahyu Nugroho', position: 'KABID-PDP', title: 'Kepala Bidang Pelayanan Pendaftaran Penduduk', kind: 'ADMINISTRATOR', unit: 'PDP', parent: 'KADIS-DK' },
    staf1: { nip: '199101012015031011', name: 'Andi Saputra', position: 'PDP-1', title: 'Pengadministrasi Kependudukan', kind: 'PELAKSANA', unit: 'PDP', parent: 'KABID-PDP' },
    staf2: { nip: '199202022016032012', name: 'Fitri Handayani', position: 'PDP-2', title: 'Pengadministrasi Kependudukan', kind: 'PELAKSANA', unit: 'PDP', parent: 'KABID-PDP' },
    staf3: { nip: '199303032017031013', name: 'Rudi Hartono', position: 'PDP-3', title: 'Administrator Database Kependudukan', kind: 'FUNGSIONAL', unit: 'PDP', parent: 'KABID-PDP' },
    staf4: { nip: '199404042018032014', name: 'Maya Anggraini', position: 'PDP-4', title: 'Verifikator Data Kependudukan', kind: 'PELAKSANA', unit: 'PDP', parent: 'KABID-PDP' },
  },
} as const;

type Person = (typeof KURVA_CITY.people)[keyof typeof KURVA_CITY.people];

export async function seedKurvaCity(api: CityApi, year: number): Promise<void> {
  const { agency, unit, people } = KURVA_CITY;
  const city: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' };
  const admin: Identity = { role: 'ADMIN_OPD', sub: 'admin.disdukcapil', agencyId: agency.code };
  const as = (p: Person): Identity => ({ role: 'SUPERVISOR', sub: p.nip, agencyId: agency.code });
  await seedAgencyOrganisation(api, { city, admin }, {
    agency,
    units: [{ unitId: agency.code, name: agency.name }, { ...unit, parentUnitId: agency.code }],
    people: Object.values(people),
    golongan: 'III/b',
  });
  // HR of the agency and of the city sign in with these recorded grants.
  await api.post('work-planning', '/role-grants', city, { nip: people.hr.nip, role: 'ADMIN_OPD', agencyId: agency.code, reason: 'Pengelola kinerja Disdukcapil' });
  await api.post('work-planning', '/role-grants', city, { nip: people.bkpsdm.nip, role: 'ADMIN_CITY', reason: 'Pengelola kinerja BKPSDM' });
  // The Kepala Bidang has drafted the SKP of the year (nobody has one approved yet), for the completion chart.
  await api.post('work-planning', '/skps', as(people.kabid), { year });

  const deadline = `${year + 1}-01-31`;
  await api.post('evaluation', `/agencies/${agency.code}/evaluation-calendars`, admin, { year, cadence: 'SEMESTER', fillDeadlines: { S1: deadline, S2: deadline, ANNUAL: deadline } });
  await api.eventually(
    () => api.get('evaluation', `/organisation/agencies/${agency.code}/employees/${people.staf4.nip}/reporting-chain?date=${year}-06-30`, city),
    (chain) => chain.pejabatPenilaiId === people.kabid.nip && chain.atasanPejabatPenilaiId === people.kadis.nip,
    'the organisation of Disdukcapil in evaluation',
  );
  // The year: the Kepala Dinas sets the Bidang's organisation predicate (Istimewa); everyone is rated,
  // one Sangat Baik and four Baik, so "sebagian besar Sangat Baik" is not met.
  const annual = `${agency.code}:${year}:ANNUAL`;
  await api.put('evaluation', `/periods/${annual}/units/${unit.unitId}/organisation-predicate`, as(people.kadis), { predicate: 'ISTIMEWA', basis: 'Capaian Perjanjian Kinerja bidang melampaui target.' });
  const rate = (by: Person, p: Person, body: Record<string, string>) =>
    api.post('evaluation', `/periods/${annual}/employees/${p.nip}/evaluation`, as(by), { ...body, justification: 'Sesuai bukti kinerja tahun berjalan.' });
  await rate(people.kadis, people.kabid, { ratingPerilaku: 'SESUAI' });
  for (const p of [people.staf1, people.staf2, people.staf3, people.staf4]) {
    await rate(people.kabid, p, p === people.staf1 ? { ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS' } : { ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI' });
  }
  // Citizens: the Bidang serves the public; its SKM of the second semester is closed into an IKM, and a complaint arrives.
  await api.put('feedback-intake', `/directory/units/${unit.unitId}`, admin, { agencyId: agency.code, name: unit.name, services: 'KTP-el, Kartu Keluarga, pindah datang' });
  await api.post('feedback-intake', '/skm/periods', admin, { unitId: unit.unitId, periodId: `${year}-S2` });
  for (const [i, score] of [4, 3, 4, 3, 4].entries()) {
    const answers = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`U${k + 1}`, k === 2 ? 3 : score]));
    await api.post('feedback-intake', `/public/skm/${unit.unitId}/${year}-S2/responses`, null, { answers, channel: 'KIOSK' }, { forwardedFor: `10.20.31.${i + 1}` });
  }
  await api.post('feedback-intake', `/skm/periods/${unit.unitId}/${year}-S2/close`, admin);
  await api.post('feedback-intake', '/public/complaints', null, {
    unitId: unit.unitId, category: 'PELAYANAN', channel: 'WEB_FORM', description: 'Pencetakan KTP-el saya belum selesai setelah tiga minggu.',
  }, { forwardedFor: '10.20.31.9' });
}

/**
 * For the console bench in the demo city: a BKPSDM admin (ADMIN_CITY, a recorded grant to an
 * employee of the city) who opens the city dashboard and Monitoring Kurva of the largest agency.
 */
export async function grantCityAdmin(api: CityApi, city: City): Promise<{ cityAdmin: string; largestAgency: string }> {
  const largest = [...city.agencies].sort((a, b) => b.employees.length - a.employees.length)[0];
  const home = city.agencies.find((a) => a.agencyId.startsWith('BKPSDM')) ?? largest;
  const admin = home.employees.find((e) => e.kind === 'PELAKSANA' || e.kind === 'FUNGSIONAL') ?? home.employees[0];
  await api.post('work-planning', '/role-grants', { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' }, { nip: admin.nip, role: 'ADMIN_CITY', reason: 'Bench konsol' }, { expect: [200, 201, 409] });
  return { cityAdmin: admin.nip, largestAgency: largest.agencyId };
}
