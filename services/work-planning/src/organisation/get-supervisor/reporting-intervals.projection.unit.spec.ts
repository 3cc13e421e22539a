import { project, Recorded } from '@kinerja/domain';
import { OrganisationEvent } from '../organisation.events';
import { assignmentIntervalProjection, reportingLineIntervalProjection } from './reporting-intervals.projection';

let position = 0;
const rec = (e: OrganisationEvent): Recorded<OrganisationEvent> =>
  ({ ...e, id: `e${++position}`, stream: 'organisation-DINKES', revision: position, position: String(position), metadata: {}, recordedAt: new Date(0) }) as Recorded<OrganisationEvent>;

const events = [
  rec({ type: 'PositionCreated', data: { agencyId: 'DINKES', positionId: 'P', name: 'P', kind: 'PELAKSANA', unitId: 'U', parentPositionId: 'Q', establishedOn: '2020-01-01', createdAt: 't' } }),
  rec({ type: 'ReportingLineChanged', data: { agencyId: 'DINKES', positionId: 'P', parentPositionId: 'R', effectiveFrom: '2024-01-01', changedAt: 't' } }),
  rec({ type: 'PositionAssigned', data: { agencyId: 'DINKES', assignmentId: 'a1', nip: '199003152015031002', positionId: 'P', type: 'DEFINITIVE', from: '2021-01-01', to: null, assignedAt: 't' } }),
  rec({ type: 'AssignmentEnded', data: { agencyId: 'DINKES', assignmentId: 'a1', nip: '199003152015031002', positionId: 'P', lastDay: '2024-06-30', endedAt: 't' } }),
];

describe('organisation interval projections', () => {
  it('keep each assignment as one interval, ended in place, the same when replayed twice', () => {
    const once = project(assignmentIntervalProjection, events);
    expect(project(assignmentIntervalProjection, [...events, ...events])).toEqual(once);
    expect([...once.values()]).toEqual([
      { id: 'DINKES/a1', agencyId: 'DINKES', assignmentId: 'a1', nip: '199003152015031002', positionId: 'P', type: 'DEFINITIVE', fromDate: '2021-01-01', toDate: '2024-06-30' },
    ]);
  });

  it('keep every reporting-line entry with the date it takes effect', () => {
    const once = project(reportingLineIntervalProjection, events);
    expect(project(reportingLineIntervalProjection, [...events, ...events])).toEqual(once);
    expect([...once.values()].map((r) => [r!.fromDate, r!.parentPositionId])).toEqual([
      ['2020-01-01', 'Q'],
      ['2024-01-01', 'R'],
    ]);
  });
});
