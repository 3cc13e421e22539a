import { WrongExpectedRevisionError } from '@kinerja/event-store';

/**
 * Re-runs `work` (read, decide, append) when a concurrent writer moved the stream first. Only for
 * streams many people write at once (one SKM period): the decider decides again on the new state,
 * so a retry can never double a fact.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}
