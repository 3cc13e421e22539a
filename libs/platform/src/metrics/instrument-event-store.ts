import type { EventStore } from '@kinerja/event-store';
import { Metrics } from './metrics';

/**
 * The same store, with `event_store_append_duration_seconds` (by outcome) and
 * `event_store_read_stream_duration_seconds` observed on the service's registry.
 */
export function instrumentEventStore<Store extends EventStore>(store: Store, metrics: Metrics): Store {
  const append = metrics.histogram({
    name: 'event_store_append_duration_seconds',
    help: 'Event store append latency by outcome (ok, conflict, error)',
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
  });
  const readStream = metrics.histogram({
    name: 'event_store_read_stream_duration_seconds',
    help: 'Event store readStream latency',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
  });
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
          const end = append.startTimer();
          try {
            const result = await target.append(...args);
            end({ outcome: 'ok' });
            return result;
          } catch (error) {
            end({ outcome: (error as { code?: string }).code === 'WRONG_EXPECTED_REVISION' ? 'conflict' : 'error' });
            throw error;
          }
        };
      }
      if (property === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const end = readStream.startTimer();
          try {
            return await target.readStream(...args);
          } finally {
            end();
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
