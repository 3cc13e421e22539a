import { MigrationInterface, QueryRunner } from 'typeorm';

/** Local copies of consumed facts behind the suggested rating: SKP targets, realisations, continuous feedback counts, unit IKM. */
export class CreateConsumedFacts1764300000000 implements MigrationInterface {
  name = 'CreateConsumedFacts1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const sql of [
      `CREATE TABLE ${s}.skp_copy (skp_id text PRIMARY KEY, nip text NOT NULL, agency_id text NOT NULL, period_start text NOT NULL,
         period_end text NOT NULL, version integer NOT NULL, indicators jsonb NOT NULL)`,
      `CREATE INDEX skp_copy_nip_idx ON ${s}.skp_copy (nip)`,
      `CREATE TABLE ${s}.realisation_copy (period_id text NOT NULL, nip text NOT NULL, iki_id text NOT NULL, skp_id text NOT NULL,
         revision integer NOT NULL, value double precision, narrative text, evidence_count integer NOT NULL, late boolean NOT NULL,
         occurred_on text NOT NULL, PRIMARY KEY (period_id, nip, iki_id))`,
      `CREATE TABLE ${s}.feedback_count (period_id text NOT NULL, nip text NOT NULL, source text NOT NULL, count integer NOT NULL,
         PRIMARY KEY (period_id, nip, source))`,
      `CREATE TABLE ${s}.unit_ikm (unit_id text NOT NULL, period_id text NOT NULL, revision integer NOT NULL, ikm text NOT NULL,
         grade text NOT NULL, label text NOT NULL, respondent_count integer NOT NULL, PRIMARY KEY (unit_id, period_id))`,
    ])
      await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of ['unit_ikm', 'feedback_count', 'realisation_copy', 'skp_copy']) await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
