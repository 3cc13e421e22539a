import { ParsedArgs, parseArgs, UsageError } from './args';
import { asyncapiCommand } from './asyncapi';
import { auditCommand } from './audit';
import { benchCommand } from './bench';
import { consoleFixtureCommand } from './console-fixture';
import { demoCommand } from './demo';
import { rebuildCommand } from './rebuild';
import { startCommand } from './start';
import { tokenCommand } from './token';

const COMMANDS: Record<string, { run: (args: ParsedArgs, argv: string[]) => Promise<number>; help: string }> = {
  start: {
    run: startCommand,
    help: 'start [--only a,b] [--ports auto]   PostgreSQL (embedded unless DATABASE_URL) and every service, supervised',
  },
  token: {
    run: tokenCommand,
    help: 'token --sub <NIP> --role <ROLE> [--agency <id>] [--expires 8h]   a JWT of the local issuer',
  },
  audit: {
    run: auditCommand,
    help: 'audit verify [--database-url URL] [--key FILE] [--anchors DIR] [--since DIGEST] [--out FILE] [--schema svc=schema]   verify every hash chain\n' +
      '    and compare each store with its anchors (DIR: AUDIT_ANCHOR_DIR, default .data/anchors); a signed Merkle digest\n' +
      '  kinerja audit replay --nip <NIP> [--as-of DATE] [--json]   the employee\'s history as it stood then, from the events',
  },
  demo: {
    run: demoCommand,
    help: 'demo [--employees 2000] [--seed 1] [--transport pg-log|kafka] [--exit]   the demo city\'s year through the public APIs (simulated clock)',
  },
  rebuild: {
    run: rebuildCommand,
    help: 'rebuild <service> [--database-url URL]   rebuild every read model from the events; checksums per table before and after must match',
  },
  asyncapi: {
    run: asyncapiCommand,
    help: 'asyncapi > asyncapi.json            the AsyncAPI 3 document of every public topic, with its JSON Schemas',
  },
  'console-fixture': {
    run: consoleFixtureCommand,
    help: 'console-fixture [--keycloak URL]    the services and the console on a fresh database with a small city (browser tests); prints its URL as JSON',
  },
  bench: {
    run: (_args, argv) => benchCommand(argv),
    help: 'bench [<name>] [-- args]            run libs/*/bench/<name>.bench.ts or services/*/bench/<name>.bench.ts',
  },
};

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
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
