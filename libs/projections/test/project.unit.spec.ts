import { project, Recorded } from '@kinerja/domain';
import { accountProjection, AccountRow } from './account/account.projection';
import { AccountEvent } from './account/account.events';

let position = 0;
function recorded(event: AccountEvent): Recorded<AccountEvent> {
  position += 1;
  return {
    ...event,
    id: `e${position}`,
    stream: 'account-x',
    revision: position,
    position: String(position),
    metadata: {},
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
  };
}

describe('project', () => {
  it('folds each event into the rows its keys name, in order', () => {
    const rows = project(accountProjection, [
      recorded({ type: 'AccountOpened', data: { accountId: 'a', owner: 'Ani' } }),
      recorded({ type: 'AccountOpened', data: { accountId: 'b', owner: 'Budi' } }),
      recorded({ type: 'Deposited', data: { accountId: 'a', amount: 10 } }),
      recorded({ type: 'Transferred', data: { from: 'a', to: 'b', amount: 4 } }),
    ]);
    expect([...rows.keys()]).toEqual(['a', 'b']);
    expect(rows.get('a')).toMatchObject({ balance: 6, events: 3, owner: 'Ani' });
    expect(rows.get('b')).toMatchObject({ balance: 4, events: 2, owner: 'Budi' });
  });

  it('skips event types the projection does not handle', () => {
    const opened = recorded({ type: 'AccountOpened', data: { accountId: 'a', owner: 'Ani' } });
    const withAudit = project(accountProjection, [opened, recorded({ type: 'Audited', data: { accountId: 'a' } })]);
    expect(withAudit).toEqual(project(accountProjection, [opened]));
  });

  it('null deletes a row, and a later event may create it again', () => {
    const opened = recorded({ type: 'AccountOpened', data: { accountId: 'a', owner: 'Ani' } });
    const closed = recorded({ type: 'AccountClosed', data: { accountId: 'a' } });
    expect(project(accountProjection, [opened, closed]).get('a')).toBeNull();
    const reopened = recorded({ type: 'AccountOpened', data: { accountId: 'a', owner: 'Citra' } });
    expect(project(accountProjection, [opened, closed, reopened]).get('a')).toMatchObject({ owner: 'Citra', balance: 0 });
  });

  it('continues from the rows it is given, as the runner does from the table', () => {
    const events = [
      recorded({ type: 'AccountOpened', data: { accountId: 'a', owner: 'Ani' } }),
      recorded({ type: 'Deposited', data: { accountId: 'a', amount: 3 } }),
      recorded({ type: 'Deposited', data: { accountId: 'a', amount: 5 } }),
    ];
    const inOneGo = project(accountProjection, events);
    const split = project(accountProjection, events.slice(1), project(accountProjection, events.slice(0, 1)));
    expect(split).toEqual(inOneGo);
    expect((inOneGo.get('a') as AccountRow).digest).not.toBe(
      (project(accountProjection, [events[0], events[2], events[1]]).get('a') as AccountRow).digest,
    );
  });
});
