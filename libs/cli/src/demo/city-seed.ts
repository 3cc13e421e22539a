import { City, CityAgency, CityEmployee, organisationCsv } from './city';
import { inParallel } from '@kinerja/domain';
import { CityApi, Identity } from './http';

/**
 * The demo city's organisation and SKPs through the public HTTP APIs: the pieces the year's
 * scenario (scenario.ts) and the benches that need a city of approved plans (libs/cli/bench) share.
 */

export const CITY_ADMIN: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' };
export const LEADS = new Set(['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS']);
export const admin = (a: Pick<CityAgency, 'agencyId'>): Identity => ({ role: 'ADMIN_OPD', sub: `admin.${a.agencyId.toLowerCase()}`, agencyId: a.agencyId });
export const person = (e: CityEmployee, agencyId: string): Identity => ({ role: LEADS.has(e.kind) ? 'SUPERVISOR' : 'EMPLOYEE', sub: e.nip, agencyId });
export const skpId = (nip: string, year: number) => `${nip}-${year}-01-01`;

/** A role the city records for a person of the demo city (a grant, as BKPSDM records one), so it can be tried in the console. */
export interface DemoRoleHolder {
  role: 'ADMIN_OPD' | 'ADMIN_CITY' | 'AUDITOR';
  agencyId?: string;
  nip: string;
  name: string;
  reason: string;
}

/**
 * Who does the HR work of the demo city, signing in as themselves (the development sign-in page
 * offers what is granted): in each agency the Kepala Subbagian Umum dan Kepegawaian (ADMIN_OPD of
 * the agency); for the city BKPSDM's one, or the Sekda when the city is too small for a BKPSDM
 * (ADMIN_CITY); and the first agency's Kepala Subbagian Perencanaan dan Evaluasi as AUDITOR (a
 * demo city has no Inspektorat). The kepala daerah, the PPK, is an official without a NIP: a token.
 */
export function demoRoleHolders(city: City): DemoRoleHolder[] {
  const subbagianHead = (a: CityAgency, n: number) => a.employees.find((e) => e.kind === 'PENGAWAS' && e.unitId === `${a.agencyId}.SEK.${n}`);
  const holders: DemoRoleHolder[] = [];
  for (const a of city.agencies) {
    const head = subbagianHead(a, 1);
    if (head) holders.push({ role: 'ADMIN_OPD', agencyId: a.agencyId, nip: head.nip, name: head.name, reason: `Pengelola kepegawaian ${a.agencyId} (kota demo)` });
  }
  const bkpsdm = city.agencies.find((a) => a.agencyId.startsWith('BKPSDM'));
  const cityAdmin = (bkpsdm && subbagianHead(bkpsdm, 1)) ?? city.sekda;
  holders.push({ role: 'ADMIN_CITY', nip: cityAdmin.nip, name: cityAdmin.name, reason: 'Pengelola kinerja kota (kota demo)' });
  const auditor = city.agencies[0] && subbagianHead(city.agencies[0], 3);
  if (auditor) holders.push({ role: 'AUDITOR', nip: auditor.nip, name: auditor.name, reason: 'Pemeriksa kinerja (kota demo)' });
  return holders;
}

/** Records `demoRoleHolders(city)`'s grants (ADMIN_CITY records them, as in a city). */
export async function grantDemoRoles(api: CityApi, city: City): Promise<DemoRoleHolder[]> {
  const holders = demoRoleHolders(city);
  for (const h of holders)
    await api.post('work-planning', '/role-grants', CITY_ADMIN, { nip: h.nip, role: h.role, ...(h.agencyId ? { agencyId: h.agencyId } : {}), reason: h.reason });
  return holders;
}

/**
 * Moves every process's simulated clock to `instant` (ISO 8601): each replica keeps its own, so with
 * several behind a load balancer each one is set.
 */
export async function setCityClock(api: CityApi, instant: string): Promise<void> {
  for (const service of Object.keys(api.urls))
    for (const baseUrl of api.processesOf(service)) await api.put(service, '/simulation/clock', CITY_ADMIN, { now: instant }, baseUrl ? { baseUrl } : {});
}

/** Everyone of the city with their agency, and who signs in as whom (the Sekda in SETDA). */
export function cityMembers(city: City): {
  everyone: { e: CityEmployee; a: CityAgency }[];
  byNip: Map<string, { e: CityEmployee; a: CityAgency }>;
  sekda: Identity;
  who: (nip: string) => Identity;
} {
  const sekda: Identity = { role: 'SUPERVISOR', sub: city.sekda.nip, agencyId: 'SETDA' };
  const everyone = city.agencies.flatMap((a) => a.employees.map((e) => ({ e, a })));
  const byNip = new Map(everyone.map((m) => [m.e.nip, m]));
  const who = (nip: string): Identity => (nip === city.sekda.nip ? sekda : person(byNip.get(nip)!.e, byNip.get(nip)!.a.agencyId));
  return { everyone, byNip, sekda, who };
}

/**
 * The city leadership (the kepala daerah as PPK, the Sekda's post in SETDA), then per agency (`width`
 * at a time, at most 3 as the import is heavy) the agency, its units and the CSV import of every
 * employee as of `asOf`; each Kepala's NIP_ATASAN is the Sekda's, so the import puts the Kepala's post
 * under the Sekda's. `afterImport` runs for each agency once its people are imported.
 */
