import { deciderSpec } from '@kinerja/testing';
import { CommandActor } from '@kinerja/domain';
import {
  AssignPosition,
  BatchChangeError,
  OrganisationCommand,
  organisationDecider,
} from './organisation.decider';
import { OrganisationEvent, PositionKind } from './organisation.events';

const AGENCY = 'DINKES';
const NOW = '2024-01-10T08:00:00.000Z';
const ADMIN: CommandActor = { role: 'ADMIN_OPD', id: 'admin-1', agencyId: AGENCY };
const meta = { now: new Date(NOW), actor: ADMIN };

const NIP_A = '198503122010011001';
const NIP_B = '199001012015032002';
const NIP_C = '197812312005011003';

const unitCreated = (unitId: string, parentUnitId: string | null = null): OrganisationEvent => ({
  type: 'UnitCreated',
  data: { agencyId: AGENCY, unitId, name: `Unit ${unitId}`, parentUnitId, createdAt: NOW },
});
const positionCreated = (
  positionId: string,
  parentPositionId: string | null,
  kind: PositionKind = 'PELAKSANA',
  establishedOn = '2020-01-01',
): OrganisationEvent => ({
  type: 'PositionCreated',
  data: { agencyId: AGENCY, positionId, name: `Jabatan ${positionId}`, kind, unitId: 'U1', parentPositionId, establishedOn, createdAt: NOW },
});
const assigned = (
  assignmentId: string,
  nip: string,
  positionId: string,
  from: string,
  to: string | null = null,
  type: 'DEFINITIVE' | 'PLT' | 'PLH' = 'DEFINITIVE',
): OrganisationEvent => ({
  type: 'PositionAssigned',
  data: { agencyId: AGENCY, assignmentId, nip, positionId, type, from, to, assignedAt: NOW },
});

const assign = (data: Partial<AssignPosition['data']>, definitiveElsewhere: AssignPosition['lookups']['definitiveElsewhere'] = []): AssignPosition => ({
  type: 'AssignPosition',
  data: {
    agencyId: AGENCY,
    assignmentId: 'asg-new',
    nip: NIP_A,
    positionId: 'STAF',
    type: 'DEFINITIVE',
    from: '2024-01-01',
    to: null,
    ...data,
  },
  lookups: { definitiveElsewhere },
  metadata: meta,
});

const { given } = deciderSpec(organisationDecider);

const TREE: OrganisationEvent[] = [
  unitCreated('U1'),
  positionCreated('KADIS', null, 'JPT_PRATAMA'),
  positionCreated('KABID', 'KADIS', 'ADMINISTRATOR'),
  positionCreated('KASI', 'KABID', 'PENGAWAS'),
  positionCreated('STAF', 'KASI'),
];

