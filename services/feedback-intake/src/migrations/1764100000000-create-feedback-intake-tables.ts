import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of feedback-intake and the organisation directory it keeps from work-planning's public
 * events. The encrypted contact records are in a separate schema (see `privacyTablesMigration`).
 */
export class CreateFeedbackIntakeTables1764100000000 implements MigrationInterface {
  name = 'CreateFeedbackIntakeTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.complaint_inbox (
      complaint_id text PRIMARY KEY,
      agency_id text NOT NULL,
      unit_id text NOT NULL,
      assigned_unit_id text NOT NULL,
      assignee_employee_id text,
      category text NOT NULL,
      channel text NOT NULL,
      counter_id text,
      description text NOT NULL,
      subject_employee_id text,
      status text NOT NULL,
      received_at timestamptz NOT NULL,
      due_on date NOT NULL,
      due_at timestamptz NOT NULL,
      sla_breached boolean NOT NULL,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX complaint_inbox_unit_idx ON ${s}.complaint_inbox (assigned_unit_id, status)`);
    await queryRunner.query(`CREATE TABLE ${s}.complaint_status (
      complaint_id text PRIMARY KEY,
      tracking_code_hash text NOT NULL,
      unit_id text NOT NULL,
      category text NOT NULL,
      status text NOT NULL,
      received_at timestamptz NOT NULL,
      due_on date NOT NULL,
      due_at timestamptz NOT NULL,
      resolution text,
      rejection_reason text,
      closed_at timestamptz,
      contact_erased boolean NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX complaint_status_tracking_idx ON ${s}.complaint_status (tracking_code_hash)`);
    await queryRunner.query(`CREATE TABLE ${s}.due_complaint (
      complaint_id text PRIMARY KEY,
      due_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX due_complaint_due_idx ON ${s}.due_complaint (due_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.ikm_result (
      key text PRIMARY KEY,
      unit_id text NOT NULL,
      period_id text NOT NULL,
      agency_id text NOT NULL,
      status text NOT NULL,
      response_count integer NOT NULL,
      revision integer NOT NULL,
      ikm text,
      grade text,
      label text,
      respondent_count integer,
      weight text,
      rule_set_version text,
      not_computed_reason text,
      computed_at timestamptz)`);
    await queryRunner.query(`CREATE INDEX ikm_result_unit_idx ON ${s}.ikm_result (unit_id, period_id)`);
    await queryRunner.query(`CREATE TABLE ${s}.feedback_timeline (
      feedback_id text PRIMARY KEY,
      employee_id text NOT NULL,
      period_id text NOT NULL,
      agency_id text NOT NULL,
      giver_id text NOT NULL,
      source text NOT NULL,
      topic jsonb NOT NULL,
      content text NOT NULL,
      evidence jsonb NOT NULL,
      response text,
      responded_at timestamptz,
      marked_as_evidence boolean NOT NULL,
      given_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX feedback_timeline_employee_idx ON ${s}.feedback_timeline (employee_id, given_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.directory_unit (
      unit_id text PRIMARY KEY,
      agency_id text NOT NULL,
      name text NOT NULL,
      counter_ids jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE TABLE ${s}.directory_employee (
      nip text PRIMARY KEY,
      agency_id text NOT NULL,
      unit_id text,
      pejabat_penilai_nip text,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of ['directory_employee', 'directory_unit', 'feedback_timeline', 'ikm_result', 'due_complaint', 'complaint_status', 'complaint_inbox']) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}

/**
 * The encrypted contact records and, in a table of its own, their keys: deleting a key row makes its
 * record unreadable for good (crypto-shredding), while events and backups stay as they are.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function privacyTablesMigration(schema: string): Function {
  const s = quote(schema);
  return class CreatePrivacyTables1764100000001 implements MigrationInterface {
    name = 'CreatePrivacyTables1764100000001';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await queryRunner.query(`CREATE TABLE ${s}.contact_record (
        contact_ref uuid PRIMARY KEY,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        code_hash text,
        iv bytea NOT NULL,
        ciphertext bytea NOT NULL,
        auth_tag bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`);
      await queryRunner.query(`CREATE INDEX contact_record_code_idx ON ${s}.contact_record (code_hash)`);
      await queryRunner.query(`CREATE TABLE ${s}.contact_key (
        contact_ref uuid PRIMARY KEY,
        key bytea NOT NULL)`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${s}.contact_key`);
      await queryRunner.query(`DROP TABLE ${s}.contact_record`);
    }
  };
}

/**
 * Per-record keys are stored wrapped by a key-encryption key kept outside PostgreSQL (issue 15
 * finding 4): which KEK, and the wrapping's nonce and tag. Rows without a KEK are from before;
 * the first rotation re-encrypts them under new keys.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function privacyKekMigration(schema: string): Function {
  const s = quote(schema);
  return class WrapContactKeys1764100000004 implements MigrationInterface {
    name = 'WrapContactKeys1764100000004';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`ALTER TABLE ${s}.contact_key ADD COLUMN kek_id text, ADD COLUMN wrap_iv bytea, ADD COLUMN wrap_tag bytea`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`ALTER TABLE ${s}.contact_key DROP COLUMN kek_id, DROP COLUMN wrap_iv, DROP COLUMN wrap_tag`);
    }
  };
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
