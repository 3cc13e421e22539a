import { Projection } from '@kinerja/domain';
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
  evolve(_row, event) {
    switch (event.type) {
      case 'AgencyRegistered':
        return { agencyId: event.data.agencyId, code: event.data.code, name: event.data.name, registeredAt: new Date(event.data.registeredAt) };
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
};
