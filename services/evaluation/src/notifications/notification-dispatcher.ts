import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, CLOCK, LOGGER, Logger } from '@kinerja/platform';
import { EvaluationConfig } from '../config';
import { addDays, localDateOf, startOfLocalDay } from '../local-date';
import { EVALUATION_CONFIG } from '../tokens';
import { Mailer } from './mailer';
import { DeadlineScanner } from './deadline-scanner';
import { recordNotifications } from './notification-store';
import { digestOf, linkOf, messageOf, NotificationKind, NotificationParams } from './notification.rules';

export const MAILER = Symbol('MAILER');

interface Unsent {
  notification_id: string;
  recipient: string;
  kind: NotificationKind;
  params: NotificationParams;
  email: string;
}

export interface PassResult {
  notified: number;
  emailed: number;
  digests: number;
}

/**
 * The notifications' own clockwork: each pass records the notifications of deadlines coming up
 * (DeadlineScanner), e-mails those chosen as EMAIL, and once a day after NOTIFICATION_DIGEST_HOUR
 * one digest per person of those chosen as DIGEST. A pass runs under a transaction-scoped advisory
 * lock, so with several instances exactly one works at a time; a row is marked e-mailed in the
 * transaction that sent it (a crash between the SMTP answer and the commit sends it again: at least once).
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<PassResult | null> | null = null;
  private stopped = true;
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineScanner,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
  ) {
    this.log = logger.child({ component: 'notifications' });
  }

  onApplicationBootstrap(): void {
    if (!this.config.NOTIFICATIONS_ENABLED) return;
    if (!this.mailer) this.log.info('SMTP_URL not set: notifications are shown in the console only');
    this.stopped = false;
    const next = (delay: number) => {
      this.timer = setTimeout(() => void this.tick().finally(() => !this.stopped && next(this.config.NOTIFICATIONS_INTERVAL_MS)), delay);
      this.timer.unref();
    };
    next(Math.min(this.config.NOTIFICATIONS_INTERVAL_MS, 1_000));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
    this.mailer?.close();
  }

  /** The timer's pass, joining one in progress; a failed pass is logged. */
  tick(): Promise<PassResult | null> {
    this.pass ??= this.runOnce()
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'notification pass failed');
        return null;
      })
      .finally(() => (this.pass = null));
    return this.pass;
  }

  /**
   * One pass now; null when another instance holds the lock. The lock is a session lock on a
   * connection of its own, and every write is a short transaction of its own. A writing
   * transaction held open across the scan and the SMTP exchanges would keep the projections of
   * every service sharing the database behind it, since they wait for older writers.
   */
  async runOnce(): Promise<PassResult | null> {
    const now = this.clock.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('kinerja_notifications'), 0) AS locked`);
      if (!locked) return null;
      try {
        const due = await this.deadlines.due(now);
        const notified = await this.dataSource.transaction((manager) => recordNotifications((sql, p) => manager.query(sql, p), due, now));
        if (!this.mailer) return { notified, emailed: 0, digests: 0 };
        const emailed = await this.sendEach(this.dataSource.manager, this.mailer, now);
        const digests = await this.sendDigests(this.dataSource.manager, this.mailer, now);
        if (emailed + digests > 0) this.log.info({ emailed, digests }, 'notification e-mails sent');
        return { notified, emailed, digests };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('kinerja_notifications'), 0)`);
      }
    } finally {
      await runner.release();
    }
  }

  private unsent(manager: EntityManager, delivery: 'EMAIL' | 'DIGEST', before: Date): Promise<Unsent[]> {
    return manager.query(
      `SELECT n.notification_id, n.recipient, n.kind, n.params, c.email
       FROM notification n JOIN notification_contact c ON c.nip = n.recipient AND c.email IS NOT NULL
       WHERE n.emailed_at IS NULL AND n.delivery = $1 AND n.created_at < $2 AND n.email_attempts < 10
       ORDER BY n.created_at, n.notification_id LIMIT 500`,
      [delivery, before.toISOString()],
    );
  }

  private async sendEach(manager: EntityManager, mailer: Mailer, now: Date): Promise<number> {
    let sent = 0;
    for (const row of await this.unsent(manager, 'EMAIL', new Date(now.getTime() + 1))) {
      const { subject, text } = messageOf(row.kind, row.params);
      if (await this.deliver(manager, mailer, row.email, subject, `${text}\n\n${this.config.CONSOLE_URL}${linkOf(row.kind, row.params)}`, [row.notification_id], now)) sent++;
    }
    return sent;
  }

  /** After the digest hour: everything chosen as DIGEST recorded before today's digest hour, one e-mail per person. */
  private async sendDigests(manager: EntityManager, mailer: Mailer, now: Date): Promise<number> {
    const zone = this.config.CITY_TIME_ZONE;
    const today = localDateOf(now, zone);
    const digestAt = new Date(startOfLocalDay(today, zone).getTime() + this.config.NOTIFICATION_DIGEST_HOUR * 3_600_000);
    const cutoff = now >= digestAt ? digestAt : new Date(startOfLocalDay(addDays(today, -1), zone).getTime() + this.config.NOTIFICATION_DIGEST_HOUR * 3_600_000);
    const byRecipient = new Map<string, Unsent[]>();
    for (const row of await this.unsent(manager, 'DIGEST', cutoff)) byRecipient.set(row.recipient, [...(byRecipient.get(row.recipient) ?? []), row]);
    let sent = 0;
    for (const rows of byRecipient.values()) {
      const { subject, text } = digestOf(rows);
      if (await this.deliver(manager, mailer, rows[0].email, subject, `${text}\n\n${this.config.CONSOLE_URL}/notifikasi`, rows.map((r) => r.notification_id), now)) sent++;
    }
    return sent;
  }

  private async deliver(manager: EntityManager, mailer: Mailer, to: string, subject: string, text: string, ids: string[], now: Date): Promise<boolean> {
    try {
      await mailer.send({ to, subject, text });
      await manager.query(`UPDATE notification SET emailed_at = $2, email_error = NULL WHERE notification_id = ANY($1)`, [ids, now.toISOString()]);
      return true;
    } catch (error) {
      // Tried again next pass, at most 10 times; the address is never logged.
      this.log.warn({ err: String(error), notifications: ids.length }, 'notification e-mail not sent');
      await manager.query(`UPDATE notification SET email_attempts = email_attempts + 1, email_error = $2 WHERE notification_id = ANY($1)`, [ids, String(error).slice(0, 500)]);
      return false;
    }
  }
}
