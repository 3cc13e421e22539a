import { OrganisationEvent, PositionKind } from './organisation.events';
import { largeOrganisation } from '../../test/support/large-organisation';
import { ReportingLines } from './reporting-line';

const A = 'DINKES';
const NOW = '2024-01-01T00:00:00.000Z';
const KADIS = '197001011995031001';
const KABID = '197505052000031002';
const KASI = '198001012005011003';
const STAF = '199002022015032004';
const STAF2 = '199107072016031005';

const position = (positionId: string, parentPositionId: string | null, kind: PositionKind, agencyId = A): OrganisationEvent => ({
  type: 'PositionCreated',
  data: { agencyId, positionId, name: positionId, kind, unitId: 'U1', parentPositionId, establishedOn: '2015-01-01', createdAt: NOW },
});
let seq = 0;
const hold = (nip: string, positionId: string, from: string, to: string | null = null, type: 'DEFINITIVE' | 'PLT' | 'PLH' = 'DEFINITIVE', agencyId = A): OrganisationEvent => ({
  type: 'PositionAssigned',
  data: { agencyId, assignmentId: `a${++seq}`, nip, positionId, type, from, to, assignedAt: NOW },
});

const TREE: OrganisationEvent[] = [
  { type: 'UnitCreated', data: { agencyId: A, unitId: 'U1', name: 'Dinas', parentUnitId: null, createdAt: NOW } },
  position('P_KADIS', null, 'JPT_PRATAMA'),
  position('P_KABID', 'P_KADIS', 'ADMINISTRATOR'),
  position('P_KASI', 'P_KABID', 'PENGAWAS'),
  position('P_STAF', 'P_KASI', 'PELAKSANA'),
  position('P_STAF2', 'P_KASI', 'PELAKSANA'),
];

