/**
 * A relay in its own process, for the crash test: with KILL_AFTER_PRODUCE=1 it SIGKILLs itself
 * right after the transport acknowledged a batch and before the checkpoint is written.
 */
import { createPostgresEventStore } from '@kinerja/event-store';
import { createRelay, createTransportFromEnv } from '../../src';
import { workPlanningMapping } from './work-planning-mapping';

async function main() {
  const url = process.env.DATABASE_URL!;
  const store = await createPostgresEventStore({ connectionString: url });
  const transport = createTransportFromEnv('relay-child');
  const relay = createRelay({
    name: process.env.RELAY_NAME!,
    service: 'work-planning',
    store,
    transport,
    connectionString: url,
    topicPrefix: process.env.TOPIC_PREFIX ?? '',
    map: workPlanningMapping,
    afterProduce: (published) => {
      process.stdout.write(`produced ${published.map((p) => p.id).join(',')}\n`);
      if (process.env.KILL_AFTER_PRODUCE === '1') process.kill(process.pid, 'SIGKILL');
    },
  });
  await relay.start();
  await relay.done;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
