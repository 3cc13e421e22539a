import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  Anchorer,
  AnchorHistory,
  AnchorSource,
  AnchorSummary,
  ConsistencyProof,
  consistencyProof,
  EventInChain,
  inspectEvent,
  readAnchorFile,
  storeIdentity,
  AuditFinding,
  CityKey,
  digestStore,
  findingMessage,
  findingOfBreak,
  summariseAnchor,
  parseAsOf,
  ReplayHistory,
  replayStore,
  ServiceDigest,
  signDocument,
  sortReplayed,
} from '@kinerja/audit';
import { forbidden, notFound } from '@kinerja/domain';
import { PostgresEventStore } from '@kinerja/event-store';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/decorators';
import { zodToOpenApi } from '../validation/zod-openapi';
import { parseInput } from '../validation/zod-validation';

/** The service's own event store, to audit: provided by `eventSourcedProviders`. */
export const AUDITED_EVENT_STORE = Symbol('AUDITED_EVENT_STORE');
/** The city's key (AUDIT_SIGNING_KEY_FILE), or null: digests are then unsigned. */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

export interface AuditedEventStore {
  service: string;
  store: PostgresEventStore;
  /** Anchors this process makes (where the relay runs). */
  anchorer?: Anchorer | null;
  /** The service's anchor file (AUDIT_ANCHOR_DIR), compared against by default. */
  anchorFile?: string | null;
}

/** One service's digest as GET /audit/verify returns it (the CLI's `ServiceDigest` without its heads). */
export type ServiceDigestDocument = Omit<ServiceDigest, 'heads' | 'findings'> & {
  /** Everything found wrong, each with a stable `code` and `message` in Bahasa Indonesia. */
  findings: (AuditFinding & { message: string })[];
  kind: 'kinerja.audit.service-digest';
  version: 1;
  service: string;
  computedAt: string;
  /** `unchanged`: the Merkle root is still the one given and every chain verifies, so no event was added or altered since. */
  since?: { merkleRoot: string; unchanged: boolean };
  /** SPKI PEM of the key that signed it; null when the service has no signing key. */
  publicKey: string | null;
  /** Base64 Ed25519 over the RFC 8785 canonical JSON of the document without `signature`; null when unsigned. */
  signature: string | null;
};

const verifyQuery = z
  .object({
    since: z
      .string()
      .refine((text) => /^[0-9a-f]{64}$/.test(text), {
        message: 'since harus akar Merkle dari verifikasi sebelumnya (64 karakter heksadesimal huruf kecil).',
        params: { code: 'SINCE_INVALID' },
      })
      .optional()
      .describe('merkleRoot of an earlier GET /audit/verify of this service'),
  })
  .strict();

const NIP = /^\d{18}$/;
const nipParam = z.string().refine((text) => NIP.test(text), { message: 'NIP harus 18 digit angka.', params: { code: 'NIP_INVALID' } });

const historyQuery = z
  .object({
    asOf: z
      .string()
      .refine((text) => parseAsOf(text) !== null, {
        message: 'asOf harus tanggal (YYYY-MM-DD, akhir hari itu UTC) atau tanggal-waktu ISO 8601 dengan zona waktu.',
        params: { code: 'AS_OF_INVALID' },
      })
      .optional()
      .describe('YYYY-MM-DD (the end of that day, UTC) or an ISO 8601 date-time with offset; default now'),
  })
  .strict();

const sequenceParam = z.coerce
  .number({ invalid_type_error: 'sequence harus bilangan bulat tidak negatif.' })
  .int('sequence harus bilangan bulat tidak negatif.')
  .min(0, 'sequence harus bilangan bulat tidak negatif.');

const eventQuery = z
  .object({
    stream: z.string().min(1, 'stream wajib diisi.').max(500, 'stream paling panjang 500 karakter.').describe('the stream name, e.g. evaluation-DINKES:2026:S1:199003152015031002'),
    revision: z.coerce
      .number({ invalid_type_error: 'revision harus bilangan bulat tidak negatif.' })
      .int('revision harus bilangan bulat tidak negatif.')
      .min(0, 'revision harus bilangan bulat tidak negatif.')
      .describe('0-based revision within the stream'),
  })
  .strict();

/** GET /audit/anchors: this service's signed digests (anchors), newest first. */
export interface AnchorListDocument {
  service: string;
  /** The anchor file, `memory` (this process's anchors), or null when the service keeps none. */
  source: string | null;
  anchors: AnchorSummary[];
  /** Older anchors no longer listed (a process without an anchor file keeps its last 1000). */
  omitted: number;
  /** SPKI PEM of the city key the service verifies anchors with; null without one. */
  publicKey: string | null;
  /** Each anchor's signature checked with that key, and the anchors' own chain (previous, sequence, roots). */
  findings: (AuditFinding & { message: string })[];
}

