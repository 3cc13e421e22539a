import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountView1763900000000 implements MigrationInterface {
  name = 'CreateAccountView1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['account_view', 'account_view_copy']) {
      await queryRunner.query(
        `CREATE TABLE ${table} (
           id text PRIMARY KEY,
           owner text NOT NULL,
           balance integer NOT NULL,
           events integer NOT NULL,
           digest text NOT NULL,
           opened_at timestamptz NOT NULL
         )`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE account_view_copy');
    await queryRunner.query('DROP TABLE account_view');
  }
}
