import { Projection } from '@kinerja/domain';
import { OfficialEvent } from '../official.events';

export interface OfficialViewRow {
  officialId: string;
  name: string;
  office: string;
}

export const officialViewProjection: Projection<OfficialViewRow, OfficialEvent> = {
  name: 'work-planning.officials',
  handles: ['OfficialRecorded'],
  keys: (event) => [event.data.officialId],
  evolve(_row, event) {
    switch (event.type) {
      case 'OfficialRecorded':
        return { officialId: event.data.officialId, name: event.data.name, office: event.data.office };
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
};
