import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditReplay, auditVerify, AuditDigest, digestOk, formatFinding, formatReplay, loadCityKey, parseAsOf } from '@kinerja/audit';
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

/** Where `kinerja start` has the services append their anchors (AUDIT_ANCHOR_DIR). */
export const ANCHOR_DIR = join(DATA_DIR, 'anchors');

async function verifyCommand(args: ParsedArgs): Promise<number> {
  const databaseUrl = databaseUrlFor(stringOption(args, 'database-url'));
  const keyOption = stringOption(args, 'key');
  // The default key is created on first use; a named one must exist.
  const key = loadCityKey(keyOption ? resolve(keyOption) : CITY_KEY_PATH, keyOption === undefined);
  const sinceFile = stringOption(args, 'since');
  const since = sinceFile ? (JSON.parse(readFileSync(resolve(sinceFile), 'utf8')) as AuditDigest) : undefined;
  const anchorDir = resolve(stringOption(args, 'anchors') ?? process.env.AUDIT_ANCHOR_DIR ?? ANCHOR_DIR);
  const digest = await auditVerify({ databaseUrl, schemas: serviceSchemas(stringOption(args, 'schema')), key, since, anchorDir });
  const text = `${JSON.stringify(digest, null, 2)}\n`;
  const out = stringOption(args, 'out');
  if (out) writeFileSync(resolve(out), text);
  else process.stdout.write(text);
  process.stderr.write(verifySummary(digest));
  return digestOk(digest) ? 0 : 1;
}

/** What every check found, for operators: the last line says whether all of them passed. */
export function verifySummary(digest: AuditDigest): string {
  const lines = [`public key:\n${digest.publicKey.trim()}`];
  const failed: string[] = [];
  for (const [name, s] of Object.entries(digest.services)) {
    lines.push(`${name}: ${s.streams} streams, ${s.events} events, merkle root ${s.merkleRoot}, ${s.breaks.length === 0 ? 'chains ok' : `${s.breaks.length} break(s)`}`);
    for (const b of s.breaks) lines.push(`  BREAK ${b.stream}@${b.revision} ${b.reason}: ${b.detail}`);
    if (s.breaks.length > 0) failed.push(`${name}: ${s.breaks.length} chain break(s)`);
    const a = s.anchor;
    if (a) {
      const latest = a.latest ? `, latest #${a.latest.sequence} of ${a.latest.anchoredAt} (${a.latest.reason}${a.latest.signed ? ', signed' : ', UNSIGNED'})` : '';
      const verdict = a.anchors === 0 ? 'nothing to compare' : a.ok ? 'every anchored head still in the store' : `${a.findings.length} problem(s)`;
      lines.push(`  anchors: ${a.source}: ${a.anchors} anchor(s)${latest}: ${verdict}`);
      for (const f of a.findings) lines.push(`  ANCHOR ${formatFinding(f)}`);
      for (const w of a.warnings) lines.push(`  warning: ${w}`);
      if (!a.ok) failed.push(`${name}: ${a.findings.length} anchor problem(s)`);
    }
  }
  if (digest.since) {
    const since = digest.since;
    const heads = Object.values(since.services).reduce((n, s) => n + s.mismatches.length, 0);
    const listed = Object.values(since.services).every((s) => s.ok);
    lines.push(
      `since ${since.createdAt}: signature ${since.signatureOk ? 'ok' : 'INVALID'}, ` +
        (listed ? 'every head it lists still in the store' : `CHANGED (${heads} head(s) differ)`) +
        (since.ok && digestOk(digest) ? ': nothing changed since' : ''),
    );
    for (const [name, s] of Object.entries(since.services)) {
      if (s.missing) lines.push(`  ${name}: event store missing`);
      for (const m of s.mismatches) lines.push(`  ${name}: ${m.stream}@${m.revision} was ${m.recorded}, now ${m.now ?? 'absent'}`);
    }
    if (!since.signatureOk) failed.push('since: the earlier digest is not signed by this key');
    if (!listed) failed.push(`since: ${heads} head(s) of the earlier digest changed`);
  }
  lines.push(failed.length === 0 ? 'RESULT: ok, every check passed' : `RESULT: FAILED: ${failed.join('; ')}`);
  return `${lines.join('\n')}\n`;
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
