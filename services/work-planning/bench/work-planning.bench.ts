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
import { cpus } from 'node:os';
import { GetSupervisorQuery } from '../src/organisation/get-supervisor/get-supervisor.query';
import { inParallel } from '@kinerja/domain';
import { loadOrganisation, prepareStaffSkps, seconds, skpIdOf, startBenchService } from './setup';
import { percentile, runBench } from '@kinerja/testing';

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

async function main(): Promise<void> {
  const service = await startBenchService('kinerja_bench_wp');
  const { app, call, token } = service;

  try {
    log(`${cpus().length} CPUs; loading ${EMPLOYEES} employees`);
    const organisation = await loadOrganisation(service, EMPLOYEES, log);
    const { employees } = organisation;
    log(`loaded ${employees.length} employees in ${organisation.agencies.length} agencies through CSV imports: ${seconds(organisation.ms)} s, ${organisation.events} events, read models caught up`);

    // ---- supervisor look-ups ----
    const today = new Date().toISOString().slice(0, 10);
    const sample = Array.from({ length: LOOKUPS }, (_, i) => employees[(i * 7919) % employees.length]);
    const auditor = await token('AUDITOR', 'auditor.bench');
    await inParallel(sample.slice(0, 200), CONCURRENCY, async (e) => void (await call('GET', `/employees/${e.nip}/supervisor?date=${today}`, auditor)));
    const latencies: number[] = [];
    let withPenilai = 0;
    const t1 = Date.now();
    await inParallel(sample, CONCURRENCY, async (e, i) => {
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
    await inParallel(sample, CONCURRENCY, async (e) => void (await query.chainOf(e.nip, today)));
    const queryRate = LOOKUPS / ((Date.now() - t2) / 1000);
    log(
      `supervisor look-ups over HTTP: ${httpRate.toFixed(0)}/s (p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ` +
        `${withPenilai}/${LOOKUPS} with a pejabat penilai); read model alone: ${queryRate.toFixed(0)}/s`,
    );

    // ---- SKP approvals ----
    const year = Number(today.slice(0, 4));
    const skpOf = (nip: string) => skpIdOf(nip, year);
    const t3 = Date.now();
    const staff = await prepareStaffSkps(service, organisation, { agencies: SKP_AGENCIES, year, concurrency: CONCURRENCY });
    log(`prepared ${staff.length} submitted staff SKPs in ${Math.min(SKP_AGENCIES, organisation.agencies.length)} agencies (cascade approved above them): ${seconds(Date.now() - t3)} s`);

    const approvals: number[] = [];
    const t4 = Date.now();
    await inParallel(staff, CONCURRENCY, async (s) => {
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
    await service.close();
  }
}

runBench(main);
