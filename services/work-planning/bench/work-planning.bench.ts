/**
 * work-planning benchmark (issue 4, "done when"): SKP approvals per second and as-of-date
 * supervisor look-ups per second, with the organisation of BENCH_EMPLOYEES (default 20,000)
 * employees loaded. The whole service runs in this process as main.ts wires it (PostgreSQL event
 * store, read models, projection runner, relay to the PostgreSQL log), on a fresh database of the
 * DATABASE_URL server, dropped afterwards; every request goes through HTTP with a bearer token.
 *
 *   npm run bench -- work-planning
 *
 * Setup: agencies of ~350 employees (the demo-agency generator, a different seed each) imported
 * from CSV through POST /agencies/:id/imports until BENCH_EMPLOYEES are loaded. In BENCH_SKP_AGENCIES
 * agencies (default 3) a Sekda post is put above the Kepala Dinas and the cascade is approved top
 * down (Kadis, Kabid/Sekretaris, Kasi/Kasubbag), then every staff member drafts and submits an SKP
 * whose RHK intervenes on their Kasi's approved RHK.
 *
 * Measured:
 *   supervisor  GET /employees/:nip/supervisor?date=... for BENCH_LOOKUPS random employees (default 5,000)
 *               at BENCH_CONCURRENCY (16) requests in flight; and the same question asked of the read
 *               model directly (GetSupervisorQuery.chainOf, no HTTP), to show the HTTP share.
 *   approvals   POST /skps/:id/approve by each staff member's Kasi, for every submitted staff SKP, at
 *               BENCH_CONCURRENCY: look-ups (pejabat penilai as of the period, the status of each linked
 *               RHK from the superior's stream), decide, append, and wait until the read model shows it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createServiceApp, LocalIssuer, Role } from '@kinerja/platform';
import { ProjectionRunner } from '@kinerja/projections';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@kinerja/testing';
import { AppModule } from '../src/app.module';
import { loadWorkPlanningConfig } from '../src/config';
import { generateAgency, DemoAgency } from '../test/support/demo-agency';
import { GetSupervisorQuery } from '../src/organisation/get-supervisor/get-supervisor.query';

const env = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};
const EMPLOYEES = env('BENCH_EMPLOYEES', 20_000);
const LOOKUPS = env('BENCH_LOOKUPS', 5_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 16);
const SKP_AGENCIES = env('BENCH_SKP_AGENCIES', 3);

const log = (message: string) => process.stdout.write(`[work-planning bench] ${message}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function pool<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function main(): Promise<void> {
  const db = await createTestDatabase('kinerja_bench_wp');
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-wp-bench-'));
  const config = loadWorkPlanningConfig({ ...process.env, PORT: '0', DATABASE_URL: db.url, AUTH_MODE: 'local', AUTH_LOCAL_KEY_DIR: keyDir, LOG_LEVEL: 'warn', TRANSPORT: 'pg-log' });
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
  const call = async (method: string, path: string, auth: string, body?: unknown, expected: number[] = [200, 201]) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body === undefined ? {} : typeof body === 'string' ? { 'content-type': 'text/csv' } : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
    return json as any;
  };
  const runner = app.get(ProjectionRunner);
  const caughtUp = async () => {
    for (;;) {
      const lag = await runner.lag();
      if (lag.every((l) => l.events === 0)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  try {
    log(`${cpus().length} CPUs; loading ${EMPLOYEES} employees`);
    const city = await token('ADMIN_CITY', 'bkpsdm.bench');
    const agencies: DemoAgency[] = [];
    for (let seed = 1, total = 0; total < EMPLOYEES; seed++) {
      const agency = generateAgency({ agencyId: `A${String(seed).padStart(3, '0')}`, seed });
      agencies.push(agency);
      total += agency.rows.length;
    }
    const t0 = Date.now();
    const loaded: DemoAgency[] = [];
    await pool(agencies, 4, async (agency) => {
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
    await caughtUp();
    const employees = loaded.flatMap((a) => a.rows);
    const [{ events }] = await app.get(DataSource).query(`SELECT count(*)::int AS events FROM work_planning_events.events`);
    log(`loaded ${employees.length} employees in ${loaded.length} agencies through CSV imports: ${seconds(Date.now() - t0)} s, ${events} events, read models caught up`);

    // ---- supervisor look-ups ----
    const today = new Date().toISOString().slice(0, 10);
    const sample = Array.from({ length: LOOKUPS }, (_, i) => employees[(i * 7919) % employees.length]);
    const auditor = await token('AUDITOR', 'auditor.bench');
    await pool(sample.slice(0, 200), CONCURRENCY, async (e) => void (await call('GET', `/employees/${e.nip}/supervisor?date=${today}`, auditor)));
    const latencies: number[] = [];
    let withPenilai = 0;
    const t1 = Date.now();
    await pool(sample, CONCURRENCY, async (e, i) => {
      const start = performance.now();
      const date = i % 2 === 0 ? today : `202${4 + (i % 2)}-0${1 + (i % 9)}-15`;
      const res = await call('GET', `/employees/${e.nip}/supervisor?date=${date}`, auditor);
      latencies.push(performance.now() - start);
      if (res.pejabatPenilai) withPenilai++;
    });
    const httpRate = LOOKUPS / ((Date.now() - t1) / 1000);
    latencies.sort((a, b) => a - b);
    const query = app.get(GetSupervisorQuery);
    const t2 = Date.now();
    await pool(sample, CONCURRENCY, async (e) => void (await query.chainOf(e.nip, today)));
    const queryRate = LOOKUPS / ((Date.now() - t2) / 1000);
    log(
      `supervisor look-ups over HTTP: ${httpRate.toFixed(0)}/s (p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ` +
        `${withPenilai}/${LOOKUPS} with a pejabat penilai); read model alone: ${queryRate.toFixed(0)}/s`,
    );

    // ---- SKP approvals ----
    const year = Number(today.slice(0, 4));
    const skpOf = (nip: string) => `${nip}-${year}-01-01`;
    const t3 = Date.now();
    const staff: { nip: string; kasi: string }[] = [];
    for (const [i, agency] of loaded.slice(0, SKP_AGENCIES).entries()) {
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
      const plan = async (nip: string, rhk: Record<string, unknown>) => {
        await call('POST', '/skps', await as(nip), { year });
        await call('POST', `/skps/${skpOf(nip)}/rhk`, await as(nip), {
          jenis: 'UTAMA',
          text: `Rencana hasil kerja ${nip}`,
          indicators: [{ ikiId: 'I1', aspect: 'KUANTITAS', indicator: 'Jumlah keluaran', target: { kind: 'QUANTITATIVE', value: 12, unit: 'dokumen' } }],
          ...rhk,
        });
        await call('POST', `/skps/${skpOf(nip)}/submit`, await as(nip));
      };
      const approve = async (nip: string, by: string) => void (await call('POST', `/skps/${skpOf(nip)}/approve`, await as(by)));
      await plan(kadis.nip, { rhkId: 'R1', link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-${a}`, sasaranId: 'S1' }, perspektif: 'PENERIMA_LAYANAN' });
      await approve(kadis.nip, sekda);
      const level = async (kinds: string[]) => {
        const rows = agency.rows.filter((r) => kinds.includes(r.kind));
        await pool(rows, CONCURRENCY, async (r) => {
          await plan(r.nip, { rhkId: 'R1', link: { kind: 'ATASAN_RHK', skpId: skpOf(r.atasanNip), rhkId: 'R1' } });
          if (kinds[0] !== 'PELAKSANA') await approve(r.nip, r.atasanNip);
          else staff.push({ nip: r.nip, kasi: r.atasanNip });
        });
      };
      await level(['ADMINISTRATOR']);
      await level(['PENGAWAS']);
      await level(['PELAKSANA', 'FUNGSIONAL']);
    }
    log(`prepared ${staff.length} submitted staff SKPs in ${Math.min(SKP_AGENCIES, loaded.length)} agencies (cascade approved above them): ${seconds(Date.now() - t3)} s`);

    const approvals: number[] = [];
    const t4 = Date.now();
    await pool(staff, CONCURRENCY, async (s) => {
      const start = performance.now();
      const res = await call('POST', `/skps/${skpOf(s.nip)}/approve`, await token('EMPLOYEE', s.kasi));
      if (res.status !== 'APPROVED') throw new Error(`${s.nip}: ${res.status}`);
      approvals.push(performance.now() - start);
    });
    const approvalRate = staff.length / ((Date.now() - t4) / 1000);
    approvals.sort((a, b) => a - b);
    log(`SKP approvals over HTTP: ${approvalRate.toFixed(0)}/s (p50 ${percentile(approvals, 50).toFixed(1)} ms, p99 ${percentile(approvals, 99).toFixed(1)} ms, ${staff.length} approvals)`);
    log(`RESULT employees=${employees.length} supervisorLookupsPerSecond=${httpRate.toFixed(0)} supervisorQueryPerSecond=${queryRate.toFixed(0)} skpApprovalsPerSecond=${approvalRate.toFixed(0)}`);
  } finally {
    await app.close();
    await db.drop();
    await rm(keyDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
