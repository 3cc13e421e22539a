import { Controller } from '@nestjs/common';
import type { PublicEvent } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from '@kinerja/platform';
import { ComputedRealisations } from './computed-realisations';

/**
 * feedback-intake's service records and complaint resolutions → copies here, then the realisations
 * of the officers' bound IKIs are computed again (issue 19). Copies are inserted once (the source
 * id, the complaint id); a redelivered message finds the value unchanged and records nothing.
 */
@Controller()
export class ServiceFactsConsumer {
  constructor(private readonly computed: ComputedRealisations) {}

  @PublicEventPattern('ServiceRecordsAccepted.v1')
  async serviceRecords(event: PublicEvent<'ServiceRecordsAccepted.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    const officers = new Set<string>();
    for (const r of d.records) {
      officers.add(r.officerNip);
      await context.query(
        `INSERT INTO service_record_copy (agency_id, source_id, service_code, unit_id, officer_nip, received_at, completed_at, standard_unit, elapsed, within_standard)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (agency_id, source_id) DO NOTHING`,
        [d.agencyId, r.sourceId, r.serviceCode, r.unitId, r.officerNip, r.receivedAt, r.completedAt, r.standard.unit, r.elapsed, r.withinStandard],
      );
    }
    for (const nip of officers) await this.computed.forOfficer(nip, (sql, p) => context.query(sql, p));
  }

  @PublicEventPattern('ComplaintResolved.v1')
  async complaintResolved(event: PublicEvent<'ComplaintResolved.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    if (!d.resolvedBy) return;
    await context.query(
      `INSERT INTO complaint_resolution_copy (complaint_id, unit_id, category, resolved_by, resolved_at, within_sla) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (complaint_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, category = EXCLUDED.category, resolved_by = EXCLUDED.resolved_by,
         resolved_at = EXCLUDED.resolved_at, within_sla = EXCLUDED.within_sla
       WHERE complaint_resolution_copy.resolved_at <= EXCLUDED.resolved_at`,
      [d.complaintId, d.unitId, d.category, d.resolvedBy, d.resolvedAt, d.withinSla],
    );
    await this.computed.forOfficer(d.resolvedBy, (sql, p) => context.query(sql, p));
  }
}
