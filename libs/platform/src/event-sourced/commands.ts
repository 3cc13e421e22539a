import type { Decider, DomainEvent } from '@kinerja/domain';
import { EventMetadata, EventStore, handle, HandleResult, StreamRead } from '@kinerja/event-store';
import { Clock } from '../context/clock';
import { ReadYourWrites } from './read-your-writes';

/**
 * What a controller needs to run a command, in one injectable (provided by eventSourcedProviders):
 * the clock's now, the service's instrumented event store and read-your-writes. `run` decides and
 * appends on a stream, then waits until the read models show the write.
 */
export class Commands {
  constructor(
    readonly store: EventStore,
    private readonly clock: Clock,
    readonly visible: ReadYourWrites,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * `handle` on `stream`, then `visible.wait` (`timeoutMs`: longer for a command that appends many
   * events). `read`: the stream as the look-ups read it (`readFolded`), so it is not read again.
   */
  async run<Command, Event extends DomainEvent, State>(
    stream: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    metadata: EventMetadata,
    timeoutMs?: number,
    read?: StreamRead<State>,
  ): Promise<HandleResult<Event, State>> {
    const result = await handle(this.store, stream, decider, command, metadata, read);
    await this.visible.wait(result.append, timeoutMs);
    return result;
  }
}
