import { Inject, Injectable } from '@nestjs/common';
import { EventStore, readState } from '@kinerja/event-store';
import { EVENT_STORE } from '../tokens';
import { performanceRecordDecider, PerformanceRecordState, performanceRecordStream } from './performance-record.decider';

/** An employee's performance record as the event store holds it now (never a lagging read model), for a decider. */
@Injectable()
export class PerformanceRecordLookups {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(nip: string): Promise<PerformanceRecordState> {
    return readState(this.store, performanceRecordStream(nip), performanceRecordDecider);
  }
}
