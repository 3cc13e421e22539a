/**
 * A read model of the test ledger with a column of every kind a service's read model may hold, for
 * the set-based writer: bigint and numeric as strings, numeric through a transformer, text[] and
 * integer[], json and jsonb, date, timestamptz, boolean, nullable text, and a column with a default
 * in the table that the projection sometimes leaves undefined (TypeORM writes DEFAULT for it).
 */
import { Projection } from '@kinerja/domain';
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { defineReadModel } from '../../src';
import { AccountEvent } from '../account/account.events';

export interface LedgerRow {
  id: string;
  owner: string;
  /** bigint: a string, as node-pg reads it. */
  total: string;
  /** numeric without transformer: a string. */
  average: string;
  /** numeric with a transformer to number. */
  ratio: number | null;
  tags: string[];
  amounts: number[];
  history: { kind: string; amount?: number; note: string; nested: { at: string; flags: (boolean | null)[] } }[];
  meta: { owner: string; last: string | null; count: number } | null;
  openedOn: string;
  lastAt: Date;
  closed: boolean;
  note: string | null;
  /** Undefined until the account's first transfer: the table's default ('standard') then. */
  tier?: string;
}

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

abstract class LedgerColumns implements LedgerRow {
  @PrimaryColumn('text') id!: string;
  @Column('text') owner!: string;
  @Column('bigint') total!: string;
  @Column('numeric') average!: string;
  @Column('numeric', { nullable: true, transformer: numeric }) ratio!: number | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('integer', { array: true }) amounts!: number[];
  @Column('jsonb') history!: LedgerRow['history'];
  @Column('json', { nullable: true }) meta!: LedgerRow['meta'];
  @Column('date', { name: 'opened_on' }) openedOn!: string;
  @Column('timestamptz', { name: 'last_at' }) lastAt!: Date;
  @Column('boolean') closed!: boolean;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text') tier?: string;
}

@Entity({ name: 'ledger_view' })
export class LedgerView extends LedgerColumns {}

/** The same columns, written by TypeORM's own query builder: the reference for the writer. */
@Entity({ name: 'ledger_view_typeorm' })
export class LedgerViewTypeorm extends LedgerColumns {}

export class CreateLedgerView1763900000001 implements MigrationInterface {
  name = 'CreateLedgerView1763900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ledger_view', 'ledger_view_typeorm']) {
      await queryRunner.query(
        `CREATE TABLE ${table} (
           id text PRIMARY KEY, owner text NOT NULL, total bigint NOT NULL, average numeric NOT NULL, ratio numeric,
           tags text[] NOT NULL, amounts integer[] NOT NULL, history jsonb NOT NULL, meta json, opened_on date NOT NULL,
           last_at timestamptz NOT NULL, closed boolean NOT NULL, note text, tier text NOT NULL DEFAULT 'standard'
         )`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger_view_typeorm');
    await queryRunner.query('DROP TABLE ledger_view');
  }
}

/**
 * Strings that need quoting in an array literal, escaping in JSON or in COPY's text format (`\N`,
 * tab, carriage return), or are more than one UTF-16 unit.
 */
const AWKWARD = ['plain', 'with,comma', 'with "quotes"', 'back\\slash', '{braces}', 'NULL', '', 'Rp 1.000 — ½', 'naïve 🙂', 'line\nbreak', "it's", '\\N', 'tab\there', 'cr\r\nlf'];

export const ledgerProjection: Projection<LedgerRow, AccountEvent> = {
  name: 'ledger',
  handles: ['AccountOpened', 'Deposited', 'Transferred', 'AccountClosed'],
  keys(event) {
    return event.type === 'Transferred' ? [event.data.from, event.data.to] : [event.data.accountId];
  },
  evolve(row, event, key) {
    const at = event.recordedAt;
    switch (event.type) {
      case 'AccountOpened':
        return {
          id: key,
          owner: `${event.data.owner} ${AWKWARD[key.length % AWKWARD.length]}`,
          total: '9007199254740993',
          average: '0.000',
          ratio: null,
          tags: [],
          amounts: [],
          history: [],
          meta: null,
          openedOn: at.toISOString().slice(0, 10),
          lastAt: at,
          closed: false,
          note: row === null ? null : 'reopened',
        };
      case 'Deposited':
      case 'Transferred': {
        if (!row) return null;
        const amount = event.type === 'Deposited' ? event.data.amount : key === event.data.from ? -event.data.amount : event.data.amount;
        const total = BigInt(row.total) + BigInt(amount);
        const amounts = [...row.amounts, amount].slice(-6);
        const tag = AWKWARD[(amounts.length + Math.abs(amount)) % AWKWARD.length];
        return {
          ...row,
          total: total.toString(),
          average: (amounts.reduce((a, b) => a + b, 0) / amounts.length).toFixed(3),
          ratio: amount / 7,
          tags: [...row.tags, tag].slice(-4),
          amounts,
          history: [...row.history, { kind: event.type, amount, note: tag, nested: { at: at.toISOString(), flags: [amount > 0, null] } }].slice(-3),
          meta: { owner: row.owner, last: event.type === 'Transferred' ? tag : null, count: (row.meta?.count ?? 0) + 1 },
          lastAt: at,
          closed: false,
          note: amount % 3 === 0 ? null : `${tag} ${amount}`,
          ...(event.type === 'Transferred' ? { tier: amount > 25 ? 'gold' : 'silver' } : {}),
        };
      }
      case 'AccountClosed':
        return null;
      default:
        return row;
    }
  },
};

export const ledgerReadModel = defineReadModel({ projection: ledgerProjection, entity: LedgerView });
