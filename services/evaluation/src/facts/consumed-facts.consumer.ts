import { Controller } from '@nestjs/common';
import type { PublicEvent } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from '@kinerja/platform';

/**
 * Facts the pejabat penilai sees before rating (issue 6 §2), copied from other services' public
 * events in the consumer's transaction. Upserts keep the latest SKP version and realisation
 * revision, so order and redelivery do not matter; feedback counts rely on the inbox (once per event).
 */
@Controller()
export class ConsumedFactsConsumer {
  @PublicEventPattern('SkpApproved.v1', 'SkpAmended.v1')
  async skp(event: PublicEvent<'SkpApproved.v1' | 'SkpAmended.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    const indicators = d.rhk.flatMap((r) =>
      r.indicators.map((i) => ({
        rhkId: r.rhkId,
        ikiId: i.ikiId,
        aspect: i.aspect,
        indicator: i.indicator,
        target: i.target,
        ...(i.direction ? { direction: i.direction } : {}),
        ...(i.periodTargets ? { periodTargets: i.periodTargets } : {}),
      })),
    );
    await context.query(
      `INSERT INTO skp_copy (skp_id, nip, agency_id, period_start, period_end, version, indicators) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (skp_id) DO UPDATE SET nip = EXCLUDED.nip, agency_id = EXCLUDED.agency_id, period_start = EXCLUDED.period_start,
         period_end = EXCLUDED.period_end, version = EXCLUDED.version, indicators = EXCLUDED.indicators
       WHERE skp_copy.version <= EXCLUDED.version`,
      [d.skpId, d.nip, d.agencyId, d.periodStart, d.periodEnd, d.version, JSON.stringify(indicators)],
    );
  }

  @PublicEventPattern('RealisationRecorded.v1')
  async realisationRecorded(event: PublicEvent<'RealisationRecorded.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    await context.query(
      `INSERT INTO realisation_copy (period_id, nip, iki_id, skp_id, revision, value, narrative, evidence_count, late, occurred_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (period_id, nip, iki_id) DO UPDATE SET skp_id = EXCLUDED.skp_id, revision = EXCLUDED.revision, value = EXCLUDED.value,
         narrative = EXCLUDED.narrative, evidence_count = EXCLUDED.evidence_count, late = EXCLUDED.late, occurred_on = EXCLUDED.occurred_on
       WHERE realisation_copy.revision <= EXCLUDED.revision`,
      [d.periodId, d.nip, d.ikiId, d.skpId, d.revision, d.value, d.narrative, d.evidence.length, d.late, d.occurredOn],
    );
  }

  /** A citizen's rating naming an employee (FeedbackReceived.v1 without employeeId is about the unit only: its IKM counts). */
  @PublicEventPattern('FeedbackReceived.v1')
  async feedbackReceived(event: PublicEvent<'FeedbackReceived.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    if (d.employeeId === undefined) return;
    await context.query(
      `INSERT INTO citizen_rating (feedback_id, nip, unit_id, rating, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (feedback_id) DO NOTHING`,
      [d.feedbackId, d.employeeId, d.unitId, d.rating, d.receivedAt],
    );
  }

  @PublicEventPattern('ContinuousFeedbackGiven.v1')
  async continuousFeedbackGiven(event: PublicEvent<'ContinuousFeedbackGiven.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    await context.query(
      `INSERT INTO feedback_count (period_id, nip, source, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (period_id, nip, source) DO UPDATE SET count = feedback_count.count + 1`,
      [d.periodId, d.nip, d.source],
    );
  }

  /** A mentoring session the employee gave (career-decisions): evidence for their BerAKHLAK; the same session again changes nothing. */
  @PublicEventPattern('MentoringSessionRecorded.v1')
  async mentoringSessionRecorded(event: PublicEvent<'MentoringSessionRecorded.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    await context.query(
      `INSERT INTO mentoring_evidence (fact_id, nip, mentee_nip, relation_id, session_date, minutes, topic, core_values) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (fact_id) DO NOTHING`,
      [d.factId, d.nip, d.menteeNip, d.relationId, d.date, d.minutes, d.topic, JSON.stringify(d.coreValues)],
    );
  }

  @PublicEventPattern('IkmComputed.v1')
  async ikmComputed(event: PublicEvent<'IkmComputed.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    await context.query(
      `INSERT INTO unit_ikm (unit_id, period_id, revision, ikm, grade, label, respondent_count) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (unit_id, period_id) DO UPDATE SET revision = EXCLUDED.revision, ikm = EXCLUDED.ikm, grade = EXCLUDED.grade,
         label = EXCLUDED.label, respondent_count = EXCLUDED.respondent_count
       WHERE unit_ikm.revision <= EXCLUDED.revision`,
      [d.unitId, d.periodId, d.revision, d.ikm, d.grade, d.label, d.respondentCount],
    );
  }
}