describe('reporting lines as of a date', () => {
  describe('given every position held definitively', () => {
    const index = ReportingLines.from([
      ...TREE,
      hold(KADIS, 'P_KADIS', '2018-01-01'),
      hold(KABID, 'P_KABID', '2019-01-01'),
      hold(KASI, 'P_KASI', '2020-01-01'),
      hold(STAF, 'P_STAF', '2020-01-01'),
    ]);
    it('gives the position, the pejabat penilai and the atasan pejabat penilai', () => {
      const chain = index.chainOf(STAF, '2024-05-01');
      expect(chain.positions.map((p) => p.positionId)).toEqual(['P_STAF']);
      expect(chain.pejabatPenilai).toEqual({ nip: KASI, agencyId: A, positionId: 'P_KASI', via: 'DEFINITIVE' });
      expect(chain.atasanPejabatPenilai).toEqual({ nip: KABID, agencyId: A, positionId: 'P_KABID', via: 'DEFINITIVE' });
    });
    it('the head of the agency has no pejabat penilai inside it', () => {
      expect(index.chainOf(KADIS, '2024-05-01').pejabatPenilai).toBeNull();
    });
    it('before the employee started, they hold nothing', () => {
      expect(index.chainOf(STAF, '2019-12-31')).toEqual({ nip: STAF, date: '2019-12-31', positions: [], pejabatPenilai: null, atasanPejabatPenilai: null });
    });
    it('an unknown NIP holds nothing', () => {
      expect(index.chainOf('000000000000000000', '2024-05-01').positions).toEqual([]);
    });
  });

  describe('given a vacant parent position', () => {
    const index = ReportingLines.from([...TREE, hold(KADIS, 'P_KADIS', '2018-01-01'), hold(KABID, 'P_KABID', '2019-01-01'), hold(STAF, 'P_STAF', '2020-01-01')]);
    it('walks up to the next holder', () => {
      const chain = index.chainOf(STAF, '2024-05-01');
      expect(chain.pejabatPenilai?.nip).toBe(KABID);
      expect(chain.atasanPejabatPenilai?.nip).toBe(KADIS);
    });
  });

  describe('given a PLT in the vacant parent position', () => {
    const index = ReportingLines.from([
      ...TREE,
      hold(KADIS, 'P_KADIS', '2018-01-01'),
      hold(KABID, 'P_KABID', '2019-01-01'),
      hold(STAF, 'P_STAF', '2020-01-01'),
      hold(STAF2, 'P_STAF2', '2020-01-01'),
      hold(STAF2, 'P_KASI', '2024-03-01', '2024-08-31', 'PLT'),
    ]);
    it('the PLT is the pejabat penilai during the range, and the atasan is above the acted position', () => {
      const chain = index.chainOf(STAF, '2024-05-01');
      expect(chain.pejabatPenilai).toEqual({ nip: STAF2, agencyId: A, positionId: 'P_KASI', via: 'PLT' });
      expect(chain.atasanPejabatPenilai?.nip).toBe(KABID);
    });
    it('outside the range the line walks up past the vacancy', () => {
      expect(index.pejabatPenilaiOf(STAF, '2024-09-01')?.nip).toBe(KABID);
      expect(index.pejabatPenilaiOf(STAF, '2024-02-29')?.nip).toBe(KABID);
    });
    it('the PLT is never their own pejabat penilai: the next level up answers', () => {
      const chain = index.chainOf(STAF2, '2024-05-01');
      expect(chain.positions.map((p) => [p.positionId, p.type])).toEqual([
        ['P_STAF2', 'DEFINITIVE'],
        ['P_KASI', 'PLT'],
      ]);
      expect(chain.pejabatPenilai?.nip).toBe(KABID);
      expect(chain.atasanPejabatPenilai?.nip).toBe(KADIS);
    });
  });

  describe('given a definitive holder and a PLH at once', () => {
    const index = ReportingLines.from([...TREE, hold(KASI, 'P_KASI', '2020-01-01'), hold(STAF2, 'P_KASI', '2024-03-01', '2024-03-14', 'PLH'), hold(STAF, 'P_STAF', '2020-01-01')]);
    it('the definitive holder comes first', () => {
      expect(index.pejabatPenilaiOf(STAF, '2024-03-05')?.nip).toBe(KASI);
    });
  });

  describe('given people moving and lines changing over time', () => {
    const events: OrganisationEvent[] = [
      ...TREE,
      hold(KASI, 'P_KASI', '2020-01-01'),
      hold(KABID, 'P_KABID', '2019-01-01'),
      hold(STAF, 'P_STAF', '2020-01-01'),
      { type: 'AssignmentEnded', data: { agencyId: A, assignmentId: `a${seq - 2}`, nip: KASI, positionId: 'P_KASI', lastDay: '2022-06-30', endedAt: NOW } },
      hold(STAF2, 'P_KASI', '2022-07-01'),
      { type: 'ReportingLineChanged', data: { agencyId: A, positionId: 'P_STAF', parentPositionId: 'P_KABID', effectiveFrom: '2023-01-01', changedAt: NOW } },
    ];
    const index = ReportingLines.from(events);
    it('answers for every past date', () => {
      expect(index.pejabatPenilaiOf(STAF, '2022-06-30')?.nip).toBe(KASI);
      expect(index.pejabatPenilaiOf(STAF, '2022-07-01')?.nip).toBe(STAF2);
      expect(index.pejabatPenilaiOf(STAF, '2023-01-01')?.nip).toBe(KABID);
    });
  });

  describe('at 20,000 employees', () => {
    // How fast: `npm run bench -- reporting-lines`.
    const { events, nips } = largeOrganisation();
    it('answers a look-up for every employee, before and after their move', () => {
      const index = ReportingLines.from(events);
      let found = 0;
      for (const nip of nips) {
        if (index.chainOf(nip, '2019-06-01').pejabatPenilai) found++;
        if (index.chainOf(nip, '2024-06-01').atasanPejabatPenilai) found++;
      }
      expect(new Set(nips).size).toBeGreaterThan(19_000);
      expect(found).toBe(nips.length * 2);
    });
  });
});
