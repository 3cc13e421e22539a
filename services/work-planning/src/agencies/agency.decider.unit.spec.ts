import { deciderSpec } from '@kinerja/testing';
import { AgencyCommand, agencyDecider } from './agency.decider';
import { AgencyEvent } from './agency.events';

const { given } = deciderSpec(agencyDecider);

const now = new Date('2026-01-05T02:00:00Z');
const cityAdmin = { id: 'bkpsdm.admin', role: 'ADMIN_CITY' };

function register(actor: { id: string; role: string; agencyId?: string } = cityAdmin): AgencyCommand {
  return { type: 'RegisterAgency', data: { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan' }, metadata: { now, actor } };
}

const registered: AgencyEvent = {
  type: 'AgencyRegistered',
  data: { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan', registeredAt: now.toISOString(), registeredBy: 'bkpsdm.admin' },
};

describe('agency decider', () => {
  describe('given no agency', () => {
    it('registers it when a city admin asks, at the command time', () => {
      expect(given().when(register()).events()).toEqual([registered]);
    });

    it.each(['ADMIN_OPD', 'EMPLOYEE', 'SUPERVISOR', 'PPK', 'AUDITOR'])('refuses %s with forbidden', (role) => {
      const error = given().when(register({ id: 'x', role, agencyId: 'DINKES' })).error();
      expect([error.kind, error.code]).toEqual(['forbidden', 'AGENCY_REGISTRATION_FORBIDDEN']);
    });
  });

  describe('given a registered agency', () => {
    it('refuses to register it again with a conflict', () => {
      const error = given(registered).when(register()).error();
      expect([error.kind, error.code]).toEqual(['conflict', 'AGENCY_ALREADY_REGISTERED']);
    });

    it('folds to the registered state', () => {
      expect(given(registered).state).toEqual({ status: 'registered', agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan' });
    });
  });
});
