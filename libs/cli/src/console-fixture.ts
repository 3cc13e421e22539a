import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCityKey } from '@kinerja/audit';
import { KeycloakAdmin, passwordGrantClient } from '@kinerja/identity';
import { LocalIssuer } from '@kinerja/platform';
import { ParsedArgs, stringOption, UsageError } from './args';
import { vacuumWithoutAutovacuum } from './database';
import { seedConsoleCareer } from './console-fixture-career';
import { dropDatabase, freshDatabase, positiveInt } from './demo';
import { City } from './demo/city';
import { CityApi, Identity } from './demo/http';
import { runCityScenario, SCENARIO_START } from './demo/scenario';
import { launchSystem } from './demo/system';
import { grantCityAdmin, seedKurvaCity } from './console-fixture-kurva';
import { seedLayananCity } from './console-fixture-layanan';

/** The small city the console's browser tests play in (one agency, a reporting line of five, and a colleague). */
export const CONSOLE_CITY = {
  agency: { code: 'DINKES', name: 'Dinas Kesehatan' },
  people: {
    sekda: { nip: '196805121990031002', name: 'Hendra Wijaya', position: 'SEKDA', title: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unit: 'DINKES', parent: null },
    kadis: { nip: '197001011995031001', name: 'Ratna Sari', position: 'KADIS', title: 'Kepala Dinas Kesehatan', kind: 'JPT_PRATAMA', unit: 'DINKES', parent: 'SEKDA' },
    kabid: { nip: '197505052000031002', name: 'Agus Prasetyo', position: 'KABID', title: 'Kepala Bidang P2P', kind: 'ADMINISTRATOR', unit: 'P2P', parent: 'KADIS' },
    kasi: { nip: '198003032005011003', name: 'Siti Rahmawati', position: 'KASI', title: 'Kepala Seksi Surveilans', kind: 'PENGAWAS', unit: 'P2P', parent: 'KABID' },
    pegawai: { nip: '199003152015031002', name: 'Budi Santoso', position: 'EPID', title: 'Epidemiolog Ahli Pertama', kind: 'FUNGSIONAL', unit: 'P2P', parent: 'KASI' },
    rekan: { nip: '199204102018012001', name: 'Dewi Lestari', position: 'ANALIS', title: 'Analis Data Kesehatan', kind: 'PELAKSANA', unit: 'P2P', parent: 'KASI' },
  },
  /** An inspector of the Inspektorat Daerah holding the AUDITOR grant (the audit pages). */
  auditor: { agency: { code: 'INSPEKTORAT', name: 'Inspektorat Daerah' }, nip: '198507072010012004', name: 'Rina Kusuma' },
} as const;

type Person = (typeof CONSOLE_CITY.people)[keyof typeof CONSOLE_CITY.people];
const skpIdOf = (nip: string, year: number) => `${nip}-${year}-01-01`;

