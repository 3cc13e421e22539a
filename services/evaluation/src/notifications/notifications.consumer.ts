import { Controller, Inject } from '@nestjs/common';
import type { PublicEvent } from '@kinerja/messaging';
import { Clock, CLOCK, PublicEventContext, PublicEventPattern } from '@kinerja/platform';
import { EvaluationConfig } from '../config';
import { localDateOf } from '../local-date';
import { OrganisationDirectory } from '../organisation/organisation.service';
import { EVALUATION_CONFIG } from '../tokens';
import { nameOf, recordContact, recordNotifications, Sql } from './notification-store';
import { NotificationDraft, personOf } from './notification.rules';

const sqlOf = (context: PublicEventContext): Sql => (sql, parameters) => context.query(sql, parameters);

/**
 * Public events → notifications, in the consumer's transaction with the event's inbox row. The
 * notification's id is the event id and the recipient, so a redelivered event (even one the inbox
 * would not stop) records nothing and no second e-mail is sent.
 */
@Controller()
export class NotificationsConsumer {
  constructor(
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
  ) {}

  @PublicEventPattern('EmployeeRegistered.v1', 'EmployeeUpdated.v1')
  async employee(event: PublicEvent<'EmployeeRegistered.v1' | 'EmployeeUpdated.v1'>, context: PublicEventContext): Promise<void> {
    const { nip, name, email } = event.data;
    await recordContact(sqlOf(context), { nip, name, email });
  }

  /** To the pejabat penilai of the submitter on the day, as the organisation says. */
  @PublicEventPattern('SkpSubmitted.v1')
  async skpSubmitted(event: PublicEvent<'SkpSubmitted.v1'>, context: PublicEventContext): Promise<void> {
    const { skpId, nip, version, submittedAt } = event.data;
    const sql = sqlOf(context);
    const penilai = await this.pejabatPenilaiOf(sql, nip, new Date(submittedAt));
    if (!penilai) return;
    const employeeName = (await nameOf(sql, nip)) ?? nip;
    await this.record(sql, [{ notificationId: `${event.id}:${penilai}`, recipient: penilai, kind: 'SKP_SUBMITTED', params: { skpId, nip, version, employeeName } }]);
  }

  @PublicEventPattern('SkpReturned.v1')
  async skpReturned(event: PublicEvent<'SkpReturned.v1'>, context: PublicEventContext): Promise<void> {
    const { skpId, nip, version } = event.data;
    await this.record(sqlOf(context), [{ notificationId: `${event.id}:${nip}`, recipient: nip, kind: 'SKP_RETURNED', params: { skpId, version } }]);
  }

  /** Open complaints with their SLA deadline: the deadline scanner warns the unit's head before it passes. */
  @PublicEventPattern('ComplaintReceived.v1')
  async complaintReceived(event: PublicEvent<'ComplaintReceived.v1'>, context: PublicEventContext): Promise<void> {
    const { complaintId, agencyId, unitId, dueAt } = event.data;
    await context.query(
      `INSERT INTO notification_complaint (complaint_id, agency_id, unit_id, due_at, open) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (complaint_id) DO UPDATE SET due_at = EXCLUDED.due_at, open = true`,
      [complaintId, agencyId, unitId, dueAt],
    );
  }

  @PublicEventPattern('ComplaintReopened.v1')
  async complaintReopened(event: PublicEvent<'ComplaintReopened.v1'>, context: PublicEventContext): Promise<void> {
    const { complaintId, dueAt } = event.data;
    // A complaint received before its deadline was published stays unknown here: nothing to warn about.
    await context.query(`UPDATE notification_complaint SET due_at = $2, open = true WHERE complaint_id = $1`, [complaintId, dueAt]);
  }

  /** Resolved, rejected, or past its deadline already (ComplaintSlaBreached.v1): no warning any more. */
  @PublicEventPattern('ComplaintResolved.v1', 'ComplaintRejected.v1', 'ComplaintSlaBreached.v1')
  async complaintClosed(event: PublicEvent<'ComplaintResolved.v1' | 'ComplaintRejected.v1' | 'ComplaintSlaBreached.v1'>, context: PublicEventContext): Promise<void> {
    await context.query(`UPDATE notification_complaint SET open = false WHERE complaint_id = $1`, [event.data.complaintId]);
  }

  private record(sql: Sql, drafts: NotificationDraft[]): Promise<number> {
    return recordNotifications(sql, drafts, this.clock.now());
  }

  private async pejabatPenilaiOf(sql: Sql, nip: string, at: Date): Promise<string | null> {
    const date = localDateOf(at, this.config.CITY_TIME_ZONE);
    const agencies = await sql<{ agency_id: string }>(`SELECT DISTINCT agency_id FROM org_assignment WHERE nip = $1 ORDER BY agency_id`, [nip]);
    for (const { agency_id } of agencies) {
      const chain = (await this.organisation.chartOf(agency_id, date, sql)).chainOf(nip);
      if (chain.pejabatPenilaiId) return personOf(chain.pejabatPenilaiId);
    }
    return null;
  }
}
