import { DuplicateFilter, RateLimiter } from './rate-limiter';

describe('citizen rate limiter (fixed window, in memory)', () => {
  it('allows `limit` hits per window and tells how long to wait after that', () => {
    const limiter = new RateLimiter(60_000);
    const t0 = 1_000_000 * 60_000;
    for (let i = 0; i < 3; i++) expect(limiter.hit('a', 3, t0 + i)).toBe(0);
    expect(limiter.hit('a', 3, t0 + 15_000)).toBe(45);
    expect(limiter.hit('b', 3, t0 + 15_000)).toBe(0);
    expect(limiter.hit('a', 3, t0 + 60_000)).toBe(0);
  });
});

describe('duplicate filter', () => {
  it('runs identical work once within the window, also when the copies arrive together', async () => {
    const filter = new DuplicateFilter(1_000);
    let runs = 0;
    const work = async () => ++runs;
    const [a, b] = await Promise.all([filter.once('k', 0, work), filter.once('k', 10, work)]);
    expect([a, b]).toEqual([{ duplicate: false, result: 1 }, { duplicate: true, result: 1 }]);
    expect(await filter.once('k', 1_000, work)).toEqual({ duplicate: false, result: 2 });
  });

  it('forgets a refused submission, so a corrected resend is not taken for a copy', async () => {
    const filter = new DuplicateFilter(1_000);
    await expect(filter.once('k', 0, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await filter.once('k', 1, async () => 'ok')).toEqual({ duplicate: false, result: 'ok' });
  });
});
