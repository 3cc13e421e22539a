import { DomainError } from '@kinerja/domain';
import { AgencyCommand, agencyDecider, AgencyState } from './agency.decider';
import { AgencyEvent } from './agency.events';

const now = new Date('2026-01-05T02:00:00Z');
const cityAdmin = { id: 'bkpsdm.admin', role: 'ADMIN_CITY' };

function given(events: AgencyEvent[]): AgencyState {
  return events.reduce(agencyDecider.evolve, agencyDecider.initialState());
}

function register(actor: { id: string; role: string; agencyId?: string } = cityAdmin): AgencyCommand {
  return { type: 'RegisterAgency', data: { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan' }, metadata: { now, actor } };
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const registered: AgencyEvent = {
  type: 'AgencyRegistered',
  data: { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan', registeredAt: now.toISOString(), registeredBy: 'bkpsdm.admin' },
};

describe('agency decider', () => {
  describe('given no agency', () => {
    it('registers it when a city admin asks, at the command time', () => {
      expect(agencyDecider.decide(register(), given([]))).toEqual([registered]);
    });

    it.each(['ADMIN_OPD', 'EMPLOYEE', 'SUPERVISOR', 'PPK', 'AUDITOR'])('refuses %s with forbidden', (role) => {
      const error = refusal(() => agencyDecider.decide(register({ id: 'x', role, agencyId: 'DINKES' }), given([])));
      expect([error.kind, error.code]).toEqual(['forbidden', 'AGENCY_REGISTRATION_FORBIDDEN']);
    });
  });

  describe('given a registered agency', () => {
    it('refuses to register it again with a conflict', () => {
      const error = refusal(() => agencyDecider.decide(register(), given([registered])));
      expect([error.kind, error.code]).toEqual(['conflict', 'AGENCY_ALREADY_REGISTERED']);
    });

    it('folds to the registered state', () => {
      expect(given([registered])).toEqual({ status: 'registered', agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan' });
    });
  });
});
