import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `citizen_feedback_view` (a read model: citizens' ratings and comments, never their contact), and
 * for the public directory of service units: what a unit serves (`directory_unit.services`, set by
 * its admin) and the agencies' names (`directory_agency`, from AgencyRegistered.v1).
 */
export class CreateCitizenFeedbackViewAndPublicDirectory1764100000005 implements MigrationInterface {
  name = 'CreateCitizenFeedbackViewAndPublicDirectory1764100000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.citizen_feedback_view (
      feedback_id text PRIMARY KEY,
      agency_id text NOT NULL,
      unit_id text NOT NULL,
      counter_id text,
      employee_id text,
      rating integer NOT NULL,
      comment text,
      channel text NOT NULL,
      received_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX citizen_feedback_view_employee_idx ON ${s}.citizen_feedback_view (employee_id, received_at)`);
    await queryRunner.query(`CREATE INDEX citizen_feedback_view_unit_idx ON ${s}.citizen_feedback_view (unit_id, received_at)`);
    await queryRunner.query(`ALTER TABLE ${s}.directory_unit ADD COLUMN services text`);
    await queryRunner.query(`CREATE TABLE ${s}.directory_agency (
      agency_id text PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      updated_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.directory_agency`);
    await queryRunner.query(`ALTER TABLE ${s}.directory_unit DROP COLUMN services`);
    await queryRunner.query(`DROP TABLE ${s}.citizen_feedback_view`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
