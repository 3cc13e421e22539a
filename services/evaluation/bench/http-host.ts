/**
 * The evaluation service under the http bench (services/work-planning/bench/http.bench.ts), in a
 * process of its own that the bench forks (`forkHost` of @kinerja/testing) and drives over the IPC
 * channel: the whole service as main.ts wires it, on the bench's database (DATABASE_URL) and the
 * bench's local issuer (AUTH_LOCAL_KEY_DIR), learning the organisation and the realisations from
 * work-planning's public events on the PostgreSQL log; its floor runs in this process too. Not a
 * bench of its own (its name does not end in .bench.ts).
 *
 * Routes: what a pejabat penilai reads before rating (`GET .../evaluation-context`) and the periodic
 * rating (`POST /periods/:periodId/employees/:nip/evaluation`). The floor's table gives, by NIP, the
 * rater (`kasi`), the unit (`unitId`) and the agency (`agencyId`): the inputs the path does not carry.
 */
import 'reflect-metadata';
import { createLogger, createServiceApp, LocalIssuer } from '@kinerja/platform';
import { ProjectionRunner } from '@kinerja/projections';
import { DataSource } from 'typeorm';
import { localHost, Route, serveHost } from '@kinerja/testing';
import { AppModule } from '../src/app.module';
import { loadEvaluationConfig } from '../src/config';

const evaluationOf = (name: string, method: string, tail: string): Route => ({
  name,
  method,
  pattern: new RegExp(`^/periods/([^/]+)/employees/([0-9]+)/${tail}$`),
  inputs: (m, _url, _body, table) => ({ periodId: decodeURIComponent(m[1]), nip: m[2], ...table[m[2]] }),
});
const ROUTES = [evaluationOf('context', 'GET', 'evaluation-context'), evaluationOf('rate', 'POST', 'evaluation')];

/** Messages of the PostgreSQL log not yet consumed by the group, on the partitions it has consumed from. */
const CONSUMER_LAG = `
  SELECT coalesce(sum(p.next_offset - o.next_offset), 0)::int AS behind
    FROM kinerja_log.consumer_offsets o JOIN kinerja_log.partitions p USING (topic, partition)
   WHERE o.group_id = $1`;

serveHost(async () => {
  const config = loadEvaluationConfig({
    ...process.env,
    PORT: '0',
    AUTH_MODE: 'local',
    LOG_LEVEL: 'warn',
    TRANSPORT: 'pg-log',
    // Neither the keberatan window's scheduler nor the notifications' pass runs during the measurements.
    SCHEDULER_ENABLED: 'false',
    NOTIFICATIONS_ENABLED: 'false',
  });
  const app = await createServiceApp({ module: AppModule.forRoot(config), config, logger: createLogger({ service: 'evaluation', level: 'warn' }) });
  await app.listen(0, '127.0.0.1');
  const issuer = await LocalIssuer.open(config.AUTH_LOCAL_KEY_DIR);
  const runner = app.get(ProjectionRunner);
  const dataSource = app.get(DataSource);
  return localHost({
    app,
    databaseUrl: config.DATABASE_URL,
    keys: issuer.keySet(),
    routes: ROUTES,
    poolSize: config.DB_POOL_SIZE,
    // The read models, and the consumer of work-planning's events (the organisation, the realisations).
    caughtUp: async () => {
      for (;;) {
        const lag = await runner.lag();
        const [{ behind }] = await dataSource.query(CONSUMER_LAG, [config.SERVICE_NAME]);
        if (behind === 0 && lag.every((l) => l.events === 0)) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    close: () => app.close(),
  });
});
