import { MigrationInterface, QueryRunner } from 'typeorm';

/** `employee_view.email`: the work e-mail evaluation's notifier sends to (issue 16). */
export class AddEmployeeEmail1765200000000 implements MigrationInterface {
  name = 'AddEmployeeEmail1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.employee_view ADD COLUMN email text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.employee_view DROP COLUMN email`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
