import { project, Recorded } from '@kinerja/domain';
import { AgencyRegistered } from '../agency.events';
import { agencyViewProjection } from './agency-view.projection';

const registered: Recorded<AgencyRegistered> = {
  id: 'a1',
  stream: 'agency-DINKES',
  revision: 0,
  position: '1',
  metadata: {},
  recordedAt: new Date('2026-03-10T03:00:01Z'),
  type: 'AgencyRegistered',
  data: { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan', registeredAt: '2026-03-10T03:00:00.000Z', registeredBy: 'bkpsdm.admin' },
};

describe('agency view projection', () => {
  it('gives one row per agency, the same when the events are replayed twice', () => {
    const once = project(agencyViewProjection, [registered]);
    expect(project(agencyViewProjection, [registered, registered])).toEqual(once);
    expect([...once.entries()]).toEqual([
      ['DINKES', { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan', registeredAt: new Date('2026-03-10T03:00:00.000Z') }],
    ]);
  });
});
