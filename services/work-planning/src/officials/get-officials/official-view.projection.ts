import { pick, Projection } from '@kinerja/domain';
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
  // OfficialRecorded, the one event of an official
  evolve: (_row, { data }) => pick(data, 'officialId', 'name', 'office'),
};
