import { MigrationInterface, QueryRunner } from 'typeorm';

/** `employee_view.tmt_golongan`: the TMT of the golongan, published to career-decisions (issue 14 §6). */
export class AddEmployeeTmtGolongan1763900004500 implements MigrationInterface {
  name = 'AddEmployeeTmtGolongan1763900004500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.employee_view ADD COLUMN tmt_golongan date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.employee_view DROP COLUMN tmt_golongan`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
