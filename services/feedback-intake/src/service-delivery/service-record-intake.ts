import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommandActor, notFound } from '@kinerja/domain';
import { AppendResult, handle } from '@kinerja/event-store';
import { Actor, Commands, eventMetadata, isRole } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../config';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { GetServiceFiguresQuery } from './get-service-figures/get-service-figures.query';
import { serviceDeliveryDecider } from './service-delivery.decider';
import { serviceRecordBatchStream, ServiceRecordSource } from './service-delivery.events';
import { planServiceRecords, RecordProblem } from './service-records.rules';

/** Most records in one JSON request (it stays under the 100 KB body limit); more is 413. */
export const MAX_RECORDS_PER_JSON_BATCH = 300;
/** Most records in one CSV upload (at most 5 MB); more is 413. */
export const MAX_RECORDS_PER_CSV = 10_000;

export interface IntakeReport {
  agencyId: string;
  /** Null when nothing new was stored. */
  batchId: string | null;
  received: number;
  accepted: number;
  /** Source ids already stored exactly as sent: not stored again. */
  duplicates: string[];
  /** Every problem of every record; when not empty nothing of the batch was stored. */
  problems: RecordProblem[];
  dryRun: boolean;
}

/**
 * The one way service records come in, whatever the channel (HTTP JSON, CSV upload, the stream):
 * every record checked, the batch stored whole or not at all, records already stored reported as
 * duplicates, and no personal datum accepted.
 */
@Injectable()
export class ServiceRecordIntake {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly dataSource: DataSource,
    private readonly figures: GetServiceFiguresQuery,
  ) {}

  async agencyKnown(agencyId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM directory_agency WHERE agency_id = $1 UNION SELECT 1 FROM directory_unit WHERE agency_id = $1 LIMIT 1`, [agencyId]);
    return rows.length > 0;
  }

  async accept(input: { agencyId: string; records: readonly Record<string, unknown>[]; source: ServiceRecordSource; actor: CommandActor; dryRun?: boolean; lines?: number[]; correlationId?: string; waitVisible?: boolean }): Promise<IntakeReport & { append?: AppendResult }> {
    const { agencyId, records, source, actor } = input;
    if (!(await this.agencyKnown(agencyId))) throw notFound('AGENCY_NOT_FOUND', `Instansi ${agencyId} tidak dikenal.`);
    const now = this.commands.now();
    const nips = [...new Set(records.map((r) => r.officerNip).filter((v): v is string => typeof v === 'string'))];
    const sourceIds = [...new Set(records.map((r) => (typeof r.sourceId === 'string' ? r.sourceId.trim() : '')).filter(Boolean))];
    const [standards, units, officers, existing] = await Promise.all([
      this.figures.standardVersions(agencyId),
      this.dataSource.query(`SELECT unit_id FROM directory_unit WHERE agency_id = $1`, [agencyId]) as Promise<{ unit_id: string }[]>,
      this.dataSource.query(`SELECT nip, agency_id FROM directory_employee WHERE nip = ANY($1)`, [nips]) as Promise<{ nip: string; agency_id: string }[]>,
      this.figures.existing(agencyId, sourceIds),
    ]);
    const plan = planServiceRecords(records, {
      agencyId,
      standards,
      units: new Set(units.map((u) => u.unit_id)),
      officers: new Map(officers.map((o) => [o.nip, o.agency_id])),
      existing,
      calendar: this.config.calendar,
      now,
    });
    const problems = input.lines ? plan.problems.map((p) => ({ ...p, line: input.lines![p.index] })) : plan.problems;
    const report: IntakeReport = { agencyId, batchId: null, received: records.length, accepted: plan.accepted.length, duplicates: plan.duplicates, problems, dryRun: input.dryRun ?? false };
    if (problems.length > 0) return { ...report, accepted: 0 };
    if (input.dryRun || plan.accepted.length === 0) return report;
    const batchId = createHash('sha256')
      .update(`${agencyId}\n${plan.accepted.map((r) => r.sourceId).sort().join('\n')}`)
      .digest('hex')
      .slice(0, 32);
    const result = await handle(
      this.commands.store,
      serviceRecordBatchStream(agencyId, batchId),
      serviceDeliveryDecider,
      { type: 'AcceptServiceRecords', data: { agencyId, batchId, source, records: plan.accepted }, metadata: { now, actor } },
      isRole(actor.role)
        ? eventMetadata(actor as Actor, { now, agencyId })
        : { actorId: actor.id, actorRole: actor.role, agencyId, occurredAt: now.toISOString(), ...(input.correlationId ? { correlationId: input.correlationId } : {}) },
    );
    if (result.append && input.waitVisible !== false) await this.commands.visible.wait(result.append);
    return { ...report, batchId, accepted: result.events.length > 0 ? plan.accepted.length : 0, duplicates: result.events.length > 0 ? plan.duplicates : [...plan.duplicates, ...plan.accepted.map((r) => r.sourceId)], append: result.append };
  }
}
