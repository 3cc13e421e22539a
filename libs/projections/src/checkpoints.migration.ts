import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where projection checkpoints live, in the schema of the read-model DataSource. */
export const CHECKPOINTS_TABLE = 'projection_checkpoints';

/**
 * Creates `projection_checkpoints(name, checkpoint, updated_at)`. A NULL checkpoint (or no row)
 * means "from the beginning". Add it to the DataSource's migrations (`createDataSource` does).
 */
export class CreateProjectionCheckpoints1763800000000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE ${checkpointsTable(queryRunner.connection.driver.schema)} (
         name text PRIMARY KEY,
         checkpoint text,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${checkpointsTable(queryRunner.connection.driver.schema)}`);
  }
}

/** The quoted, schema-qualified name of the checkpoints table. */
export function checkpointsTable(schema: string | undefined): string {
  const table = `"${CHECKPOINTS_TABLE}"`;
  return schema ? `"${schema.replace(/"/g, '""')}".${table}` : table;
}
