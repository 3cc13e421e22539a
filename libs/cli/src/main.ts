import { ROLES } from '@kinerja/platform/src/auth/actor';
import { CommandError, ParsedArgs, parseArgs, UsageError } from './args';

type Run = (args: ParsedArgs, argv: string[]) => Promise<number>;

/**
 * Commands load their module only when called: `kinerja token` must not pay for Nest, TypeORM and
 * the services that `start` and `demo` pull in (a token in well under a second).
 */
const lazy =
  (load: () => Run): Run =>
  (args, argv) =>
    load()(args, argv);
/* eslint-disable @typescript-eslint/no-require-imports -- lazy command modules, see `lazy` */

const COMMANDS: Record<string, { run: Run; help: string }> = {
  start: {
    run: lazy(() => require('./start').startCommand),
    help: 'start [--only a,b] [--ports auto] [--replicas N]   PostgreSQL (embedded unless DATABASE_URL) and every service, supervised',
  },
  token: {
    run: lazy(() => require('./token').tokenCommand),
    help: `token --sub <NIP> --role <ROLE> [--agency <id>] [--expires 8h]   a JWT of the local issuer (prints the token only)\n    ROLE: ${ROLES.join(' | ')}`,
  },
  audit: {
    run: lazy(() => require('./audit').auditCommand),
    help: 'audit verify [--database-url URL] [--key FILE] [--anchors DIR] [--since DIGEST] [--out FILE] [--schema svc=schema]   verify every hash chain\n' +
      '    and compare each store with its anchors (DIR: AUDIT_ANCHOR_DIR, default .data/anchors); a signed Merkle digest\n' +
      '  kinerja audit replay --nip <NIP> [--as-of DATE] [--json]   the employee\'s history as it stood then, from the events',
  },
  demo: {
    run: lazy(() => require('./demo').demoCommand),
    help: 'demo [--employees 2000] [--seed 1] [--transport pg-log|kafka] [--exit]   the demo city\'s year through the public APIs (simulated clock)',
  },
  rebuild: {
    run: lazy(() => require('./rebuild').rebuildCommand),
    help: 'rebuild <service> [--database-url URL]   rebuild every read model from the events; checksums per table before and after must match',
  },
  asyncapi: {
    run: lazy(() => require('./asyncapi').asyncapiCommand),
    help: 'asyncapi > asyncapi.json            the AsyncAPI 3 document of every public topic, with its JSON Schemas',
  },
  'console-fixture': {
    run: lazy(() => require('./console-fixture').consoleFixtureCommand),
    help: 'console-fixture [--employees N [--seed 1] [--keep FILE | --reuse FILE]] [--keycloak URL]   the services and the console on a fresh database with a small city (browser tests),\n' +
      '    or the demo city of N with its year (the console bench; --keep keeps its database for --reuse); prints its URL as JSON',
  },
  bench: {
    run: lazy(() => (_args, argv) => require('./bench').benchCommand(argv)),
    help: 'bench [<name>] [-- args]            run libs/*/bench/<name>.bench.ts or services/*/bench/<name>.bench.ts',
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  return ['usage: kinerja <command>', ...Object.values(COMMANDS).map((c) => `  kinerja ${c.help}`)].join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n${usage()}`);
    return 2;
  }
  return command.run(parseArgs(rest), rest);
}

/** Exits once stdout is flushed: into a pipe it is asynchronous, and process.exit would cut it at 64 KiB. */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage()}`);
      process.exit(2);
    }
    if (error instanceof CommandError) {
      process.stderr.write(`kinerja: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