export async function registerCityOrganisation(
  api: CityApi,
  city: City,
  options: { width: number; asOf?: string; afterImport?: (a: CityAgency) => Promise<void> },
): Promise<void> {
  const setda = admin({ agencyId: 'SETDA' });
  const { officialId, name, office } = city.kepalaDaerah;
  await api.put('work-planning', `/officials/${officialId}`, CITY_ADMIN, { name, office });
  await api.post('work-planning', '/agencies', CITY_ADMIN, { code: 'SETDA', name: 'Sekretariat Daerah' }, { expect: [201, 409] });
  await api.post('work-planning', '/agencies/SETDA/units', setda, { unitId: 'SETDA', name: 'Sekretariat Daerah', parentUnitId: null });
  await api.post('work-planning', '/employees', CITY_ADMIN, { nip: city.sekda.nip, name: city.sekda.name, status: 'PNS', agencyId: 'SETDA' });
  // The Sekda reports to the kepala daerah as PPK (docs/regulations.md §4.5 [U]: data an operator can change).
  await api.post('work-planning', '/agencies/SETDA/positions', setda, {
    positionId: 'SEKDA', name: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unitId: 'SETDA', establishedOn: '2020-01-01', parentPositionId: null, parentOfficialId: officialId,
  });
  await api.post('work-planning', '/agencies/SETDA/assignments', setda, { nip: city.sekda.nip, positionId: 'SEKDA', type: 'DEFINITIVE', from: '2020-01-01' });
  await inParallel(city.agencies, Math.min(3, options.width), async (a) => {
    await api.post('work-planning', '/agencies', CITY_ADMIN, { code: a.agencyId, name: a.name });
    for (const u of a.units) await api.post('work-planning', `/agencies/${a.agencyId}/units`, admin(a), { unitId: u.unitId, name: u.name, parentUnitId: u.parentUnitId });
    await api.post('work-planning', `/agencies/${a.agencyId}/imports?asOf=${options.asOf ?? '2025-01-01'}`, admin(a), organisationCsv(a));
    await options.afterImport?.(a);
  });
}

/**
 * Every SKP of `year`, cascaded from the top: the Sekda's (approved by the kepala daerah), then per
 * level (Kepala OPD, Sekretaris and Kabid, Kasi and Kasubbag, staff) `width` at a time each
 * employee's draft with one RHK (`R1`, intervening on the atasan's `R1`; an indicator `I1` of 12 a
 * year, 6 a semester, plus `extraIndicators`), submitted and approved by the atasan.
 */
export async function planCityYear(
  api: CityApi,
  city: City,
  year: number,
  options: { width: number; extraIndicators?: (e: CityEmployee, year: number) => Record<string, unknown>[] },
): Promise<void> {
  const { everyone, sekda, who } = cityMembers(city);
  /** The kepala daerah signs in with their official id as the subject. */
  const kepalaDaerah: Identity = { role: 'PPK', sub: city.kepalaDaerah.officialId };
  const plan = async (e: CityEmployee, a: CityAgency) => {
    const me = who(e.nip);
    const id = skpId(e.nip, year);
    await api.post('work-planning', '/skps', me, { year });
    const link =
      e.kind === 'JPT_PRATAMA'
        ? { link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-${a.agencyId}-${year}`, sasaranId: 'SS-1' }, perspektif: 'PENERIMA_LAYANAN' }
        : { link: { kind: 'ATASAN_RHK', skpId: skpId(e.atasanNip, year), rhkId: 'R1' } };
    await api.post('work-planning', `/skps/${id}/rhk`, me, {
      rhkId: 'R1',
      jenis: 'UTAMA',
      text: `${e.jabatan}: layanan ${a.name} tepat waktu`,
      indicators: [
        {
          ikiId: 'I1',
          aspect: 'KUANTITAS',
          indicator: 'Jumlah layanan/keluaran yang diselesaikan',
          direction: 'HIGHER_IS_BETTER',
          target: { kind: 'QUANTITATIVE', value: 12, unit: 'laporan' },
          // the agencies evaluate by semester: a target per semester, as the SKP's periods are
          periodTargets: (['S1', 'S2'] as const).map((s) => ({ periodId: `${year}-${s}`, target: { kind: 'QUANTITATIVE', value: 6, unit: 'laporan' } })),
        },
        ...(options.extraIndicators?.(e, year) ?? []),
      ],
      ...link,
    });
    await api.post('work-planning', `/skps/${id}/submit`, me);
    await api.post('work-planning', `/skps/${id}/approve`, who(e.atasanNip));
  };
  // The top of the cascade: the Sekda's SKP (RHK from the Sekretariat Daerah's Perjanjian Kinerja), approved by the kepala daerah.
  const sekdaSkp = skpId(city.sekda.nip, year);
  await api.post('work-planning', '/skps', sekda, { year });
  await api.post('work-planning', `/skps/${sekdaSkp}/rhk`, sekda, {
    rhkId: 'R1',
    jenis: 'UTAMA',
    text: 'Terselenggaranya koordinasi perangkat daerah yang efektif',
    link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-SETDA-${year}`, sasaranId: 'SS-1' },
    perspektif: 'PROSES_BISNIS',
    indicators: [{ ikiId: 'I1', aspect: 'KUANTITAS', indicator: 'Jumlah rapat koordinasi yang ditindaklanjuti', target: { kind: 'QUANTITATIVE', value: 12, unit: 'rapat' } }],
  });
  await api.post('work-planning', `/skps/${sekdaSkp}/submit`, sekda);
  await api.post('work-planning', `/skps/${sekdaSkp}/approve`, kepalaDaerah);
  for (const level of [['JPT_PRATAMA'], ['ADMINISTRATOR'], ['PENGAWAS'], ['PELAKSANA', 'FUNGSIONAL']]) {
    // Administrators: the Sekretaris and Kabid both report to the Kepala, so one level.
    await inParallel(
      everyone.filter(({ e }) => level.includes(e.kind)),
      options.width,
      ({ e, a }) => plan(e, a),
    );
  }
}
