import { EventHandler } from '@kinerja/messaging';

/**
 * Facts the pejabat penilai sees before rating (issue 6 §2), copied from other services' public
 * events in the consumer's transaction. Upserts keep the latest SKP version and realisation
 * revision, so order and redelivery do not matter; feedback counts rely on the inbox (once per event).
 */
interface SkpDocument {
  skpId: string;
  nip: string;
  agencyId: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  rhk: { rhkId: string; indicators: { ikiId: string; aspect: string; indicator: string; target: { kind: string; value?: number; unit?: string; description?: string } }[] }[];
}

const skp: EventHandler = async (event, context) => {
  const d = event.data as SkpDocument;
  const indicators = d.rhk.flatMap((r) => r.indicators.map((i) => ({ rhkId: r.rhkId, ikiId: i.ikiId, aspect: i.aspect, indicator: i.indicator, target: i.target })));
  await context.query(
    `INSERT INTO skp_copy (skp_id, nip, agency_id, period_start, period_end, version, indicators) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (skp_id) DO UPDATE SET nip = EXCLUDED.nip, agency_id = EXCLUDED.agency_id, period_start = EXCLUDED.period_start,
       period_end = EXCLUDED.period_end, version = EXCLUDED.version, indicators = EXCLUDED.indicators
     WHERE skp_copy.version <= EXCLUDED.version`,
    [d.skpId, d.nip, d.agencyId, d.periodStart, d.periodEnd, d.version, JSON.stringify(indicators)],
  );
};

const realisation: EventHandler = async (event, context) => {
  const d = event.data as {
    skpId: string;
    nip: string;
    periodId: string;
    ikiId: string;
    revision: number;
    value: number | null;
    narrative: string | null;
    evidence: unknown[];
    occurredOn: string;
    late: boolean;
  };
  await context.query(
    `INSERT INTO realisation_copy (period_id, nip, iki_id, skp_id, revision, value, narrative, evidence_count, late, occurred_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (period_id, nip, iki_id) DO UPDATE SET skp_id = EXCLUDED.skp_id, revision = EXCLUDED.revision, value = EXCLUDED.value,
       narrative = EXCLUDED.narrative, evidence_count = EXCLUDED.evidence_count, late = EXCLUDED.late, occurred_on = EXCLUDED.occurred_on
     WHERE realisation_copy.revision <= EXCLUDED.revision`,
    [d.periodId, d.nip, d.ikiId, d.skpId, d.revision, d.value, d.narrative, d.evidence.length, d.late, d.occurredOn],
  );
};

const feedback: EventHandler = async (event, context) => {
  const d = event.data as { nip: string; periodId: string; source: string };
  await context.query(
    `INSERT INTO feedback_count (period_id, nip, source, count) VALUES ($1, $2, $3, 1)
     ON CONFLICT (period_id, nip, source) DO UPDATE SET count = feedback_count.count + 1`,
    [d.periodId, d.nip, d.source],
  );
};

const ikm: EventHandler = async (event, context) => {
  const d = event.data as { unitId: string; periodId: string; revision: number; ikm: string; grade: string; label: string; respondentCount: number };
  await context.query(
    `INSERT INTO unit_ikm (unit_id, period_id, revision, ikm, grade, label, respondent_count) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (unit_id, period_id) DO UPDATE SET revision = EXCLUDED.revision, ikm = EXCLUDED.ikm, grade = EXCLUDED.grade,
       label = EXCLUDED.label, respondent_count = EXCLUDED.respondent_count
     WHERE unit_ikm.revision <= EXCLUDED.revision`,
    [d.unitId, d.periodId, d.revision, d.ikm, d.grade, d.label, d.respondentCount],
  );
};

/** A citizen's rating naming an employee (FeedbackReceived.v1 without employeeId is about the unit only: its IKM counts). */
const citizenRating: EventHandler = async (event, context) => {
  const d = event.data as { feedbackId: string; unitId: string; employeeId?: string; rating: number; receivedAt: string };
  if (d.employeeId === undefined) return;
  await context.query(
    `INSERT INTO citizen_rating (feedback_id, nip, unit_id, rating, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (feedback_id) DO NOTHING`,
    [d.feedbackId, d.employeeId, d.unitId, d.rating, d.receivedAt],
  );
};

export const WORK_PLANNING_FACT_HANDLERS: Record<string, EventHandler> = {
  'SkpApproved.v1': skp,
  'SkpAmended.v1': skp,
  'RealisationRecorded.v1': realisation,
};

export const FEEDBACK_FACT_HANDLERS: Record<string, EventHandler> = {
  'ContinuousFeedbackGiven.v1': feedback,
  'IkmComputed.v1': ikm,
  'FeedbackReceived.v1': citizenRating,
};
