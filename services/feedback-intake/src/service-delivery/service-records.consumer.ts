import { Controller } from '@nestjs/common';
import type { PublicEvent } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from '@kinerja/platform';
import { ServiceRecordIntake } from './service-record-intake';

const ACTOR = { id: 'system:service-records-stream', role: 'SYSTEM' };

/**
 * The stream channel of service records: an agency's system produces `ServiceRecordReported.v1` on
 * feedback-intake's inbound topic. Each message goes through the same intake as the HTTP API; a
 * record with a problem (an unknown officer, completed before received, a source id reused with
 * other content) is kept in `service_record_rejection` for the agency to read, and the message is
 * done: sending it again after the fix is how it is corrected.
 */
@Controller()
export class ServiceRecordsConsumer {
  constructor(private readonly intake: ServiceRecordIntake) {}

  @PublicEventPattern('ServiceRecordReported.v1')
  async reported(event: PublicEvent<'ServiceRecordReported.v1'>, context: PublicEventContext): Promise<void> {
    const { agencyId, ...record } = event.data;
    if (!(await this.intake.agencyKnown(agencyId))) {
      await this.reject(context, agencyId, record.sourceId, event.id, [{ field: 'agencyId', code: 'AGENCY_NOT_FOUND', message: `Instansi ${agencyId} tidak dikenal.` }]);
      return;
    }
    const report = await this.intake.accept({ agencyId, records: [record], source: 'STREAM', actor: ACTOR, correlationId: event.correlationId, waitVisible: false });
    if (report.problems.length > 0) await this.reject(context, agencyId, record.sourceId, event.id, report.problems);
  }

  private async reject(context: PublicEventContext, agencyId: string, sourceId: string, messageId: string, problems: { field: string; code: string; message: string }[]): Promise<void> {
    await context.query(
      `INSERT INTO service_record_rejection (message_id, agency_id, source_id, problems, rejected_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (message_id) DO NOTHING`,
      [messageId, agencyId, sourceId, JSON.stringify(problems.map(({ field, code, message }) => ({ field, code, message })))],
    );
  }
}
