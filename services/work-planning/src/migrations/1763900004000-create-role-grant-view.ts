import { MigrationInterface, QueryRunner } from 'typeorm';

/** `role_grant_view`: the role grants in force (GET /role-grants, the auth guard's grant lookup). */
export class CreateRoleGrantView1763900004000 implements MigrationInterface {
  name = 'CreateRoleGrantView1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(
      `CREATE TABLE ${schema}.role_grant_view (
         grant_id text PRIMARY KEY,
         nip text NOT NULL,
         role text NOT NULL,
         agency_id text,
         granted_by text NOT NULL,
         granted_at timestamptz NOT NULL
       )`,
    );
    await queryRunner.query(`CREATE INDEX role_grant_view_nip_idx ON ${schema}.role_grant_view (nip)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${schema}.role_grant_view`);
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