/** GET /audit/anchors/{sequence}/consistency */
export type ConsistencyDocument = Omit<ConsistencyProof, 'chains'> & {
  service: string;
  anchor: AnchorSummary;
  computedAt: string;
  chains: { ok: boolean; findings: (AuditFinding & { message: string })[] };
};

/**
 * The audit functions of `kinerja audit` over HTTP for the AUDITOR role, read-only, on this
 * service's event store only (each service answers for its own; an auditor asks all four).
 * Times are the database's (recorded_at), not the service clock: `computedAt` and the default
 * `asOf` are the real now.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(AUDITED_EVENT_STORE) private readonly audited: AuditedEventStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: CityKey | null,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: "Verify every hash chain of this service's event store (AUDITOR).",
    description:
      'Returns the event and stream counts, the RFC 6962 Merkle root over the stream heads (as `kinerja audit verify` computes it), ' +
      'every chain break, and `ok`; signed with the city\'s Ed25519 key when the service has one (`publicKey`, `signature`: ' +
      'Ed25519 over the RFC 8785 canonical JSON without `signature`; pin the city\'s public key, do not trust the one returned). ' +
      'The store is compared with every audit anchor of it (AUDIT_ANCHOR_DIR, else the anchors this process made): `anchor` ' +
      'says which, and `findings` lists every problem (a truncated or rewritten stream, a broken chain) with a stable `code`, ' +
      'the stream, revision, what was expected and found, and a `message`. With `since`, says whether anything was added or altered since that root.',
  })
  @ApiQuery({ name: 'since', required: false, description: verifyQuery.shape.since.description, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } })
  async verify(@Query() rawQuery: unknown, @CurrentActor() actor: Actor): Promise<ServiceDigestDocument> {
    requireAuditor(actor);
    const query = parseInput(verifyQuery, rawQuery);
    const { store, anchorer, anchorFile } = this.audited;
    const anchors: AnchorSource | undefined = anchorFile
      ? { file: anchorFile, publicKey: this.key?.publicKey ?? null }
      : anchorer
        ? { ledger: anchorer.anchors, source: 'memory' }
        : undefined;
    const { heads: _heads, findings, ...digest } = await digestStore(store, { anchors });
    const document = {
      kind: 'kinerja.audit.service-digest' as const,
      version: 1 as const,
      service: this.audited.service,
      computedAt: new Date().toISOString(),
      ...digest,
      findings: findings.map((f) => ({ ...f, message: findingMessage(f) })),
      ...(query.since ? { since: { merkleRoot: query.since, unchanged: query.since === digest.merkleRoot && digest.ok } } : {}),
      publicKey: this.key?.publicKeyPem ?? null,
    };
    return this.key ? signDocument(document, this.key) : { ...document, signature: null };
  }

  @Get('employees/:nip/history')
  @ApiOperation({
    summary: "This service's part of an employee's history as it stood at asOf, from the events alone (AUDITOR).",
    description:
      'The streams named after the NIP, read as of `asOf`, and the events of other streams whose data names the NIP ' +
      '(`relation`: own | mentions), ordered by recording time, with the hash chains of the streams read verified (as they are now).',
  })
  @ApiParam({ name: 'nip', description: 'NIP (18 digits)', schema: { type: 'string', pattern: NIP.source } })
  @ApiQuery({ name: 'asOf', required: false, schema: zodToOpenApi(historyQuery.shape.asOf) })
  async history(@Param('nip') rawNip: string, @Query() rawQuery: unknown, @CurrentActor() actor: Actor): Promise<ReplayHistory & { service: string }> {
    requireAuditor(actor);
    const nip = parseInput(nipParam, rawNip, ['nip']);
    const query = parseInput(historyQuery, rawQuery);
    const asOf = query.asOf === undefined ? new Date() : parseAsOf(query.asOf)!;
    const { service, store } = this.audited;
    const part = await replayStore(store, service, nip, asOf);
    return {
      service,
      nip,
      asOf: asOf.toISOString(),
      events: sortReplayed(part.events),
      chains: { ok: part.breaks.length === 0, streams: part.streams, breaks: part.breaks.map((b) => ({ ...b, service })) },
    };
  }
  @Get('anchors')
  @ApiOperation({
    summary: "This service's signed digests (audit anchors), newest first (AUDITOR).",
    description:
      'Each anchor is a digest the service signed and kept outside its database (AUDIT_ANCHOR_DIR, else in memory): its sequence, time, reason, ' +
      'Merkle root over the stream heads, counts, signature. `findings`: anchors whose signature or chain does not hold.',
  })
  async anchors(@CurrentActor() actor: Actor): Promise<AnchorListDocument> {
    requireAuditor(actor);
    const { history, source, findings } = await this.anchorHistory();
    return {
      service: this.audited.service,
      source,
      anchors: history?.summaries() ?? [],
      omitted: history?.folded ?? 0,
      publicKey: this.key?.publicKeyPem ?? null,
      findings: findings.map((f) => ({ ...f, message: findingMessage(f) })),
    };
  }

  @Get('anchors/:sequence/consistency')
  @ApiOperation({
    summary: 'The proof that nothing recorded before an earlier signed digest changed since (AUDITOR).',
    description:
      'Replays the anchors up to `sequence` into the heads it signed, reads the hash the store holds now at each of them, recomputes that ' +
      "anchor's Merkle root from the store, and verifies every chain: `consistent` when every head is still there with its hash, the root " +
      'recomputed is the signed one and every chain holds (each head then vouches for every earlier event of its stream). `to` is the digest now.',
  })
  @ApiParam({ name: 'sequence', description: 'the anchor sequence number (GET /audit/anchors)', schema: { type: 'integer', minimum: 0 } })
  async consistency(@Param('sequence') rawSequence: string, @CurrentActor() actor: Actor): Promise<ConsistencyDocument> {
    requireAuditor(actor);
    const sequence = parseInput(sequenceParam, rawSequence, ['sequence']);
    const { history } = await this.anchorHistory();
    const at = history?.headsAt(sequence) ?? null;
    if (!at) throw notFound('ANCHOR_NOT_FOUND', `Jangkar audit #${sequence} tidak ada pada layanan ini.`);
    const proof = await consistencyProof(this.audited.store, { merkleRoot: at.anchor.merkleRoot, heads: at.heads });
    return {
      service: this.audited.service,
      anchor: summariseAnchor(at.anchor),
      computedAt: new Date().toISOString(),
      ...proof,
      chains: { ok: proof.chains.ok, findings: proof.chains.findings.map((f) => ({ ...f, message: findingMessage(f) })) },
    };
  }

  @Get('event')
  @ApiOperation({
    summary: 'One event with its place in its stream\'s hash chain, verified now (AUDITOR).',
    description:
      'The stored hash and previous hash, the hash recomputed from the stored fields, the hash of the event before and the link of the event after, ' +
      'the global position, and every break of the stream\'s chain (with a `message` in Bahasa Indonesia). An event edited in the database shows ' +
      '`checks.hashMatches: false`.',
  })
  @ApiQuery({ name: 'stream', required: true, schema: zodToOpenApi(eventQuery.shape.stream) })
  @ApiQuery({ name: 'revision', required: true, schema: { type: 'integer', minimum: 0 } })
  async event(
    @Query() rawQuery: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<Omit<EventInChain, 'chain'> & { service: string; chain: EventInChain['chain'] & { findings: (AuditFinding & { message: string })[] } }> {
    requireAuditor(actor);
    const query = parseInput(eventQuery, rawQuery);
    const found = await inspectEvent(this.audited.store, query.stream, query.revision);
    if (!found) throw notFound('EVENT_NOT_FOUND', `Tidak ada peristiwa ${query.stream} revisi ${query.revision} pada layanan ini.`);
    const findings = found.chain.breaks.map(findingOfBreak).map((f) => ({ ...f, message: findingMessage(f) }));
    return { service: this.audited.service, ...found, chain: { ...found.chain, findings } };
  }

  /** The anchors of this store: from its anchor file (read now), else those this process made. */
  private async anchorHistory(): Promise<{ history: AnchorHistory | null; source: string | null; findings: AuditFinding[] }> {
    const { store, anchorer, anchorFile } = this.audited;
    if (anchorFile) {
      const file = readAnchorFile(anchorFile, await storeIdentity(store.pool, store.schema), this.key?.publicKey ?? null);
      const history = new AnchorHistory();
      for (const doc of file.documents) history.add(doc);
      return { history, source: anchorFile, findings: file.ledger.findings };
    }
    if (anchorer) return { history: anchorer.history, source: 'memory', findings: [] };
    return { history: null, source: null, findings: [] };
  }
}

function requireAuditor(actor: Actor): void {
  if (actor.role !== 'AUDITOR') throw forbidden('AUDIT_FORBIDDEN', 'Hanya auditor yang dapat menggunakan fungsi audit.');
}
