import { MigrationInterface, QueryRunner } from 'typeorm';

/** `citizen_rating`: feedback-intake's FeedbackReceived.v1 naming an employee (a copy of a public fact, like feedback_count). */
export class CreateCitizenRating1764900000500 implements MigrationInterface {
  name = 'CreateCitizenRating1764900000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(
      `CREATE TABLE ${s}.citizen_rating (feedback_id text PRIMARY KEY, nip text NOT NULL, unit_id text NOT NULL, rating integer NOT NULL, received_at timestamptz NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX citizen_rating_nip_idx ON ${s}.citizen_rating (nip, received_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.citizen_rating`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
