import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { PublicEvent, PublicEventDraft } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from './public-event-server';

// The compiler is the test here: each @ts-expect-error fails `npm run typecheck` once the line compiles.
class Consumer {
  @PublicEventPattern('PredicateSet.v1')
  async set(event: PublicEvent<'PredicateSet.v1'>, context: PublicEventContext): Promise<void> {
    // @ts-expect-error PredicateSet.v1 has no field finalizedVia
    void event.data.finalizedVia;
    await context.query('SELECT $1', [event.data.predicate]);
  }

  // @ts-expect-error the method takes another type's event than its pattern names
  @PublicEventPattern('PredicateSet.v1')
  async finalized(_event: PublicEvent<'PredicateFinalized.v1'>): Promise<void> {}

  @PublicEventPattern('SkpApproved.v1', 'SkpAmended.v1')
  async plan(event: PublicEvent<'SkpApproved.v1' | 'SkpAmended.v1'>): Promise<void> {
    void event.data.rhk;
  }
}

// @ts-expect-error a relay draft without a required field of its contract (agencyId)
const missing: PublicEventDraft = { type: 'EmployeeRegistered.v1', data: { nip: '199001012015031001', name: 'A', status: 'PNS' } };

describe('@PublicEventPattern', () => {
  it('is Nest’s event pattern of each type it names', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, Consumer.prototype.set)).toEqual(['PredicateSet.v1']);
    expect(Reflect.getMetadata(PATTERN_METADATA, Consumer.prototype.plan)).toEqual(['SkpApproved.v1', 'SkpAmended.v1']);
    expect(missing.type).toBe('EmployeeRegistered.v1');
  });
});
