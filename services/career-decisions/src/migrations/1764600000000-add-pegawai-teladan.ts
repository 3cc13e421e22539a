import { MigrationInterface, QueryRunner } from 'typeorm';

/** employee_record_view.teladan: year → fact id of the pegawai teladan naming. */
export class AddPegawaiTeladan1764600000000 implements MigrationInterface {
  name = 'AddPegawaiTeladan1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.employee_record_view ADD COLUMN teladan jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.employee_record_view DROP COLUMN teladan`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
