import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditReplay, auditVerify, AuditDigest, digestOk, formatReplay, loadCityKey, parseAsOf } from '@kinerja/audit';
import { ParsedArgs, stringOption, UsageError } from './args';
import { serviceSchemas } from './audit/services';
import { databaseUrlFor } from './database';
import { DATA_DIR } from './paths';

export const CITY_KEY_PATH = join(DATA_DIR, 'audit', 'city-ed25519.pem');

/** `kinerja audit verify|replay ...` */
export async function auditCommand(args: ParsedArgs): Promise<number> {
  const [sub] = args.positional;
  if (sub === 'verify') return verifyCommand(args);
  if (sub === 'replay') return replayCommand(args);
  throw new UsageError('audit needs a subcommand: verify or replay');
}

async function verifyCommand(args: ParsedArgs): Promise<number> {
  const databaseUrl = databaseUrlFor(stringOption(args, 'database-url'));
  const keyOption = stringOption(args, 'key');
  // The default key is created on first use; a named one must exist.
  const key = loadCityKey(keyOption ? resolve(keyOption) : CITY_KEY_PATH, keyOption === undefined);
  const sinceFile = stringOption(args, 'since');
  const since = sinceFile ? (JSON.parse(readFileSync(resolve(sinceFile), 'utf8')) as AuditDigest) : undefined;
  const digest = await auditVerify({ databaseUrl, schemas: serviceSchemas(stringOption(args, 'schema')), key, since });
  const text = `${JSON.stringify(digest, null, 2)}\n`;
  const out = stringOption(args, 'out');
  if (out) writeFileSync(resolve(out), text);
  else process.stdout.write(text);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  err(`public key:\n${digest.publicKey.trim()}`);
  for (const [name, s] of Object.entries(digest.services)) {
    err(`${name}: ${s.streams} streams, ${s.events} events, merkle root ${s.merkleRoot}, ${s.ok ? 'ok' : `${s.breaks.length} break(s)`}`);
    for (const b of s.breaks) err(`  BREAK ${b.stream}@${b.revision} ${b.reason}: ${b.detail}`);
  }
  if (digest.since) {
    const since = digest.since;
    err(`since ${since.createdAt}: signature ${since.signatureOk ? 'ok' : 'INVALID'}, ${since.ok ? 'nothing changed' : 'CHANGED'}`);
    for (const [name, s] of Object.entries(since.services)) {
      if (s.missing) err(`  ${name}: event store missing`);
      for (const m of s.mismatches) err(`  ${name}: ${m.stream}@${m.revision} was ${m.recorded}, now ${m.now ?? 'absent'}`);
    }
  }
  return digestOk(digest) ? 0 : 1;
}

async function replayCommand(args: ParsedArgs): Promise<number> {
  const nip = stringOption(args, 'nip');
  if (!nip) throw new UsageError('audit replay needs --nip <NIP>');
  const asOfText = stringOption(args, 'as-of');
  const asOf = asOfText === undefined ? new Date() : parseAsOf(asOfText);
  if (!asOf) throw new UsageError(`--as-of ${asOfText} is not a date (YYYY-MM-DD, the end of that day in UTC, or an ISO 8601 date-time)`);
  const history = await auditReplay({
    databaseUrl: databaseUrlFor(stringOption(args, 'database-url')),
    schemas: serviceSchemas(stringOption(args, 'schema')),
    nip,
    asOf,
  });
  process.stdout.write(args.options.has('json') ? `${JSON.stringify(history, null, 2)}\n` : formatReplay(history));
  return history.chains.ok ? 0 : 1;
}
