import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders admins asked for (issue 17 §2), pending until the notifier records them sent. */
export class CreateReminderView1765310000000 implements MigrationInterface {
  name = 'CreateReminderView1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.reminder_view (reminder_id text PRIMARY KEY, agency_id text NOT NULL, period_id text NOT NULL,
       stage text NOT NULL, recipients jsonb NOT NULL, note text, requested_by text NOT NULL, requested_at text NOT NULL,
       status text NOT NULL, sent_at text, channel text)`);
    await queryRunner.query(`CREATE INDEX reminder_view_period_idx ON ${s}.reminder_view (period_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.reminder_view`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
