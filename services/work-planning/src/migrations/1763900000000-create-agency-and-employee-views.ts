import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of the first slice: `agency_view` (GET /agencies/:id), `employee_view` (GET /employees/:nip). */
export class CreateAgencyAndEmployeeViews1763900000000 implements MigrationInterface {
  name = 'CreateAgencyAndEmployeeViews1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(
      `CREATE TABLE ${schema}.agency_view (
         agency_id text PRIMARY KEY,
         code text NOT NULL,
         name text NOT NULL,
         registered_at timestamptz NOT NULL
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE ${schema}.employee_view (
         nip text PRIMARY KEY,
         name text NOT NULL,
         status text NOT NULL,
         agency_id text NOT NULL,
         pangkat text,
         golongan text,
         birth_date date NOT NULL,
         gender text NOT NULL,
         appointment_year integer NOT NULL,
         appointment_month integer,
         registered_at timestamptz NOT NULL
       )`,
    );
    await queryRunner.query(`CREATE INDEX employee_view_agency_idx ON ${schema}.employee_view (agency_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${schema}.employee_view`);
    await queryRunner.query(`DROP TABLE ${schema}.agency_view`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
