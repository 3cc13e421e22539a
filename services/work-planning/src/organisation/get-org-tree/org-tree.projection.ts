import { Projection } from '@kinerja/domain';
import { OrganisationEvent, PositionKind } from '../organisation.events';

export interface UnitRow {
  id: string;
  agencyId: string;
  unitId: string;
  name: string;
  parentUnitId: string | null;
}

export interface PositionRow {
  id: string;
  agencyId: string;
  positionId: string;
  name: string;
  kind: PositionKind;
  unitId: string;
  establishedOn: string;
}

export const unitProjection: Projection<UnitRow, OrganisationEvent> = {
  name: 'work-planning.units',
  handles: ['UnitCreated'],
  keys: (event) => (event.type === 'UnitCreated' ? [`${event.data.agencyId}/${event.data.unitId}`] : []),
  evolve(row, event, key) {
    if (event.type !== 'UnitCreated') return row;
    const { agencyId, unitId, name, parentUnitId } = event.data;
    return { id: key, agencyId, unitId, name, parentUnitId };
  },
};

export const positionProjection: Projection<PositionRow, OrganisationEvent> = {
  name: 'work-planning.positions',
  handles: ['PositionCreated'],
  keys: (event) => (event.type === 'PositionCreated' ? [`${event.data.agencyId}/${event.data.positionId}`] : []),
  evolve(row, event, key) {
    if (event.type !== 'PositionCreated') return row;
    const { agencyId, positionId, name, kind, unitId, establishedOn } = event.data;
    return { id: key, agencyId, positionId, name, kind, unitId, establishedOn };
  },
};
