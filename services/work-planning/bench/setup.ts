/**
 * Setup shared by the work-planning benches (work-planning.bench.ts, http.bench.ts): the whole
 * service in this process as main.ts wires it (PostgreSQL event store, read models, projection
 * runner, relay to the PostgreSQL log) on a fresh database of the DATABASE_URL server, an
 * organisation of N employees imported by CSV, and a cascade of approved SKPs with submitted staff
 * SKPs under it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createLogger, createServiceApp, LocalIssuer, Role } from '@kinerja/platform';
import { inParallel } from '@kinerja/domain';
import { ProjectionRunner } from '@kinerja/projections';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@kinerja/testing';
import { AppModule } from '../src/app.module';
import { loadWorkPlanningConfig } from '../src/config';
import { generateAgency, DemoAgency } from '../test/support/demo-agency';

export const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * Requests to the service at `base` with a bearer token: a string body is sent as CSV, another as
 * JSON; the answer (JSON or text), or an error when its status is not one of `expected`.
 */
export function callerOf(base: string): BenchService['call'] {
  return async (method, path, auth, body, expected = [200, 201]) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body === undefined ? {} : typeof body === 'string' ? { 'content-type': 'text/csv' } : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
    return json as any;
  };
}

export interface BenchService {
  app: INestApplication;
  /** http://127.0.0.1:port of the service. */
  base: string;
  /** The database of this run (dropped by close). */
  databaseUrl: string;
  /** The directory of the local issuer's key (AUTH_MODE=local). */
  keyDir: string;
  issuer: LocalIssuer;
  token(role: Role, sub: string, agencyId?: string): Promise<string>;
  call(method: string, path: string, auth: string, body?: unknown, expected?: number[]): Promise<any>;
  /** Until every projection has caught up. */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

/** The service on a fresh database `<name>`, listening on 127.0.0.1, bearer tokens from a local issuer. */
export async function startBenchService(name: string, options: { env?: Record<string, string> } = {}): Promise<BenchService> {
  const db = await createTestDatabase(name);
  const keyDir = await mkdtemp(join(tmpdir(), `${name}-`));
  const config = loadWorkPlanningConfig({
    ...process.env,
    PORT: '0',
    DATABASE_URL: db.url,
    AUTH_MODE: 'local',
    AUTH_LOCAL_KEY_DIR: keyDir,
    LOG_LEVEL: 'warn',
    TRANSPORT: 'pg-log',
    ...options.env,
  });
  const app = await createServiceApp({ module: AppModule.forRoot(config), config, logger: createLogger({ service: 'work-planning', level: 'warn' }) });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const issuer = await LocalIssuer.open(keyDir);
  const tokens = new Map<string, string>();
  const token = async (role: Role, sub: string, agencyId?: string) => {
    const k = `${role}/${sub}/${agencyId ?? ''}`;
    if (!tokens.has(k)) tokens.set(k, await issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) }));
    return tokens.get(k)!;
  };
  const call = callerOf(base);
  const runner = app.get(ProjectionRunner);
  const caughtUp = async () => {
    for (;;) {
      const lag = await runner.lag();
      if (lag.every((l) => l.events === 0)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const close = async () => {
    await app.close();
    await db.drop();
    await rm(keyDir, { recursive: true, force: true });
  };
  return { app, base, databaseUrl: db.url, keyDir, issuer, token, call, caughtUp, close };
}

export interface LoadedOrganisation {
  agencies: DemoAgency[];
  employees: DemoAgency['rows'];
  events: number;
  ms: number;
}

/**
 * Agencies of ~350 employees (the demo-agency generator, a different seed each) imported from CSV
 * through POST /agencies/:id/imports until `employees` are loaded; waits for the read models.
 */
export async function loadOrganisation(service: BenchService, employees: number, log: (m: string) => void): Promise<LoadedOrganisation> {
  const { call, token } = service;
  const city = await token('ADMIN_CITY', 'bkpsdm.bench');
  const agencies: DemoAgency[] = [];
  for (let seed = 1, total = 0; total < employees; seed++) {
    const agency = generateAgency({ agencyId: `A${String(seed).padStart(3, '0')}`, seed });
    agencies.push(agency);
    total += agency.rows.length;
  }
  const t0 = Date.now();
  const loaded: DemoAgency[] = [];
  await inParallel(agencies, 4, async (agency) => {
    await call('POST', '/agencies', city, { code: agency.agencyId, name: `Dinas ${agency.agencyId}` });
    const admin = await token('ADMIN_OPD', `admin.${agency.agencyId}`, agency.agencyId);
    for (const u of agency.units) {
      const { unitId, name, parentUnitId } = u.data;
      await call('POST', `/agencies/${agency.agencyId}/units`, admin, { unitId, name, parentUnitId });
    }
    try {
      await call('POST', `/agencies/${agency.agencyId}/imports`, admin, agency.csv, [200, 201, 202]);
      loaded.push(agency);
    } catch (error) {
      log(`skipped ${agency.agencyId}: ${(error as Error).message.slice(0, 200)}`);
    }
  });
  await service.caughtUp();
  // Agencies in order of their code, whatever order the imports finished in.
  loaded.sort((a, b) => (a.agencyId < b.agencyId ? -1 : 1));
  const [{ events }] = await service.app.get(DataSource).query(`SELECT count(*)::int AS events FROM work_planning_events.events`);
  return { agencies: loaded, employees: loaded.flatMap((a) => a.rows), events, ms: Date.now() - t0 };
}

export interface StaffSkp {
  nip: string;
  /** The staff member's pejabat penilai (their Kasi). */
  kasi: string;
  agencyId: string;
  unitId: string;
}

export const skpIdOf = (nip: string, year: number) => `${nip}-${year}-01-01`;

/**
 * In the first `agencies` agencies a Sekda post is put above the Kepala Dinas and the cascade is
 * approved top down (Kadis, Kabid/Sekretaris, Kasi/Kasubbag); then every staff member drafts and
 * submits an SKP of `year` whose RHK intervenes on their Kasi's approved RHK. Returns the submitted
 * staff SKPs, not yet approved.
 */
export async function prepareStaffSkps(
  service: BenchService,
  organisation: LoadedOrganisation,
  options: { agencies: number; year: number; concurrency: number },
): Promise<StaffSkp[]> {
  const { call, token } = service;
  const { year, concurrency } = options;
  const skpOf = (nip: string) => skpIdOf(nip, year);
  const city = await token('ADMIN_CITY', 'bkpsdm.bench');
  const auditor = await token('AUDITOR', 'auditor.bench');
  const staff: StaffSkp[] = [];
  for (const [i, agency] of organisation.agencies.slice(0, options.agencies).entries()) {
    const a = agency.agencyId;
    const admin = await token('ADMIN_OPD', `admin.${a}`, a);
    const sekda = `196805121990031${String(100 + i).slice(-3)}`;
    const kadis = agency.rows[0];
    await call('POST', '/employees', city, { nip: sekda, name: `Sekda ${a}`, status: 'PNS', agencyId: a });
    await call('POST', `/agencies/${a}/positions`, admin, { positionId: 'SEKDA', name: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unitId: a, establishedOn: '2020-01-01' });
    await call('POST', `/agencies/${a}/assignments`, admin, { nip: sekda, positionId: 'SEKDA', type: 'DEFINITIVE', from: '2020-01-01' });
    const kadisPost = (await call('GET', `/employees/${kadis.nip}/supervisor`, auditor)).positions[0].positionId;
    await call('POST', `/agencies/${a}/positions/${encodeURIComponent(kadisPost)}/reporting-line`, admin, { parentPositionId: 'SEKDA', effectiveFrom: `${year}-01-01` });

    const as = (nip: string) => token('EMPLOYEE', nip, a);
    // 202: stored, the read models not caught up within READ_YOUR_WRITES (a loaded machine); the next step reads the stream.
    const ok = [200, 201, 202];
    const plan = async (nip: string, rhk: Record<string, unknown>) => {
      await call('POST', '/skps', await as(nip), { year }, ok);
      await call('POST', `/skps/${skpOf(nip)}/rhk`, await as(nip), {
        jenis: 'UTAMA',
        text: `Rencana hasil kerja ${nip}`,
        indicators: [{ ikiId: 'I1', aspect: 'KUANTITAS', indicator: 'Jumlah keluaran', target: { kind: 'QUANTITATIVE', value: 12, unit: 'dokumen' } }],
        ...rhk,
      }, ok);
      await call('POST', `/skps/${skpOf(nip)}/submit`, await as(nip), undefined, ok);
    };
    const approve = async (nip: string, by: string) => void (await call('POST', `/skps/${skpOf(nip)}/approve`, await as(by), undefined, ok));
    await plan(kadis.nip, { rhkId: 'R1', link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-${a}`, sasaranId: 'S1' }, perspektif: 'PENERIMA_LAYANAN' });
    await approve(kadis.nip, sekda);
    const level = async (kinds: string[]) => {
      const rows = agency.rows.filter((r) => kinds.includes(r.kind));
      await inParallel(rows, concurrency, async (r) => {
        await plan(r.nip, { rhkId: 'R1', link: { kind: 'ATASAN_RHK', skpId: skpOf(r.atasanNip), rhkId: 'R1' } });
        if (kinds[0] !== 'PELAKSANA') await approve(r.nip, r.atasanNip);
        else staff.push({ nip: r.nip, kasi: r.atasanNip, agencyId: a, unitId: r.unitId });
      });
    };
    await level(['ADMINISTRATOR']);
    await level(['PENGAWAS']);
    await level(['PELAKSANA', 'FUNGSIONAL']);
  }
  return staff;
}
