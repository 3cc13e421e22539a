import { MigrationInterface, QueryRunner } from 'typeorm';

/** mentoring_evidence: career-decisions' MentoringSessionRecorded.v1, evidence for the mentor's BerAKHLAK (issue 19). */
export class CreateMentoringEvidence1765419000000 implements MigrationInterface {
  name = 'CreateMentoringEvidence1765419000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.mentoring_evidence (fact_id text PRIMARY KEY, nip text NOT NULL, mentee_nip text NOT NULL, relation_id text NOT NULL,
       session_date text NOT NULL, minutes integer NOT NULL, topic text NOT NULL, core_values jsonb NOT NULL)`);
    await queryRunner.query(`CREATE INDEX mentoring_evidence_nip_idx ON ${s}.mentoring_evidence (nip, session_date)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.mentoring_evidence`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
