import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `realisation_view` (a read model) and `evidence_file`: the bytes of uploaded bukti dukung, keyed
 * by their SHA-256. The latter is storage, not a projection: a rebuild never drops it, and events
 * carry only the hash, size and name.
 */
export class CreateRealisationViews1763900003000 implements MigrationInterface {
  name = 'CreateRealisationViews1763900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.realisation_view (
      id text PRIMARY KEY, skp_id text NOT NULL, period_id text NOT NULL, iki_id text NOT NULL, nip text NOT NULL,
      revision integer NOT NULL, value numeric, narrative text, evidence jsonb NOT NULL, occurred_on date NOT NULL,
      recorded_at timestamptz NOT NULL, late boolean NOT NULL)`);
    await queryRunner.query(`CREATE INDEX realisation_view_skp_idx ON ${s}.realisation_view (skp_id, period_id)`);
    await queryRunner.query(`CREATE TABLE ${s}.evidence_file (
      sha256 text PRIMARY KEY, size_bytes integer NOT NULL, media_type text NOT NULL, file_name text NOT NULL,
      bytes bytea NOT NULL, uploaded_by text NOT NULL, uploaded_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.evidence_file`);
    await queryRunner.query(`DROP TABLE ${s}.realisation_view`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
