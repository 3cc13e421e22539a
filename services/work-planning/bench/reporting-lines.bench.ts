/**
 * The in-memory reporting-line index (`ReportingLines`) at 20,000 employees with history: how long
 * building it takes, and look-ups of the pejabat penilai and the atasan pejabat penilai as of two
 * dates for every staff member. No database.
 *
 *   npm run bench -- reporting-lines
 *
 * Moved here from reporting-line.unit.spec.ts, which asserted a 3 s budget (issue 12 §8).
 */
import { cpus, loadavg } from 'node:os';
import { ReportingLines } from '../src/organisation/reporting-line';
import { largeOrganisation } from '../test/support/large-organisation';

const ROUNDS = 5;
const log = (message: string) => process.stdout.write(`[reporting-lines bench] ${message}\n`);

function main(): void {
  const { events, nips } = largeOrganisation();
  log(`${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}; ${events.length} events, ${nips.length} staff`);
  const builds: number[] = [];
  const lookups: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    const index = ReportingLines.from(events);
    builds.push(performance.now() - started);
    started = performance.now();
    let found = 0;
    for (const nip of nips) {
      if (index.chainOf(nip, '2019-06-01').pejabatPenilai) found++;
      if (index.chainOf(nip, '2024-06-01').atasanPejabatPenilai) found++;
    }
    lookups.push(performance.now() - started);
    if (found !== nips.length * 2) throw new Error(`found ${found} of ${nips.length * 2} look-ups`);
  }
  const best = (xs: number[]) => Math.min(...xs);
  const perSecond = (nips.length * 2) / (best(lookups) / 1000);
  log(`build: best ${best(builds).toFixed(0)} ms, worst ${Math.max(...builds).toFixed(0)} ms of ${ROUNDS}`);
  log(`${nips.length * 2} look-ups: best ${best(lookups).toFixed(0)} ms (${perSecond.toFixed(0)}/s), worst ${Math.max(...lookups).toFixed(0)} ms`);
  log(`RESULT buildMs=${best(builds).toFixed(0)} lookupsMs=${best(lookups).toFixed(0)} lookupsPerSecond=${perSecond.toFixed(0)}`);
}

main();
