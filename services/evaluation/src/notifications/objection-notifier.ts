import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@kinerja/platform';
import type { EvaluationEvent } from '../evaluations/evaluation.events';
import { nameOf, recordNotifications, Sql } from './notification-store';
import { personOf } from './notification.rules';

/**
 * Keberatan filed (to the atasan) and decided (to the employee), recorded when evaluation stores
 * them. They are evaluation's own events: consuming its own public topic would put a writing
 * transaction beside every event it publishes and hold its projections back. The notification's
 * id is the evaluation and the event's revision with the recipient, so a retried request records
 * nothing twice.
 */
@Injectable()
export class ObjectionNotifier {
  private readonly logger = new Logger('ObjectionNotifier');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recorded(events: readonly EvaluationEvent[], lastRevision: number): Promise<void> {
    const sql: Sql = (text, parameters) => this.dataSource.query(text, parameters as unknown[]);
    const firstRevision = lastRevision - events.length + 1;
    try {
      for (const [i, event] of events.entries()) {
        const key = `${event.data.evaluationId}@${firstRevision + i}`;
        if (event.type === 'ObjectionFiled') {
          const { employeeId: nip, periodId, atasanId } = event.data;
          const atasan = personOf(atasanId);
          const employeeName = (await nameOf(sql, nip)) ?? nip;
          await recordNotifications(sql, [{ notificationId: `${key}:${atasan}`, recipient: atasan, kind: 'OBJECTION_FILED', params: { nip, periodId, employeeName } }], this.clock.now());
        } else if (event.type === 'ObjectionDecided') {
          const { employeeId: nip, periodId, outcome, predicate } = event.data;
          await recordNotifications(sql, [{ notificationId: `${key}:${nip}`, recipient: nip, kind: 'OBJECTION_DECIDED', params: { periodId, outcome, predicate } }], this.clock.now());
        }
      }
    } catch (err) {
      // The keberatan is stored; a notification not recorded is logged, never a failed request.
      this.logger.warn(`objection notification not recorded: ${String(err)}`);
    }
  }
}
