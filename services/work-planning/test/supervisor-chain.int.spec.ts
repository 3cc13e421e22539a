import { ProjectionRunner } from '@kinerja/projections';
import { GetSupervisorQuery } from '../src/organisation/get-supervisor/get-supervisor.query';
import { OrganisationEvent, organisationStream, PositionKind } from '../src/organisation/organisation.events';
import { bootHarness, Harness } from './support/harness';

/**
 * The supervisor chain as the service answers it (GetSupervisorQuery over the reporting-line and
 * assignment intervals that the projections keep), on organisation events stored in the event store.
 * Each scenario is an agency of its own, its people NIPs of their own.
 */
const NOW = '2024-01-01T00:00:00.000Z';
const people = (scenario: number) => {
  const nip = (base: string) => `${base.slice(0, 16)}${String(scenario).padStart(2, '0')}`;
  return {
    A: `OPD${scenario}`,
    KADIS: nip('197001011995031001'),
    KABID: nip('197505052000031002'),
    KASI: nip('198001012005011003'),
    STAF: nip('199002022015032004'),
    STAF2: nip('199107072016031005'),
  };
};

describe('the supervisor chain as of a date (GetSupervisorQuery on the projected organisation)', () => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await bootHarness('wp_chain', { now: '2026-03-10T03:00:00.000Z' });
  });
  afterAll(() => h?.close());

  /** Stores the scenario's agency (units and the five positions) plus `events`, and waits for the read models. */
  async function organisation(p: ReturnType<typeof people>, events: (p: ReturnType<typeof people>) => OrganisationEvent[]): Promise<GetSupervisorQuery> {
    const position = (positionId: string, parentPositionId: string | null, kind: PositionKind): OrganisationEvent => ({
      type: 'PositionCreated',
      data: { agencyId: p.A, positionId, name: positionId, kind, unitId: 'U1', parentPositionId, establishedOn: '2015-01-01', createdAt: NOW },
    });
    const tree: OrganisationEvent[] = [
      { type: 'UnitCreated', data: { agencyId: p.A, unitId: 'U1', name: 'Dinas', parentUnitId: null, createdAt: NOW } },
      position('P_KADIS', null, 'JPT_PRATAMA'),
      position('P_KABID', 'P_KADIS', 'ADMINISTRATOR'),
      position('P_KASI', 'P_KABID', 'PENGAWAS'),
      position('P_STAF', 'P_KASI', 'PELAKSANA'),
      position('P_STAF2', 'P_KASI', 'PELAKSANA'),
    ];
    const appended = await h.store.append(organisationStream(p.A), [...tree, ...events(p)].map((e) => ({ type: e.type, data: e.data })));
    await h.app.get(ProjectionRunner).waitFor(appended.position, 30_000);
    return h.app.get(GetSupervisorQuery);
  }
  const hold = (p: ReturnType<typeof people>, nip: string, positionId: string, from: string, to: string | null = null, type: 'DEFINITIVE' | 'PLT' | 'PLH' = 'DEFINITIVE'): OrganisationEvent => ({
    type: 'PositionAssigned',
    data: { agencyId: p.A, assignmentId: `a${++seq}`, nip, positionId, type, from, to, assignedAt: NOW },
  });

  describe('given every position held definitively', () => {
    const p = people(1);
    let chains: GetSupervisorQuery;
    beforeAll(async () => {
      chains = await organisation(p, () => [
        hold(p, p.KADIS, 'P_KADIS', '2018-01-01'),
        hold(p, p.KABID, 'P_KABID', '2019-01-01'),
        hold(p, p.KASI, 'P_KASI', '2020-01-01'),
        hold(p, p.STAF, 'P_STAF', '2020-01-01'),
      ]);
    });
    it('gives the position, the pejabat penilai and the atasan pejabat penilai', async () => {
      const chain = await chains.chainOf(p.STAF, '2024-05-01');
      expect(chain.positions.map((x) => x.positionId)).toEqual(['P_STAF']);
      expect(chain.pejabatPenilai).toMatchObject({ nip: p.KASI, agencyId: p.A, positionId: 'P_KASI', via: 'DEFINITIVE' });
      expect(chain.atasanPejabatPenilai).toMatchObject({ nip: p.KABID, agencyId: p.A, positionId: 'P_KABID', via: 'DEFINITIVE' });
    });
    it('the head of the agency has no pejabat penilai inside it', async () => {
      expect((await chains.chainOf(p.KADIS, '2024-05-01')).pejabatPenilai).toBeNull();
    });
    it('before the employee started, they hold nothing', async () => {
      expect(await chains.chainOf(p.STAF, '2019-12-31')).toEqual({ nip: p.STAF, date: '2019-12-31', positions: [], pejabatPenilai: null, atasanPejabatPenilai: null });
    });
    it('an unknown NIP holds nothing', async () => {
      expect((await chains.chainOf('000000000000000000', '2024-05-01')).positions).toEqual([]);
    });
  });

  describe('given a vacant parent position', () => {
    const p = people(2);
    it('walks up to the next holder', async () => {
      const chains = await organisation(p, () => [hold(p, p.KADIS, 'P_KADIS', '2018-01-01'), hold(p, p.KABID, 'P_KABID', '2019-01-01'), hold(p, p.STAF, 'P_STAF', '2020-01-01')]);
      const chain = await chains.chainOf(p.STAF, '2024-05-01');
      expect(chain.pejabatPenilai?.nip).toBe(p.KABID);
      expect(chain.atasanPejabatPenilai?.nip).toBe(p.KADIS);
    });
  });

  describe('given a PLT in the vacant parent position', () => {
    const p = people(3);
    let chains: GetSupervisorQuery;
    beforeAll(async () => {
      chains = await organisation(p, () => [
        hold(p, p.KADIS, 'P_KADIS', '2018-01-01'),
        hold(p, p.KABID, 'P_KABID', '2019-01-01'),
        hold(p, p.STAF, 'P_STAF', '2020-01-01'),
        hold(p, p.STAF2, 'P_STAF2', '2020-01-01'),
        hold(p, p.STAF2, 'P_KASI', '2024-03-01', '2024-08-31', 'PLT'),
      ]);
    });
    it('the PLT is the pejabat penilai during the range, and the atasan is above the acted position', async () => {
      const chain = await chains.chainOf(p.STAF, '2024-05-01');
      expect(chain.pejabatPenilai).toMatchObject({ nip: p.STAF2, agencyId: p.A, positionId: 'P_KASI', via: 'PLT' });
      expect(chain.atasanPejabatPenilai?.nip).toBe(p.KABID);
    });
    it('outside the range the line walks up past the vacancy', async () => {
      expect((await chains.chainOf(p.STAF, '2024-09-01')).pejabatPenilai?.nip).toBe(p.KABID);
      expect((await chains.chainOf(p.STAF, '2024-02-29')).pejabatPenilai?.nip).toBe(p.KABID);
    });
    it('the PLT is never their own pejabat penilai: the next level up answers', async () => {
      const chain = await chains.chainOf(p.STAF2, '2024-05-01');
      expect(chain.positions.map((x) => [x.positionId, x.type])).toEqual([
        ['P_STAF2', 'DEFINITIVE'],
        ['P_KASI', 'PLT'],
      ]);
      expect(chain.pejabatPenilai?.nip).toBe(p.KABID);
      expect(chain.atasanPejabatPenilai?.nip).toBe(p.KADIS);
    });
    it('asked for several NIPs at once (chainsOf), answers each as asked alone', async () => {
      const unknown = '000000000000000000';
      const asked = [p.STAF, p.STAF2, p.KABID, p.KADIS, unknown, p.STAF];
      const batch = await chains.chainsOf(asked, '2024-05-01');
      expect([...batch.keys()].sort()).toEqual([p.STAF, p.STAF2, p.KABID, p.KADIS, unknown].sort());
      expect(batch.get(p.STAF)?.pejabatPenilai?.nip).toBe(p.STAF2);
      expect(batch.get(p.STAF2)?.pejabatPenilai?.nip).toBe(p.KABID);
      expect(batch.get(p.KABID)?.pejabatPenilai?.nip).toBe(p.KADIS);
      expect(batch.get(p.KADIS)?.pejabatPenilai).toBeNull();
      expect(batch.get(unknown)?.positions).toEqual([]);
      for (const nip of new Set(asked)) expect(batch.get(nip)).toEqual(await chains.chainOf(nip, '2024-05-01'));
      expect((await chains.chainsOf([], '2024-05-01')).size).toBe(0);
    });
  });

  describe('given a definitive holder and a PLH at once', () => {
    const p = people(4);
    it('the definitive holder comes first', async () => {
      const chains = await organisation(p, () => [
        hold(p, p.KASI, 'P_KASI', '2020-01-01'),
        hold(p, p.STAF2, 'P_KASI', '2024-03-01', '2024-03-14', 'PLH'),
        hold(p, p.STAF, 'P_STAF', '2020-01-01'),
      ]);
      expect((await chains.chainOf(p.STAF, '2024-03-05')).pejabatPenilai?.nip).toBe(p.KASI);
    });
  });

  describe('given people moving and lines changing over time (a successor in a structural post)', () => {
    const p = people(5);
    it('answers for every past date', async () => {
      const chains = await organisation(p, () => {
        const kasi = hold(p, p.KASI, 'P_KASI', '2020-01-01');
        return [
          kasi,
          hold(p, p.KABID, 'P_KABID', '2019-01-01'),
          hold(p, p.STAF, 'P_STAF', '2020-01-01'),
          { type: 'AssignmentEnded', data: { agencyId: p.A, assignmentId: (kasi.data as { assignmentId: string }).assignmentId, nip: p.KASI, positionId: 'P_KASI', lastDay: '2022-06-30', endedAt: NOW } },
          hold(p, p.STAF2, 'P_KASI', '2022-07-01'),
          { type: 'ReportingLineChanged', data: { agencyId: p.A, positionId: 'P_STAF', parentPositionId: 'P_KABID', effectiveFrom: '2023-01-01', changedAt: NOW } },
        ];
      });
      expect((await chains.chainOf(p.STAF, '2022-06-30')).pejabatPenilai?.nip).toBe(p.KASI);
      expect((await chains.chainOf(p.STAF, '2022-07-01')).pejabatPenilai?.nip).toBe(p.STAF2);
      expect((await chains.chainOf(p.STAF, '2023-01-01')).pejabatPenilai?.nip).toBe(p.KABID);
    });
  });
});
