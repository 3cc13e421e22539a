import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per agency: whether peers and direct subordinates may give BerAKHLAK feedback (PP 30/2019 allows it). */
export class CreateAgencyFeedbackSettings1764100000003 implements MigrationInterface {
  name = 'CreateAgencyFeedbackSettings1764100000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.driver.schema ?? 'public').replace(/"/g, '""')}"`;
    await queryRunner.query(`CREATE TABLE ${s}.agency_feedback_settings (
      agency_id text PRIMARY KEY,
      peer_feedback_enabled boolean NOT NULL,
      subordinate_feedback_enabled boolean NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.driver.schema ?? 'public').replace(/"/g, '""')}"`;
    await queryRunner.query(`DROP TABLE ${s}.agency_feedback_settings`);
  }
}
