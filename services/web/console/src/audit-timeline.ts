/**
 * The auditor's reading of an employee's history (GET /audit/employees/{nip}/history of the four
 * services): the events as recorded, and what they add up to at an instant — SKP versions,
 * realisations with evidence, feedback, ratings and predikat with the assessor and rule set — and
 * what changed between two instants. Pure: no React, no fetching.
 */

export const AUDITED_SERVICES = ['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

export interface ReplayedEvent {
  service: string;
  stream: string;
  revision: number;
  type: string;
  recordedAt: string;
  occurredAt: string | null;
  actor: { id: string | null; role: string | null };
  ruleSetVersion: string | null;
  relation: 'own' | 'mentions';
  data: unknown;
}

export interface ChainBreak {
  service: string;
  stream: string;
  revision: number;
  reason: string;
  detail: string;
}

export interface ServiceHistory {
  service: string;
  nip: string;
  asOf: string;
  events: ReplayedEvent[];
  chains: { ok: boolean; streams: number; breaks: ChainBreak[] };
}

export interface SkpState {
  skpId: string;
  status: string;
  /** The version approved last (null before the first approval). */
  version: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
  rhk: number;
}

export interface RealisationState {
  key: string;
  periodId: string;
  ikiId: string;
  revision: number;
  value: number | null;
  narrative: string | null;
  evidence: string[];
  late: boolean;
}

export interface FeedbackState {
  feedbackId: string;
  periodId: string;
  giverId: string;
  topic: string;
  content: string;
  evidence: boolean;
}

export interface EvaluationState {
  evaluationId: string;
  periodId: string;
  status: 'SUBMITTED' | 'SET' | 'OBJECTED' | 'DECIDED' | 'FINAL';
  ratingHasil: string | null;
  ratingPerilaku: string | null;
  predicate: string | null;
  assessorId: string | null;
  ruleSetVersion: string | null;
  objection: { outcome: string | null; decidedBy: string | null } | null;
}

export interface AppraisalState {
  skps: SkpState[];
  realisations: RealisationState[];
  feedback: FeedbackState[];
  evaluations: EvaluationState[];
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const SKP_STATUS: Record<string, string> = {
  SkpCreated: 'DRAFT',
  SkpSubmitted: 'SUBMITTED',
  SkpWithdrawn: 'DRAFT',
  SkpReturned: 'RETURNED',
  SkpApproved: 'APPROVED',
  SkpAmendmentStarted: 'AMENDING',
  SkpAmended: 'APPROVED',
  SkpClosed: 'CLOSED',
};

/** Every service's events in one list, by recording time (then service, stream, revision). */
export function mergeHistories(parts: readonly ServiceHistory[]): ReplayedEvent[] {
  return parts
    .flatMap((p) => p.events)
    .sort(
      (a, b) =>
        a.recordedAt.localeCompare(b.recordedAt) || a.service.localeCompare(b.service) || a.stream.localeCompare(b.stream) || a.revision - b.revision,
    );
}

/** What the events recorded about the employee add up to (events about others, e.g. feedback they gave, are left out). */
export function appraisalState(nip: string, events: readonly ReplayedEvent[]): AppraisalState {
  const skps = new Map<string, SkpState>();
  const realisations = new Map<string, RealisationState>();
  const feedback = new Map<string, FeedbackState>();
  const evaluations = new Map<string, EvaluationState>();
  for (const e of events) {
    const d = (e.data ?? {}) as Data;
    const subject = str(d.employeeId) ?? str(d.nip) ?? (e.relation === 'own' ? nip : null);
    if (e.type in SKP_STATUS && e.service === 'work-planning') {
      const skpId = str(d.skpId);
      if (!skpId || !skpId.startsWith(nip)) continue;
      const skp = skps.get(skpId) ?? { skpId, status: 'DRAFT', version: null, approvedBy: null, approvedAt: null, rhk: 0 };
      skp.status = SKP_STATUS[e.type];
      const doc = d.document as Data | undefined;
      if (doc) {
        skp.version = num(doc.version);
        skp.approvedBy = str(doc.approvedBy);
        skp.approvedAt = str(doc.approvedAt);
        skp.rhk = Array.isArray(doc.rhk) ? doc.rhk.length : 0;
      }
      skps.set(skpId, skp);
    } else if (e.type === 'RealisationRecorded' && subject === nip) {
      const outcome = (d.outcome ?? {}) as Data;
      const evidence = Array.isArray(d.evidence) ? (d.evidence as Data[]).map((x) => str(x.fileName) ?? str(x.title) ?? str(x.url) ?? '') : [];
      const key = `${str(d.periodId)}:${str(d.ikiId)}`;
      realisations.set(key, {
        key,
        periodId: str(d.periodId) ?? '',
        ikiId: str(d.ikiId) ?? '',
        revision: num(d.revision) ?? 1,
        value: num(outcome.value),
        narrative: str(outcome.narrative),
        evidence,
        late: d.late === true,
      });
    } else if (e.type === 'ContinuousFeedbackGiven' && subject === nip) {
      const topic = (d.topic ?? {}) as Data;
      const id = str(d.feedbackId) ?? `${e.stream}@${e.revision}`;
      feedback.set(id, {
        feedbackId: id,
        periodId: str(d.periodId) ?? '',
        giverId: str(d.giverId) ?? '',
        topic: str(topic.value) ?? str(topic.rhkId) ?? str(topic.kind) ?? '',
        content: str(d.content) ?? '',
        evidence: false,
      });
    } else if (e.type === 'ContinuousFeedbackMarkedAsEvidence' || e.type === 'ContinuousFeedbackEvidenceMarkRemoved') {
      const item = feedback.get(str(d.feedbackId) ?? '');
      if (item) item.evidence = e.type === 'ContinuousFeedbackMarkedAsEvidence';
    } else if (e.service === 'evaluation' && str(d.evaluationId) && subject === nip) {
      const id = str(d.evaluationId)!;
      const ev = evaluations.get(id) ?? {
        evaluationId: id,
        periodId: str(d.periodId) ?? '',
        status: 'SUBMITTED' as const,
        ratingHasil: null,
        ratingPerilaku: null,
        predicate: null,
        assessorId: null,
        ruleSetVersion: null,
        objection: null,
      };
      const rated = () => {
        ev.ratingHasil = str(d.ratingHasil) ?? ev.ratingHasil;
        ev.ratingPerilaku = str(d.ratingPerilaku) ?? ev.ratingPerilaku;
        ev.predicate = str(d.predicate) ?? ev.predicate;
        ev.ruleSetVersion = str(d.ruleSetVersion) ?? e.ruleSetVersion ?? ev.ruleSetVersion;
      };
      switch (e.type) {
        case 'EvaluationSubmitted':
          ev.status = 'SUBMITTED';
          ev.assessorId = str(d.assessorId);
          rated();
          break;
        case 'PredicateSet':
          ev.status = 'SET';
          ev.assessorId = str(d.assessorId) ?? ev.assessorId;
          rated();
          break;
        case 'ObjectionFiled':
          ev.status = 'OBJECTED';
          ev.objection = { outcome: null, decidedBy: null };
          break;
        case 'ObjectionDecided':
          ev.status = 'DECIDED';
          ev.objection = { outcome: str(d.outcome), decidedBy: str(d.decidedBy) };
          rated();
          break;
        case 'PredicateFinalized':
          ev.status = 'FINAL';
          rated();
          break;
        default:
          break;
      }
      evaluations.set(id, ev);
    }
  }
  return { skps: [...skps.values()], realisations: [...realisations.values()], feedback: [...feedback.values()], evaluations: [...evaluations.values()] };
}

/** One fact that differs between two instants: `before` null when it did not exist yet. */
export interface StateChange {
  area: 'skp' | 'realisation' | 'feedback' | 'evaluation';
  key: string;
  field: string;
  before: string | null;
  after: string | null;
}

function flatten(state: AppraisalState): Map<string, { area: StateChange['area']; key: string; field: string; value: string }> {
  const out = new Map<string, { area: StateChange['area']; key: string; field: string; value: string }>();
  const put = (area: StateChange['area'], key: string, fields: Record<string, unknown>) => {
    for (const [field, v] of Object.entries(fields)) {
      if (v === null || v === undefined) continue;
      out.set(`${area}|${key}|${field}`, { area, key, field, value: Array.isArray(v) ? v.join(', ') : String(v) });
    }
  };
  for (const s of state.skps) put('skp', s.skpId, { status: s.status, version: s.version, approvedBy: s.approvedBy });
  for (const r of state.realisations) put('realisation', r.key, { value: r.value, narrative: r.narrative, evidence: r.evidence, revision: r.revision });
  for (const f of state.feedback) put('feedback', f.feedbackId, { content: f.content, giverId: f.giverId, evidence: f.evidence });
  for (const e of state.evaluations) {
    put('evaluation', e.evaluationId, {
      status: e.status,
      predicate: e.predicate,
      ratingHasil: e.ratingHasil,
      ratingPerilaku: e.ratingPerilaku,
      assessorId: e.assessorId,
      ruleSetVersion: e.ruleSetVersion,
      objectionOutcome: e.objection?.outcome,
    });
  }
  return out;
}

/** Every fact that is new, gone or different at `after` compared with `before`. */
export function diffStates(before: AppraisalState, after: AppraisalState): StateChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: StateChange[] = [];
  for (const [k, v] of b) {
    const was = a.get(k);
    if (!was || was.value !== v.value) changes.push({ area: v.area, key: v.key, field: v.field, before: was?.value ?? null, after: v.value });
  }
  for (const [k, v] of a) if (!b.has(k)) changes.push({ area: v.area, key: v.key, field: v.field, before: v.value, after: null });
  return changes;
}

/** Events recorded after `from` and at or before `to` (the later of the two histories, filtered). */
export function eventsBetween(events: readonly ReplayedEvent[], from: string, to: string): ReplayedEvent[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return events.filter((e) => e.recordedAt > start && e.recordedAt <= end);
}

/** The key of an event's place: service, stream and revision. */
export const eventKey = (e: { service: string; stream: string; revision: number }) => `${e.service}|${e.stream}|${e.revision}`;

/** The minutes a time zone is ahead of UTC at an instant. */
function zoneOffsetMinutes(zone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** A date-and-time as read on a clock in the city (`YYYY-MM-DDTHH:mm`, as an input of type datetime-local gives it) → ISO 8601 instant; null when malformed. */
export function cityWallTimeToIso(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(wall)) return null;
  const first = wall - zoneOffsetMinutes(zone, new Date(wall)) * 60_000;
  const instant = wall - zoneOffsetMinutes(zone, new Date(first)) * 60_000;
  // The end of that minute: everything recorded during it is included.
  return new Date(instant + (m[6] ? 999 : 59_999)).toISOString();
}

/** An instant → the city's clock (`YYYY-MM-DDTHH:mm`), for a datetime-local input. */
export function isoToCityWallTime(iso: string, zone: string): string {
  const at = new Date(iso);
  const local = new Date(at.getTime() + zoneOffsetMinutes(zone, at) * 60_000);
  return local.toISOString().slice(0, 16);
}

/** An instant to the second in the city's zone ("5 Desember 2026 16.27.09 WIB"): the auditor compares instants seconds apart. */
export function formatInstant(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
