import { contextFromHeaders, oncePerRequest, runWithContext } from './request-context';

describe('oncePerRequest', () => {
  const counting = <T>(answers: T[]) => {
    let calls = 0;
    return { compute: async () => answers[Math.min(calls++, answers.length - 1)], calls: () => calls };
  };

  it('computes once per key within one request, again in the next request', async () => {
    const agency = counting(['A001', 'A002']);
    const inRequest = () =>
      runWithContext(contextFromHeaders({}), async () => [
        await oncePerRequest('agency/1', agency.compute),
        await oncePerRequest('agency/1', agency.compute),
        await oncePerRequest('agency/2', async () => 'other'),
      ]);
    expect(await inRequest()).toEqual(['A001', 'A001', 'other']);
    expect(agency.calls()).toBe(1);
    expect(await inRequest()).toEqual(['A002', 'A002', 'other']);
    expect(agency.calls()).toBe(2);
  });

  it('does not keep a null answer or a failure', async () => {
    const later = counting<string | null>([null, 'A001']);
    const failing = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error('down')).mockResolvedValue('A003');
    await runWithContext(contextFromHeaders({}), async () => {
      expect(await oncePerRequest('agency/3', later.compute)).toBeNull();
      expect(await oncePerRequest('agency/3', later.compute)).toBe('A001');
      await expect(oncePerRequest('agency/4', failing)).rejects.toThrow('down');
      expect(await oncePerRequest('agency/4', failing)).toBe('A003');
    });
    expect(later.calls()).toBe(2);
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('outside a request computes every time', async () => {
    const agency = counting(['A001', 'A002']);
    expect(await oncePerRequest('agency/1', agency.compute)).toBe('A001');
    expect(await oncePerRequest('agency/1', agency.compute)).toBe('A002');
  });
});
