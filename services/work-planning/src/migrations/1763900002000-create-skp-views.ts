import { MigrationInterface, QueryRunner } from 'typeorm';

/** `skp_view` (SKP document, versions, team board, completion) and `rhk_view` (cascade / MPPH, link status). */
export class CreateSkpViews1763900002000 implements MigrationInterface {
  name = 'CreateSkpViews1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.skp_view (
      skp_id text PRIMARY KEY, nip text NOT NULL, agency_id text NOT NULL, period_start date NOT NULL, period_end date NOT NULL,
      status text NOT NULL, versions integer NOT NULL, revision integer NOT NULL, state jsonb NOT NULL, updated_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX skp_view_nip_idx ON ${s}.skp_view (nip, period_start)`);
    await queryRunner.query(`CREATE INDEX skp_view_agency_idx ON ${s}.skp_view (agency_id, period_start)`);
    await queryRunner.query(`CREATE TABLE ${s}.rhk_view (
      id text PRIMARY KEY, skp_id text NOT NULL, rhk_id text NOT NULL, nip text, jenis text NOT NULL, text text NOT NULL,
      parent_skp_id text, parent_rhk_id text, perjanjian_kinerja text, approved boolean NOT NULL, in_draft boolean NOT NULL)`);
    await queryRunner.query(`CREATE INDEX rhk_view_parent_idx ON ${s}.rhk_view (parent_skp_id, parent_rhk_id)`);
    await queryRunner.query(`CREATE INDEX rhk_view_skp_idx ON ${s}.rhk_view (skp_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.rhk_view`);
    await queryRunner.query(`DROP TABLE ${s}.skp_view`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
