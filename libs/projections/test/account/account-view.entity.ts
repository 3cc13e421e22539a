import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AccountRow } from './account.projection';

abstract class AccountColumns implements AccountRow {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  owner!: string;

  @Column('integer')
  balance!: number;

  @Column('integer')
  events!: number;

  @Column('text')
  digest!: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;
}

@Entity({ name: 'account_view' })
export class AccountView extends AccountColumns {}

/** The same rows in another table, to compare a second run with the first in one database. */
@Entity({ name: 'account_view_copy' })
export class AccountViewCopy extends AccountColumns {}