/** The organisation, and approved SKPs from the Kepala Dinas down to the Kepala Seksi, so that the pegawai can intervene an approved RHK. */
export async function seedConsoleCity(api: CityApi, year: number): Promise<void> {
  const { agency, people } = CONSOLE_CITY;
  const city: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' };
  const admin: Identity = { role: 'ADMIN_OPD', sub: 'admin.dinkes', agencyId: agency.code };
  const as = (p: Person): Identity => ({ role: p.kind === 'FUNGSIONAL' || p.kind === 'PELAKSANA' ? 'EMPLOYEE' : 'SUPERVISOR', sub: p.nip, agencyId: agency.code });
  await api.post('work-planning', '/agencies', city, agency);
  for (const p of Object.values(people)) await api.post('work-planning', '/employees', city, { nip: p.nip, name: p.name, status: 'PNS', agencyId: agency.code, golongan: 'III/a' });
  await api.post('work-planning', `/agencies/${agency.code}/units`, admin, { unitId: 'DINKES', name: agency.name });
  await api.post('work-planning', `/agencies/${agency.code}/units`, admin, { unitId: 'P2P', name: 'Bidang Pencegahan dan Pengendalian Penyakit', parentUnitId: 'DINKES' });
  for (const p of Object.values(people)) {
    await api.post('work-planning', `/agencies/${agency.code}/positions`, admin, {
      positionId: p.position, name: p.title, kind: p.kind, unitId: p.unit, parentPositionId: p.parent, establishedOn: '2020-01-01',
    });
    await api.post('work-planning', `/agencies/${agency.code}/assignments`, admin, { nip: p.nip, positionId: p.position, type: 'DEFINITIVE', from: '2021-01-01' });
  }
  await seedHrConsole(api, city);
  const plan = async (p: Person, rhkId: string, text: string, link: unknown, approver: Person, perspektif?: string) => {
    const id = skpIdOf(p.nip, year);
    await api.post('work-planning', '/skps', as(p), { year });
    await api.post('work-planning', `/skps/${id}/rhk`, as(p), {
      rhkId, jenis: 'UTAMA', text, link, ...(perspektif ? { perspektif } : {}),
      indicators: [{ ikiId: `${rhkId}-1`, aspect: 'KUANTITAS', indicator: 'Persentase laporan surveilans tepat waktu', target: { kind: 'QUANTITATIVE', value: 100, unit: 'persen' } }],
    });
    await api.post('work-planning', `/skps/${id}/submit`, as(p));
    await api.post('work-planning', `/skps/${id}/approve`, as(approver));
  };
  await plan(people.kadis, 'K1', 'Meningkatnya derajat kesehatan masyarakat', { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-DINKES-${year}`, sasaranId: 'SS-1' }, people.sekda, 'PENERIMA_LAYANAN');
  await plan(people.kabid, 'B1', 'Terkendalinya penyakit menular', { kind: 'ATASAN_RHK', skpId: skpIdOf(people.kadis.nip, year), rhkId: 'K1' }, people.kadis);
  await plan(people.kasi, 'S1', 'Tersedianya data surveilans penyakit yang tepat waktu', { kind: 'ATASAN_RHK', skpId: skpIdOf(people.kabid.nip, year), rhkId: 'B1' }, people.kabid);
  // Semester periods whose batas pengisian is still ahead, so that every journey can rate.
  const deadline = `${year + 1}-01-31`;
  await api.post('evaluation', `/agencies/${agency.code}/evaluation-calendars`, admin, { year, cadence: 'SEMESTER', fillDeadlines: { S1: deadline, S2: deadline, ANNUAL: deadline } });
  // evaluation learns the organisation from work-planning's events.
  await api.eventually(
    () => api.get('evaluation', `/organisation/agencies/${agency.code}/employees/${people.pegawai.nip}/reporting-chain?date=${year}-06-30`, city),
    (chain) => chain.pejabatPenilaiId === people.kasi.nip && chain.atasanPejabatPenilaiId === people.kabid.nip,
    'the organisation in evaluation',
  );
  // For the pegawai's Karier and Umpan balik pages: a training, and feedback from the pejabat penilai
  // (feedback-intake learns who rates whom from work-planning's events: retried until it has).
  await api.post('career-decisions', `/agencies/${agency.code}/employees/${people.pegawai.nip}/trainings`, admin, {
    trainingId: 'PLT-SURV-1', title: 'Pelatihan analisis data surveilans', date: `${year}-03-10`, length: { unit: 'JP', value: 8 },
  });
  await api.eventually(
    async () => {
      await api.post('feedback-intake', '/continuous-feedback', as(people.kasi), {
        employeeId: people.pegawai.nip, periodId: String(year), topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' },
        content: 'Aktif berbagi data surveilans dengan puskesmas; pertahankan.',
      }, { expect: [201, 403, 404, 409] });
      return api.get<unknown[]>('feedback-intake', `/employees/${people.pegawai.nip}/feedback-timeline`, city);
    },
    (items) => items.length > 0,
    'continuous feedback in feedback-intake',
  );
  // A citizen finds the unit in the public directory and rates the pegawai by name (feedback-intake
  // learns where the pegawai serves from work-planning's events: retried until it has).
  await api.put('feedback-intake', '/directory/units/P2P', admin, { agencyId: agency.code, name: 'Bidang Pencegahan dan Pengendalian Penyakit', services: 'Imunisasi, surveilans penyakit, pengendalian wabah' });
  await api.eventually(
    async () => {
      await api.post('feedback-intake', '/public/feedback', null, {
        unitId: 'P2P', rating: 4, comment: 'Penjelasan tentang jadwal imunisasi sangat jelas.', channel: 'WEB_FORM', employeeId: people.pegawai.nip,
      }, { expect: [200, 201, 400], forwardedFor: '10.20.30.40' });
      return api.get<{ summary: { count: number } }>('feedback-intake', `/employees/${people.pegawai.nip}/citizen-feedback`, city);
    },
    (r) => r.summary.count > 0,
    "a citizen's rating in feedback-intake",
  );
  await seedConsoleCareer(api, agency.code, people, year);
  // The auditor: an employee of the Inspektorat with the AUDITOR role granted by the city (an event of work-planning).
  const { auditor } = CONSOLE_CITY;
  await api.post('work-planning', '/agencies', city, auditor.agency);
  await api.post('work-planning', '/employees', city, { nip: auditor.nip, name: auditor.name, status: 'PNS', agencyId: auditor.agency.code, golongan: 'III/c' });
  await api.post('work-planning', '/role-grants', city, { nip: auditor.nip, role: 'AUDITOR', reason: 'Pemeriksa Inspektorat Daerah' });
}

/**
 * For the HR pages (services/web/e2e/organisasi.pw.ts): the kepala daerah above the Sekda, the
 * Sekda as the city's HR administrator (ADMIN_CITY), and BKPSDM registered with its units but no
 * people yet, to be imported from a file.
 */
async function seedHrConsole(api: CityApi, city: Identity): Promise<void> {
  const { agency, people, hr } = { ...CONSOLE_CITY, hr: CONSOLE_HR };
  await api.put('work-planning', `/officials/${hr.official.id}`, city, { name: hr.official.name, office: hr.official.office });
  await api.post('work-planning', `/agencies/${agency.code}/positions/${people.sekda.position}/reporting-line`, city, {
    parentPositionId: null, parentOfficialId: hr.official.id, effectiveFrom: '2021-01-01',
  });
  await api.post('work-planning', '/role-grants', city, { nip: people.sekda.nip, role: 'ADMIN_CITY', reason: 'Pengelola kepegawaian kota' });
  await api.post('work-planning', '/agencies', city, hr.agency);
  for (const unit of hr.units) await api.post('work-planning', `/agencies/${hr.agency.code}/units`, city, unit);
}

export const CONSOLE_HR = {
  official: { id: 'walikota', name: 'H. Ahmad Fauzi, S.H.', office: 'Wali Kota' },
  agency: { code: 'BKPSDM', name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia' },
  units: [
    { unitId: 'BKPSDM', name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', parentUnitId: null },
    { unitId: 'MUTASI', name: 'Bidang Mutasi dan Promosi', parentUnitId: 'BKPSDM' },
  ],
} as const;

/** What `console-fixture --keep FILE` writes for `--reuse FILE`: the played city's database, its people and its clock. */
interface KeptCity {
  database: string;
  demoCity: { employees: number; seed: number };
  people: DemoCityPeople & Partial<{ cityAdmin: string; largestAgency: string }>;
  clock: string;
}

/** Who the console bench signs in as in the demo city: a Kepala Seksi with staff, and one of them. */
export interface DemoCityPeople {
  agencyId: string;
  supervisor: string;
  pegawai: string;
}

export function demoCityPeople(city: City): DemoCityPeople {
  for (const a of city.agencies) {
    for (const head of a.employees.filter((e) => e.kind === 'PENGAWAS')) {
      const staff = a.employees.find((e) => e.atasanNip === head.nip && (e.kind === 'PELAKSANA' || e.kind === 'FUNGSIONAL'));
      if (staff) return { agencyId: a.agencyId, supervisor: head.nip, pegawai: staff.nip };
    }
  }
  throw new Error('the demo city has no Kepala Seksi with staff');
}

/** The city administrator of the Keycloak fixture (ROLE_GRANT_BOOTSTRAP_NIPS) and the provisioned accounts' first password. */
export const KEYCLOAK_FIXTURE = { adminNip: '196501011990031001', adminPassword: 'Admin-Kinerja-2026', initialPassword: 'Sementara-2026' } as const;

/**
 * The services, the web service and the accounts in OIDC mode against a Keycloak with the kinerja
 * realm (deploy/local/keycloak.sh): the services verify Keycloak's tokens, the first city
 * administrator comes from ROLE_GRANT_BOOTSTRAP_NIPS, the web service provisions the employees'
 * accounts (with a temporary first password) from the organisation it is then given.
 */
function keycloakEnv(keycloakUrl: string): NodeJS.ProcessEnv {
  const issuer = `${keycloakUrl}/realms/kinerja`;
  return {
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_JWKS_URL: `${issuer}/protocol/openid-connect/certs`,
    OIDC_AUDIENCE: process.env.KINERJA_API_AUDIENCE ?? 'kinerja-api',
    OIDC_CLIENT_ID: 'kinerja-web',
    OIDC_CLIENT_SECRET: process.env.KINERJA_WEB_CLIENT_SECRET ?? 'kinerja-web-dev-secret',
    KEYCLOAK_ADMIN_URL: keycloakUrl,
    KEYCLOAK_PROVISIONER_SECRET: process.env.KINERJA_PROVISIONER_SECRET ?? 'kinerja-provisioner-dev-secret',
    KEYCLOAK_INITIAL_PASSWORD: KEYCLOAK_FIXTURE.initialPassword,
    ROLE_GRANT_BOOTSTRAP_NIPS: KEYCLOAK_FIXTURE.adminNip,
    // The official documents' own read-only identity (the realm's kinerja-documents client).
    OIDC_READ_ONLY_CLIENTS: 'kinerja-documents',
    OIDC_DOCUMENTS_CLIENT_ID: 'kinerja-documents',
    OIDC_DOCUMENTS_CLIENT_SECRET: process.env.KINERJA_DOCUMENTS_SECRET ?? 'kinerja-documents-dev-secret',
  };
}

/** The console's redirect and sign-out addresses on this run's port, beside the realm's own. */
async function allowConsoleAt(admin: KeycloakAdmin, webUrl: string): Promise<void> {
  const [client] = (await admin.request<Array<{ id: string; redirectUris?: string[]; attributes?: Record<string, string> }>>('GET', '/clients?clientId=kinerja-web')).body;
  if (!client) throw new Error('the kinerja realm has no kinerja-web client: was deploy/keycloak/kinerja-realm.json imported?');
  const logout = [client.attributes?.['post.logout.redirect.uris'], `${webUrl}/*`].filter(Boolean).join('##');
  await admin.request('PUT', `/clients/${client.id}`, {
    redirectUris: [...new Set([...(client.redirectUris ?? []), `${webUrl}/auth/callback`])],
    attributes: { ...client.attributes, 'post.logout.redirect.uris': logout },
  });
}

/** The agency, its units and its people in their positions, registered by the bootstrap city administrator with a Keycloak token. */
async function seedThroughKeycloak(keycloakUrl: string, admin: KeycloakAdmin, workPlanningUrl: string): Promise<void> {
  const { adminNip, adminPassword } = KEYCLOAK_FIXTURE;
  const id = await admin.upsertUser({ username: adminNip, firstName: 'Admin BKPSDM', enabled: true });
  await admin.setPassword(id, adminPassword, false);
  const client = await passwordGrantClient(keycloakUrl, admin);
  try {
    const token = await client.token(adminNip, adminPassword);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${workPlanningUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-kinerja-role': 'ADMIN_CITY', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201 && res.status !== 202) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    };
    const { agency, people } = CONSOLE_CITY;
    // Accounts left by an earlier run go, so that provisioning creates them afresh.
    for (const p of Object.values(people)) {
      const old = await admin.findUser(p.nip);
      if (old) await admin.request('DELETE', `/users/${old.id}`);
    }
    await post('/agencies', agency);
    for (const p of Object.values(people)) await post('/employees', { nip: p.nip, name: p.name, status: 'PNS', agencyId: agency.code, golongan: 'III/a' });
    // Placed in the organisation as in the small city, so that a pegawai has a pejabat penilai.
    await post(`/agencies/${agency.code}/units`, { unitId: 'DINKES', name: agency.name });
    await post(`/agencies/${agency.code}/units`, { unitId: 'P2P', name: 'Bidang Pencegahan dan Pengendalian Penyakit', parentUnitId: 'DINKES' });
    for (const p of Object.values(people)) {
      await post(`/agencies/${agency.code}/positions`, { positionId: p.position, name: p.title, kind: p.kind, unitId: p.unit, parentPositionId: p.parent, establishedOn: '2020-01-01' });
      await post(`/agencies/${agency.code}/assignments`, { nip: p.nip, positionId: p.position, type: 'DEFINITIVE', from: '2021-01-01' });
    }
  } finally {
    await client.remove();
  }
}

/**
 * `kinerja console-fixture [--employees N [--seed S]] [--keycloak URL]`: the four services and the
 * web service on a fresh database with the console's small city, for the browser tests; with
 * --employees, the demo city of that size and its whole year instead (`kinerja demo`'s scenario,
 * simulated clock), for the console bench; with --keycloak, sign-in goes through that Keycloak
 * (keycloakEnv). Prints one JSON line `{ "webUrl", "urls", "database", "people"? }` once ready,
 * runs until SIGTERM/SIGINT, then stops everything and drops the database.
 * `--keep FILE` (with --employees) keeps the database at the end and writes to FILE what a later
 * run needs: `--reuse FILE` starts the services on that database at the clock where the year ended,
 * without playing it again (the demo city of 20,000 takes over an hour to play), and keeps it too.
 */
export async function consoleFixtureCommand(args: ParsedArgs): Promise<number> {
  const reuseFile = stringOption(args, 'reuse');
  const keepFile = stringOption(args, 'keep') ?? reuseFile;
  const kept = reuseFile ? (JSON.parse(await readFile(reuseFile, 'utf8')) as KeptCity) : undefined;
  const demoCity = kept ? kept.demoCity : args.options.has('employees') ? { employees: positiveInt(args, 'employees', 2000), seed: positiveInt(args, 'seed', 1) } : null;
  if (keepFile && !demoCity) throw new UsageError('--keep and --reuse are for the demo city (--employees N)');
  const log = (line: string) => process.stderr.write(`[console-fixture] ${line}\n`);
  const keycloak = args.options.get('keycloak');
  const keycloakUrl = typeof keycloak === 'string' ? keycloak.replace(/\/$/, '') : undefined;
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('console-fixture needs DATABASE_URL (a PostgreSQL server)');
  const name = kept?.database ?? `kw_console_${keycloakUrl ? 'kc_' : ''}${process.pid}`;
  const databaseUrl = kept ? Object.assign(new URL(server), { pathname: `/${name}` }).toString() : await freshDatabase(server, name);
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-console-keys-'));
  const issuer = await LocalIssuer.open(keyDir);
  // The city's key of this run: it signs the audit digests and anchors (the auditor's pages show them) and the answers of the documents' verification page.
  const auditKeyFile = join(keyDir, 'audit', 'city.pem');
  loadCityKey(auditKeyFile, true);
  const system = await launchSystem({
    databaseUrl,
    auditKeyFile,
    transport: 'pg-log',
    keyDir,
    clockStart: kept?.clock ?? (demoCity ? SCENARIO_START : new Date().toISOString()),
    web: true,
    // Small pools: the PostgreSQL server is shared with other test runs (100 connections).
    env: {
      AUDIT_ANCHOR_DIR: join(keyDir, 'anchors'),
      // The small city anchors every few seconds while it changes, so that a journey has earlier digests to prove.
      ...(demoCity ? {} : { CLOCK_MODE: 'system', DB_POOL_SIZE: '2', AUDIT_ANCHOR_INTERVAL_SECONDS: '3', ...(keycloakUrl ? keycloakEnv(keycloakUrl) : {}) }),
      // The citizens' submissions need a proof of work, solved by the pages' script in a browser
      // with JavaScript; every citizen of the browser tests comes from 127.0.0.1, so the allowance
      // for those without JavaScript is large here (feedback-intake's tests check the small one).
      ...(demoCity ? {} : { PUBLIC_PROOF_OF_WORK: 'required', PUBLIC_WITHOUT_PROOF_PER_ADDRESS: '100000', PUBLIC_WITHOUT_PROOF_TOTAL: '100000' }),
    },
    output: (service, line) => {
      if (/"level":(50|60|"error"|"fatal")|\[supervisor\]/.test(line)) process.stderr.write(`${service} | ${line}\n`);
    },
  });
  const stop = async () => {
    await system.stop();
    if (!keepFile) await dropDatabase(server, name);
    await rm(keyDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  const api = new CityApi(system.urls, issuer);
  let people: (DemoCityPeople & Partial<{ cityAdmin: string; largestAgency: string }>) | undefined;
  if (keycloakUrl) {
    const admin = new KeycloakAdmin({
      url: keycloakUrl,
      realm: 'kinerja',
      credentials: { kind: 'admin', username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin', password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin' },
    });
    await allowConsoleAt(admin, system.webUrl!);
    await seedThroughKeycloak(keycloakUrl, admin, system.urls['work-planning']);
    // Ready once the web service has provisioned every account.
    for (const p of Object.values(CONSOLE_CITY.people)) {
      while (!(await admin.findUser(p.nip))) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } else if (kept) {
    people = kept.people;
  } else if (demoCity) {
    const outcome = await runCityScenario(api, { ...demoCity, log });
    people = { ...demoCityPeople(outcome.city), ...(await grantCityAdmin(api, outcome.city)) };
    if (keepFile) {
      const { now } = await api.get<{ now: string }>('work-planning', '/simulation/clock', { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' });
      const record: KeptCity = { database: name, demoCity, people, clock: now };
      await writeFile(keepFile, JSON.stringify(record, null, 2) + '\n');
    }
  } else {
    await seedConsoleCity(api, new Date().getFullYear());
    await seedKurvaCity(api, new Date().getFullYear());
    await seedLayananCity(api, new Date().getFullYear());
  }
  if (demoCity) await vacuumWithoutAutovacuum(databaseUrl, log);
  process.stdout.write(JSON.stringify({ webUrl: system.webUrl, urls: system.urls, database: name, auditKeyFile, ...(people ? { people } : {}) }) + '\n');
  return new Promise<number>(() => undefined);
}
