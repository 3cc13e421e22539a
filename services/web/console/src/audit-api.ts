import { api } from './api/client';
import type { AuditedService } from './audit-timeline';

/**
 * Every service answers the same audit endpoints for its own event store (libs/platform's audit
 * module): one client type serves the four.
 */
const clients = {
  'work-planning': api.workPlanning,
  'feedback-intake': api.feedbackIntake,
  evaluation: api.evaluation,
  'career-decisions': api.careerDecisions,
} as unknown as Record<AuditedService, typeof api.evaluation>;

export const auditApi = (service: AuditedService) => clients[service];

export interface Finding {
  code: string;
  stream?: string;
  revision?: number;
  message: string;
}

export interface ServiceDigest {
  service: string;
  computedAt: string;
  streams: number;
  events: number;
  merkleRoot: string;
  ok: boolean;
  findings: Finding[];
  publicKey: string | null;
  signature: string | null;
}

export interface AnchorSummary {
  sequence: number;
  anchoredAt: string;
  reason: 'startup' | 'periodic' | 'shutdown';
  merkleRoot: string;
  streams: number;
  events: number;
  signed: boolean;
}

export interface AnchorList {
  service: string;
  source: string | null;
  anchors: AnchorSummary[];
  omitted: number;
  findings: Finding[];
}

export interface Consistency {
  anchor: AnchorSummary;
  from: { merkleRoot: string; streams: number; events: number };
  recomputedRoot: string;
  to: { merkleRoot: string; streams: number; events: number };
  extendedStreams: number;
  newStreams: number;
  mismatches: { stream: string; revision: number; recorded: string; now: string | null }[];
  chains: { ok: boolean; findings: Finding[] };
  consistent: boolean;
}

export interface EventInChain {
  service: string;
  stream: string;
  revision: number;
  position: string;
  type: string;
  recordedAt: string;
  occurredAt: string | null;
  actor: { id: string | null; role: string | null };
  ruleSetVersion: string | null;
  data: unknown;
  scheme: number;
  hash: string;
  previousHash: string | null;
  recomputedHash: string;
  previousEventHash: string | null;
  nextPreviousHash: string | null;
  headRevision: number;
  checks: { hashMatches: boolean; linksToPrevious: boolean; linkedFromNext: boolean | null };
  chain: { ok: boolean; events: number; findings: Finding[] };
}

/** The console's address of an event in its chain. */
export const eventPath = (e: { service: string; stream: string; revision: number }) =>
  `/audit/peristiwa?${new URLSearchParams({ layanan: e.service, aliran: e.stream, revisi: String(e.revision) }).toString()}`;
