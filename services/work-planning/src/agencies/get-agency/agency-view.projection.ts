import { pick, Projection } from '@kinerja/domain';
import { AgencyEvent } from '../agency.events';

export interface AgencyViewRow {
  agencyId: string;
  code: string;
  name: string;
  registeredAt: Date;
}

export const agencyViewProjection: Projection<AgencyViewRow, AgencyEvent> = {
  name: 'work-planning.get-agency',
  handles: ['AgencyRegistered'],
  keys: (event) => [event.data.agencyId],
  // AgencyRegistered, the one event of an agency
  evolve: (_row, { data }) => ({ ...pick(data, 'agencyId', 'code', 'name'), registeredAt: new Date(data.registeredAt) }),
};
