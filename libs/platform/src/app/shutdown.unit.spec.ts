import { runWithinDeadline } from './shutdown';

describe('runWithinDeadline', () => {
  it('runs the steps in order and reports a failed one without stopping', async () => {
    const ran: string[] = [];
    const reported: string[] = [];
    await runWithinDeadline(
      [
        ['a', async () => void ran.push('a')],
        ['b', async () => { ran.push('b'); throw new Error('broker down'); }],
        ['c', async () => void ran.push('c')],
      ],
      60_000,
      (step, error) => reported.push(`${step}: ${(error as Error).message}`),
    );
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(reported).toEqual(['b: broker down']);
  });

  it('abandons a step that never finishes once the deadline passed, and still starts the steps after it', async () => {
    const started: string[] = [];
    const reported: string[] = [];
    await runWithinDeadline(
      [
        ['hangs', () => { started.push('hangs'); return new Promise(() => undefined); }],
        ['pool', async () => void started.push('pool')],
        ['store', async () => void started.push('store')],
      ],
      50,
      (step) => reported.push(step),
    );
    expect(started).toEqual(['hangs', 'pool', 'store']);
    expect(reported).toEqual(['hangs']);
  });
});