describe('organisation decider', () => {
  describe('permissions', () => {
    it('an agency admin of another agency may not change this organisation', () => {
      given()
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Dinas', parentUnitId: null }, metadata: { now: new Date(NOW), actor: { role: 'ADMIN_OPD', id: 'x', agencyId: 'DISDIK' } } })
        .thenThrows('forbidden', 'ORGANISATION_FORBIDDEN');
    });
    it('an employee may not change the organisation', () => {
      given()
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Dinas', parentUnitId: null }, metadata: { now: new Date(NOW), actor: { role: 'EMPLOYEE', id: NIP_A } } })
        .thenThrows('forbidden', 'ORGANISATION_FORBIDDEN');
    });
    it('a city admin may change any agency', () => {
      given()
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Unit U1', parentUnitId: null }, metadata: { now: new Date(NOW), actor: { role: 'ADMIN_CITY', id: 'c' } } })
        .then([unitCreated('U1')]);
    });
  });

  describe('given an empty organisation', () => {
    it('creates a root unit', () => {
      given()
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Unit U1', parentUnitId: null }, metadata: meta })
        .then([unitCreated('U1')]);
    });
    it('rejects a unit under an unknown parent', () => {
      given()
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U2', name: 'Unit U2', parentUnitId: 'U1' }, metadata: meta })
        .thenThrows('invalid', 'UNKNOWN_UNIT');
    });
    it('rejects a position in an unknown unit', () => {
      given()
        .when({
          type: 'CreatePosition',
          data: { agencyId: AGENCY, positionId: 'KADIS', name: 'Kepala Dinas', kind: 'JPT_PRATAMA', unitId: 'U1', parentPositionId: null, establishedOn: '2020-01-01' },
          metadata: meta,
        })
        .thenThrows('invalid', 'UNKNOWN_UNIT');
    });
  });

  describe('given units', () => {
    it('creating the same unit again changes nothing', () => {
      given(unitCreated('U1')).when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Unit U1', parentUnitId: null }, metadata: meta }).then([]);
    });
    it('creating a unit with the same code and other data is a conflict', () => {
      given(unitCreated('U1'))
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Lain', parentUnitId: null }, metadata: meta })
        .thenThrows('conflict', 'UNIT_EXISTS');
    });
    it('creates a sub-unit', () => {
      given(unitCreated('U1'))
        .when({ type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U2', name: 'Unit U2', parentUnitId: 'U1' }, metadata: meta })
        .then([unitCreated('U2', 'U1')]);
    });
    it('rejects a change for another agency', () => {
      given(unitCreated('U1'))
        .when({ type: 'CreateUnit', data: { agencyId: 'DISDIK', unitId: 'U9', name: 'X', parentUnitId: null }, metadata: { now: new Date(NOW), actor: { role: 'ADMIN_CITY', id: 'c' } } })
        .thenThrows('invalid', 'AGENCY_MISMATCH');
    });
    it('creates a position with its reporting line', () => {
      given(unitCreated('U1'), positionCreated('KADIS', null, 'JPT_PRATAMA'))
        .when({
          type: 'CreatePosition',
          data: { agencyId: AGENCY, positionId: 'KABID', name: 'Jabatan KABID', kind: 'ADMINISTRATOR', unitId: 'U1', parentPositionId: 'KADIS', establishedOn: '2020-01-01' },
          metadata: meta,
        })
        .then([positionCreated('KABID', 'KADIS', 'ADMINISTRATOR')]);
    });
    it('rejects a position whose parent position is unknown', () => {
      given(unitCreated('U1'))
        .when({
          type: 'CreatePosition',
          data: { agencyId: AGENCY, positionId: 'KABID', name: 'Kabid', kind: 'ADMINISTRATOR', unitId: 'U1', parentPositionId: 'NOPE', establishedOn: '2020-01-01' },
          metadata: meta,
        })
        .thenThrows('invalid', 'UNKNOWN_POSITION');
    });
    it('rejects an unknown position kind', () => {
      given(unitCreated('U1'))
        .when({
          type: 'CreatePosition',
          data: { agencyId: AGENCY, positionId: 'X', name: 'X', kind: 'ESELON_II' as PositionKind, unitId: 'U1', parentPositionId: null, establishedOn: '2020-01-01' },
          metadata: meta,
        })
        .thenThrows('invalid', 'INVALID_POSITION_KIND');
    });
  });

  describe('given a reporting line KADIS <- KABID <- KASI <- STAF', () => {
    const change = (positionId: string, parentPositionId: string | null, effectiveFrom = '2024-07-01'): OrganisationCommand => ({
      type: 'ChangeReportingLine',
      data: { agencyId: AGENCY, positionId, parentPositionId, effectiveFrom },
      metadata: meta,
    });
    it('moves a position under another parent from a date', () => {
      given(...TREE)
        .when(change('STAF', 'KABID'))
        .then([{ type: 'ReportingLineChanged', data: { agencyId: AGENCY, positionId: 'STAF', parentPositionId: 'KABID', effectiveFrom: '2024-07-01', changedAt: NOW } }]);
    });
    it('the same parent again changes nothing', () => {
      given(...TREE).when(change('STAF', 'KASI')).then([]);
    });
    it('rejects a position reporting to itself', () => {
      given(...TREE).when(change('KASI', 'KASI')).thenThrows('invalid', 'REPORTING_CYCLE');
    });
    it('rejects a reporting cycle through the tree', () => {
      given(...TREE).when(change('KADIS', 'STAF')).thenThrows('invalid', 'REPORTING_CYCLE');
    });
    it('rejects a cycle that only appears at a later, already planned change', () => {
      const planned: OrganisationEvent = {
        type: 'ReportingLineChanged',
        data: { agencyId: AGENCY, positionId: 'KASI', parentPositionId: 'X', effectiveFrom: '2025-01-01', changedAt: NOW },
      };
      given(...TREE, positionCreated('X', 'KADIS'), planned).when(change('X', 'STAF', '2024-07-01')).thenThrows('invalid', 'REPORTING_CYCLE');
      given(...TREE, positionCreated('X', 'KADIS')).when(change('X', 'STAF', '2024-07-01')).then([
        { type: 'ReportingLineChanged', data: { agencyId: AGENCY, positionId: 'X', parentPositionId: 'STAF', effectiveFrom: '2024-07-01', changedAt: NOW } },
      ]);
    });
    it('rejects an unknown new parent', () => {
      given(...TREE).when(change('STAF', 'NOPE')).thenThrows('invalid', 'UNKNOWN_POSITION');
    });
  });

  describe('given positions and no assignment', () => {
    it('assigns a person definitively, open-ended', () => {
      given(...TREE).when(assign({})).then([assigned('asg-new', NIP_A, 'STAF', '2024-01-01')]);
    });
    it('rejects an assignment to an unknown position', () => {
      given(...TREE).when(assign({ positionId: 'NOPE' })).thenThrows('invalid', 'UNKNOWN_POSITION');
    });
    it('rejects PLT without an end date', () => {
      given(...TREE).when(assign({ type: 'PLT', positionId: 'KASI' })).thenThrows('invalid', 'ACTING_NEEDS_RANGE');
    });
    it('rejects PLH without an end date', () => {
      given(...TREE).when(assign({ type: 'PLH', positionId: 'KASI' })).thenThrows('invalid', 'ACTING_NEEDS_RANGE');
    });
    it('rejects a range that ends before it starts', () => {
      given(...TREE).when(assign({ type: 'PLT', positionId: 'KASI', from: '2024-03-01', to: '2024-02-01' })).thenThrows('invalid', 'RANGE_REVERSED');
    });
    it('rejects a date that does not exist', () => {
      given(...TREE).when(assign({ from: '2024-02-30' })).thenThrows('invalid', 'INVALID_DATE');
    });
    it('rejects a malformed NIP', () => {
      given(...TREE).when(assign({ nip: '12345' })).thenThrows('invalid', 'INVALID_NIP');
    });
    it('rejects a definitive assignment overlapping one in another agency (lookup)', () => {
      given(...TREE)
        .when(assign({}, [{ from: '2020-01-01', to: null }]))
        .thenThrows('conflict', 'PERSON_ALREADY_DEFINITIVE');
    });
    it('accepts a definitive assignment after one in another agency ended', () => {
      given(...TREE)
        .when(assign({}, [{ from: '2020-01-01', to: '2023-12-31' }]))
        .then([assigned('asg-new', NIP_A, 'STAF', '2024-01-01')]);
    });
  });

  describe('given definitive holders', () => {
    const HELD = [...TREE, assigned('asg-a', NIP_A, 'KASI', '2022-01-01'), assigned('asg-c', NIP_C, 'KABID', '2019-01-01', '2023-12-31')];
    it('rejects a second definitive position for the same person at the same time', () => {
      given(...HELD).when(assign({ positionId: 'STAF', from: '2024-01-01' })).thenThrows('conflict', 'PERSON_ALREADY_DEFINITIVE');
    });
    it('rejects a second definitive holder of the same position at the same time', () => {
      given(...HELD).when(assign({ nip: NIP_B, positionId: 'KASI', from: '2023-05-01' })).thenThrows('conflict', 'POSITION_ALREADY_HELD');
    });
    it('accepts a new holder once the previous one ended', () => {
      given(...HELD)
        .when(assign({ nip: NIP_B, positionId: 'KABID', from: '2024-01-01' }))
        .then([assigned('asg-new', NIP_B, 'KABID', '2024-01-01')]);
    });
    it('rejects a new holder whose start overlaps the last day of the previous one', () => {
      given(...HELD).when(assign({ nip: NIP_B, positionId: 'KABID', from: '2023-12-31' })).thenThrows('conflict', 'POSITION_ALREADY_HELD');
    });
    it('accepts a PLT on a vacant position for a range', () => {
      given(...HELD)
        .when(assign({ nip: NIP_A, positionId: 'KABID', type: 'PLT', from: '2024-01-01', to: '2024-06-30' }))
        .then([assigned('asg-new', NIP_A, 'KABID', '2024-01-01', '2024-06-30', 'PLT')]);
    });
    it('accepts a PLH while the definitive holder is absent, even though the PLH holds another post', () => {
      given(...HELD)
        .when(assign({ nip: NIP_B, positionId: 'KASI', type: 'PLH', from: '2024-03-01', to: '2024-03-14' }))
        .then([assigned('asg-new', NIP_B, 'KASI', '2024-03-01', '2024-03-14', 'PLH')]);
    });
    it('rejects a PLH by the definitive holder of the same position', () => {
      given(...HELD)
        .when(assign({ nip: NIP_A, positionId: 'KASI', type: 'PLH', from: '2024-03-01', to: '2024-03-14' }))
        .thenThrows('invalid', 'ACTING_OWN_POSITION');
    });
    it('rejects two acting officials on one position at once', () => {
      given(...HELD, assigned('asg-plt', NIP_B, 'KABID', '2024-01-01', '2024-06-30', 'PLT'))
        .when(assign({ nip: NIP_A, positionId: 'KABID', type: 'PLH', from: '2024-06-01', to: '2024-06-10' }))
        .thenThrows('conflict', 'POSITION_ALREADY_ACTING');
    });
    it('assigning the same assignment again changes nothing', () => {
      given(...HELD).when(assign({ assignmentId: 'asg-a', nip: NIP_A, positionId: 'KASI', from: '2022-01-01' })).then([]);
    });
    it('reusing an assignment id for something else is a conflict', () => {
      given(...HELD).when(assign({ assignmentId: 'asg-a', nip: NIP_B, positionId: 'STAF' })).thenThrows('conflict', 'ASSIGNMENT_EXISTS');
    });

    describe('ending an assignment', () => {
      const end = (assignmentId: string, lastDay: string): OrganisationCommand => ({
        type: 'EndAssignment',
        data: { agencyId: AGENCY, assignmentId, lastDay },
        metadata: meta,
      });
      it('ends an open definitive assignment on its last day', () => {
        given(...HELD)
          .when(end('asg-a', '2024-06-30'))
          .then([{ type: 'AssignmentEnded', data: { agencyId: AGENCY, assignmentId: 'asg-a', nip: NIP_A, positionId: 'KASI', lastDay: '2024-06-30', endedAt: NOW } }]);
      });
      it('ending on the same day again changes nothing', () => {
        given(...HELD).when(end('asg-c', '2023-12-31')).then([]);
      });
      it('rejects an end before the start', () => {
        given(...HELD).when(end('asg-a', '2021-12-31')).thenThrows('invalid', 'RANGE_REVERSED');
      });
      it('rejects extending a closed range', () => {
        given(...HELD).when(end('asg-c', '2024-12-31')).thenThrows('invalid', 'CANNOT_EXTEND');
      });
      it('rejects an unknown assignment', () => {
        given(...HELD).when(end('nope', '2024-12-31')).thenThrows('not_found', 'UNKNOWN_ASSIGNMENT');
      });
      it('after ending, the person can take another definitive post', () => {
        const ended: OrganisationEvent = {
          type: 'AssignmentEnded',
          data: { agencyId: AGENCY, assignmentId: 'asg-a', nip: NIP_A, positionId: 'KASI', lastDay: '2023-12-31', endedAt: NOW },
        };
        given(...HELD, ended).when(assign({ positionId: 'STAF', from: '2024-01-01' })).then([assigned('asg-new', NIP_A, 'STAF', '2024-01-01')]);
      });
    });
  });

  describe('a batch of changes', () => {
    it('decides each change on the state left by the previous ones', () => {
      const events = organisationDecider.decide(
        {
          type: 'ApplyOrganisationChanges',
          data: {
            agencyId: AGENCY,
            changes: [
              { type: 'CreateUnit', data: { agencyId: AGENCY, unitId: 'U1', name: 'Unit U1', parentUnitId: null }, metadata: meta },
              { type: 'CreatePosition', data: { agencyId: AGENCY, positionId: 'KADIS', name: 'Jabatan KADIS', kind: 'JPT_PRATAMA', unitId: 'U1', parentPositionId: null, establishedOn: '2020-01-01' }, metadata: meta },
              assign({ positionId: 'KADIS' }),
            ],
          },
          metadata: meta,
        },
        organisationDecider.initialState(),
      );
      expect(events.map((e) => e.type)).toEqual(['UnitCreated', 'PositionCreated', 'PositionAssigned']);
    });
    it('fails whole, naming the failing change', () => {
      const error = given(...TREE)
        .when({
          type: 'ApplyOrganisationChanges',
          data: { agencyId: AGENCY, changes: [assign({ assignmentId: 'a1' }), assign({ assignmentId: 'a2', positionId: 'KASI' })] },
          metadata: meta,
        })
        .thenThrows('conflict', 'PERSON_ALREADY_DEFINITIVE');
      expect(error).toBeInstanceOf(BatchChangeError);
      expect((error as BatchChangeError).index).toBe(1);
    });
  });
});
