import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 16): the console's list with read marks and the e-mail state of each, the
 * delivery each person chose per kind, the names and work e-mails from work-planning's events, and
 * the open complaints' SLA deadlines from feedback-intake's.
 * Not a projection of evaluation's store: fed by public events and deadlines, like `citizen_rating`.
 */
export class CreateNotifications1765200000000 implements MigrationInterface {
  name = 'CreateNotifications1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(
      `CREATE TABLE ${s}.notification (
         notification_id text PRIMARY KEY,
         recipient text NOT NULL,
         kind text NOT NULL,
         params jsonb NOT NULL,
         created_at timestamptz NOT NULL,
         read_at timestamptz,
         delivery text NOT NULL,
         emailed_at timestamptz,
         email_attempts integer NOT NULL DEFAULT 0,
         email_error text
       )`,
    );
    await queryRunner.query(`CREATE INDEX notification_recipient_idx ON ${s}.notification (recipient, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX notification_unsent_idx ON ${s}.notification (delivery, created_at) WHERE emailed_at IS NULL`);
    await queryRunner.query(`CREATE TABLE ${s}.notification_preference (recipient text NOT NULL, kind text NOT NULL, delivery text NOT NULL, PRIMARY KEY (recipient, kind))`);
    await queryRunner.query(`CREATE TABLE ${s}.notification_contact (nip text PRIMARY KEY, name text NOT NULL, email text)`);
    await queryRunner.query(
      `CREATE TABLE ${s}.notification_complaint (complaint_id text PRIMARY KEY, agency_id text NOT NULL, unit_id text NOT NULL, due_at timestamptz NOT NULL, open boolean NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX notification_complaint_due_idx ON ${s}.notification_complaint (due_at) WHERE open`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.notification_complaint`);
    await queryRunner.query(`DROP TABLE ${s}.notification_contact`);
    await queryRunner.query(`DROP TABLE ${s}.notification_preference`);
    await queryRunner.query(`DROP TABLE ${s}.notification`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
