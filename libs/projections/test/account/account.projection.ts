import { Projection } from '@kinerja/domain';
import { AccountEvent } from './account.events';

export interface AccountRow {
  id: string;
  owner: string;
  balance: number;
  /** How many events changed this row. */
  events: number;
  /** Order-sensitive hash of the ids of those events: any lost, doubled or swapped event changes it. */
  digest: string;
  openedAt: Date;
}

export const accountProjection: Projection<AccountRow, AccountEvent> = {
  name: 'account',
  handles: ['AccountOpened', 'Deposited', 'Transferred', 'AccountClosed'],
  keys(event) {
    switch (event.type) {
      case 'Transferred':
        return [event.data.from, event.data.to];
      default:
        return [event.data.accountId];
    }
  },
  evolve(row, event, key) {
    switch (event.type) {
      case 'AccountOpened':
        return { id: key, owner: event.data.owner, balance: 0, events: 1, digest: chain('', event.id), openedAt: event.recordedAt };
      case 'Deposited':
        return row && touch({ ...row, balance: row.balance + event.data.amount }, event.id);
      case 'Transferred': {
        if (!row) return null;
        const delta = key === event.data.from ? -event.data.amount : event.data.amount;
        return touch({ ...row, balance: row.balance + delta }, event.id);
      }
      case 'AccountClosed':
        return null;
      default:
        return row;
    }
  },
};

function touch(row: AccountRow, eventId: string): AccountRow {
  return { ...row, events: row.events + 1, digest: chain(row.digest, eventId) };
}

/** FNV-1a, 32 bits, over the previous digest and the event id. */
function chain(previous: string, eventId: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${previous}:${eventId}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
