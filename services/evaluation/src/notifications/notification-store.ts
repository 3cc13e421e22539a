import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_DELIVERY, Delivery, linkOf, NOTIFICATION_KINDS, NotificationDraft, NotificationKind, NotificationParams } from './notification.rules';

/** Runs SQL: the consumer's transaction (`context.query`) or the data source. */
export type Sql = <Row = any>(sql: string, parameters?: unknown[]) => Promise<Row[]>;

export interface NotificationItem {
  notificationId: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** Where in the console it is acted on. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsResponse {
  unreadCount: number;
  notifications: NotificationItem[];
}

export interface PreferencesResponse {
  /** Every kind with its delivery (EMAIL when never chosen), and whether an e-mail address is known. */
  preferences: { kind: NotificationKind; delivery: Delivery }[];
  emailKnown: boolean;
}

/**
 * Records notifications with the delivery the recipient chose for the kind. `notification_id` is
 * deterministic, so an event handled twice (or a deadline scanned twice) writes nothing new and
 * no second e-mail goes out.
 */
export async function recordNotifications(sql: Sql, drafts: readonly NotificationDraft[], now: Date): Promise<number> {
  let recorded = 0;
  for (const draft of drafts) {
    const rows = await sql<{ notification_id: string }>(
      `INSERT INTO notification (notification_id, recipient, kind, params, created_at, delivery)
       VALUES ($1, $2, $3, $4::jsonb, $5,
               COALESCE((SELECT delivery FROM notification_preference WHERE recipient = $2 AND kind = $3), $6))
       ON CONFLICT (notification_id) DO NOTHING
       RETURNING notification_id`,
      [draft.notificationId, draft.recipient, draft.kind, JSON.stringify(draft.params), now.toISOString(), DEFAULT_DELIVERY],
    );
    recorded += rows.length;
  }
  return recorded;
}

/** An employee's name and work e-mail, from work-planning's EmployeeRegistered/Updated.v1. */
export async function recordContact(sql: Sql, contact: { nip: string; name: string; email: string | null | undefined }): Promise<void> {
  await sql(
    `INSERT INTO notification_contact (nip, name, email) VALUES ($1, $2, $3)
     ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email`,
    [contact.nip, contact.name, contact.email ?? null],
  );
}

export async function nameOf(sql: Sql, nip: string): Promise<string | null> {
  const rows = await sql<{ name: string }>(`SELECT name FROM notification_contact WHERE nip = $1`, [nip]);
  return rows[0]?.name ?? null;
}

@Injectable()
export class NotificationStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(recipient: string, limit: number): Promise<NotificationsResponse> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT notification_id, kind, params, created_at, read_at FROM notification WHERE recipient = $1 ORDER BY created_at DESC, notification_id LIMIT $2`,
        [recipient, limit],
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE recipient = $1 AND read_at IS NULL`, [recipient]),
    ]);
    return {
      unreadCount: count[0].n,
      notifications: rows.map((r: { notification_id: string; kind: NotificationKind; params: NotificationParams; created_at: Date; read_at: Date | null }) => ({
        notificationId: r.notification_id,
        kind: r.kind,
        params: r.params,
        link: linkOf(r.kind, r.params),
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
      })),
    };
  }

  /** Marks one of the recipient's notifications read; false when they have none by that id. */
  async markRead(recipient: string, notificationId: string, now: Date): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE recipient = $1 AND notification_id = $2`,
      [recipient, notificationId, now.toISOString()],
    );
    return affected > 0;
  }

  async markAllRead(recipient: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE notification SET read_at = $2 WHERE recipient = $1 AND read_at IS NULL`, [recipient, now.toISOString()]);
  }

  async preferences(recipient: string): Promise<PreferencesResponse> {
    const [rows, contact] = await Promise.all([
      this.dataSource.query(`SELECT kind, delivery FROM notification_preference WHERE recipient = $1`, [recipient]),
      this.dataSource.query(`SELECT email FROM notification_contact WHERE nip = $1`, [recipient]),
    ]);
    const chosen = new Map<string, Delivery>(rows.map((r: { kind: string; delivery: Delivery }) => [r.kind, r.delivery]));
    return {
      preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? DEFAULT_DELIVERY })),
      emailKnown: Boolean(contact[0]?.email),
    };
  }

  /** Sets the delivery of the kinds given; notifications not yet e-mailed follow the new choice. */
  async setPreferences(recipient: string, preferences: readonly { kind: NotificationKind; delivery: Delivery }[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const { kind, delivery } of preferences) {
        await manager.query(
          `INSERT INTO notification_preference (recipient, kind, delivery) VALUES ($1, $2, $3)
           ON CONFLICT (recipient, kind) DO UPDATE SET delivery = EXCLUDED.delivery`,
          [recipient, kind, delivery],
        );
        await manager.query(`UPDATE notification SET delivery = $3 WHERE recipient = $1 AND kind = $2 AND emailed_at IS NULL`, [recipient, kind, delivery]);
      }
    });
  }
}
