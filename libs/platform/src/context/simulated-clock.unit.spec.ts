import { DomainError } from '@kinerja/domain';
import { SimulatedClock } from './simulated-clock';

describe('SimulatedClock', () => {
  let real = Date.parse('2026-11-22T10:00:00Z');
  const realNow = () => real;

  it('runs at real speed from where it was set, and only moves forward', () => {
    const clock = new SimulatedClock(new Date('2026-01-05T03:00:00Z'), realNow);
    real += 1500;
    expect(clock.now().toISOString()).toBe('2026-01-05T03:00:01.500Z');
    expect(clock.set(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    real += 250;
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.250Z');
    expect(() => clock.set(new Date('2026-02-01T00:00:00Z'))).toThrow(DomainError);
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.250Z');
  });
});
