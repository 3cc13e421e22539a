import { Authority } from '../command';
import { actorFor, deciderSpec } from '@kinerja/testing';
import { AnnualPredicate } from '../performance-record/performance-record.events';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { allowedOutcomes, basisFromImprovementCase, ImprovementCaseCommand, improvementCaseDecider } from './improvement-case.decider';
import { ImprovementCaseEvent, ImprovementOutcome, ImprovementStep } from './improvement-case.events';

const spec = deciderSpec(improvementCaseDecider);
const nip = '199001012015011001';
const caseId = `${nip}:2023`;
const now = new Date('2024-02-01T02:00:00Z');
const hrAdmin: Authority = { approves: [], proposes: ['DISKOMINFO'] };
const ppk: Authority = { approves: ['DISKOMINFO'], proposes: [] };
const kurang: AnnualPredicate = { year: 2023, predicate: 'KURANG_MISCONDUCT', factId: 'pf-2023', source: 'EVALUATION', legacyScore: null, final: true };
const milestones = [
  { milestoneId: 'M1', title: 'Menyelesaikan laporan triwulan tepat waktu', dueDate: '2024-05-01' },
  { milestoneId: 'M2', title: 'Pelatihan teknis pengelolaan data', dueDate: '2024-08-01' },
];

const proposePlan = (predicate: AnnualPredicate | null = kurang, authority = hrAdmin, ms = milestones): ImprovementCaseCommand => ({
  type: 'ProposeImprovementPlan',
  data: { caseId, nip, agencyId: 'DISKOMINFO', year: 2023, startDate: '2024-02-01', milestones: ms },
  lookups: { authority, predicate, ruleSet: RULE_SET_2022_1 },
  metadata: { now, actor: actorFor('admin-opd') },
});
const approve = (step: ImprovementStep, authority = ppk): ImprovementCaseCommand => ({
  type: 'ApproveImprovementStep',
  data: { caseId, step },
  lookups: { authority },
  metadata: { now, actor: actorFor('ppk') },
});
const rejectStep = (step: ImprovementStep): ImprovementCaseCommand => ({
  type: 'RejectImprovementStep',
  data: { caseId, step, reason: 'Perlu diperbaiki' },
  lookups: { authority: ppk },
  metadata: { now, actor: actorFor('ppk') },
});
const milestone = (milestoneId: string, achieved: boolean): ImprovementCaseCommand => ({
  type: 'RecordMilestone',
  data: { caseId, milestoneId, achieved, note: '' },
  lookups: { authority: hrAdmin },
  metadata: { now, actor: actorFor('admin-opd') },
});
const test = (testedOn: string, result: 'MEMENUHI' | 'TIDAK_MEMENUHI'): ImprovementCaseCommand => ({
  type: 'ProposeCompetencyTestResult',
  data: { caseId, testedOn, result, score: 61 },
  lookups: { authority: hrAdmin },
  metadata: { now, actor: actorFor('admin-opd') },
});
const outcome = (
  chosen: ImprovementOutcome,
  opts: { until?: string; positionId?: string; vacancies?: { matchingPost: boolean; lowerPost: boolean }; served?: boolean } = {},
): ImprovementCaseCommand => ({
  type: 'ProposeImprovementOutcome',
  data: { caseId, outcome: chosen, positionId: opts.positionId ?? 'POS-PELAKSANA-7', effectiveDate: '2024-09-01', until: opts.until ?? null, reason: 'Tidak memenuhi uji kompetensi ulang' },
  lookups: {
    authority: hrAdmin,
    jabatanKind: 'JF',
    vacancies: opts.vacancies ?? { matchingPost: false, lowerPost: true },
    temporaryPlacementServed: opts.served ?? false,
    ruleSet: RULE_SET_2022_1,
  },
  metadata: { now, actor: actorFor('admin-opd') },
});

const run = (events: ImprovementCaseEvent[], ...commands: ImprovementCaseCommand[]) =>
  commands.reduce((acc, c) => [...acc, ...spec.given(...acc).when(c).events()], events);

describe('under-performance workflow (PP 30/2019 Pasal 56–58)', () => {
  it('end to end: plan → approval → milestones → repeated competency test → approval → lower post → approval', () => {
    const events = run(
      [],
      proposePlan(),
      approve('PLAN'),
      milestone('M1', true),
      milestone('M2', false),
      test('2024-08-01', 'TIDAK_MEMENUHI'),
      approve('TEST_RESULT'),
      outcome('JABATAN_LEBIH_RENDAH'),
      approve('OUTCOME'),
    );
    expect(events.map((e) => e.type)).toEqual([
      'ImprovementPlanProposed',
      'ImprovementStepApproved',
      'MilestoneRecorded',
      'MilestoneRecorded',
      'CompetencyTestResultProposed',
      'ImprovementStepApproved',
      'ImprovementOutcomeProposed',
      'ImprovementStepApproved',
    ]);
    expect(events[0]).toMatchObject({ data: { endsOn: '2024-08-01', factIds: ['pf-2023'], predicate: 'KURANG_MISCONDUCT', ruleSetVersion: '2022.1' } });
    expect(events[6]).toMatchObject({ data: { outcome: 'JABATAN_LEBIH_RENDAH', positionId: 'POS-PELAKSANA-7' } });
  });

  describe('starting', () => {
    it('only Kurang or Sangat Kurang starts a plan', () => {
      spec.given().when(proposePlan({ ...kurang, predicate: 'BUTUH_PERBAIKAN' })).thenThrows('conflict', 'NOT_UNDER_PERFORMING');
      spec.given().when(proposePlan(null)).thenThrows('conflict', 'PREDICATE_MISSING');
      expect(spec.given().when(proposePlan({ ...kurang, predicate: 'SANGAT_KURANG' })).events()).toHaveLength(1);
    });

    it('milestones fall within the six months', () => {
      spec
        .given()
        .when(proposePlan(kurang, hrAdmin, [{ milestoneId: 'M1', title: 'Terlambat', dueDate: '2024-08-02' }]))
        .thenThrows('invalid', 'MILESTONE_DUE');
      spec.given().when(proposePlan(kurang, hrAdmin, [])).thenThrows('invalid', 'MILESTONES_REQUIRED');
    });

    it('an HR admin of the agency proposes; the PPK does not', () => {
      spec.given().when(proposePlan(kurang, ppk)).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
    });
  });

  describe('each step needs approval by the PPK or its delegate', () => {
    const proposed = run([], proposePlan());

    it('an HR admin cannot approve', () => {
      spec.given(...proposed).when(approve('PLAN', hrAdmin)).thenThrows('forbidden', 'NOT_PPK');
    });

    it('milestones wait for the approved plan', () => {
      spec.given(...proposed).when(milestone('M1', true)).thenThrows('conflict', 'PLAN_NOT_ACTIVE');
    });

    it('approving a step that is not pending is refused', () => {
      spec.given(...proposed).when(approve('OUTCOME')).thenThrows('conflict', 'STEP_NOT_PENDING');
    });

    it('a rejected plan can be proposed again', () => {
      const rejected = run(proposed, rejectStep('PLAN'));
      expect(spec.given(...rejected).when(proposePlan()).events()).toHaveLength(1);
    });
  });

  describe('the repeated competency test', () => {
    const active = run([], proposePlan(), approve('PLAN'));

    it('comes after the six months', () => {
      spec.given(...active).when(test('2024-07-31', 'TIDAK_MEMENUHI')).thenThrows('conflict', 'IMPROVEMENT_WINDOW_OPEN');
    });

    it('passed: the employee keeps the post', () => {
      const passed = run(active, test('2024-08-05', 'MEMENUHI'), approve('TEST_RESULT'));
      spec.given(...passed).when(outcome('JABATAN_LEBIH_RENDAH')).thenThrows('conflict', 'OUTCOME_NOT_ALLOWED');
      expect(spec.given(...passed).when(outcome('DIPERTAHANKAN')).events()[0]).toMatchObject({ data: { outcome: 'DIPERTAHANKAN', positionId: null } });
    });

    it('an outcome waits for the approved result', () => {
      const proposedTest = run(active, test('2024-08-05', 'TIDAK_MEMENUHI'));
      spec.given(...proposedTest).when(outcome('JABATAN_LEBIH_RENDAH')).thenThrows('conflict', 'TEST_NOT_RECORDED');
    });
  });

  describe('the outcome', () => {
    const failed = run([], proposePlan(), approve('PLAN'), test('2024-08-05', 'TIDAK_MEMENUHI'), approve('TEST_RESULT'));
    const none = { matchingPost: false, lowerPost: false };

    it('with no vacancy, a JA/JF is placed temporarily for at most one year', () => {
      spec.given(...failed).when(outcome('PENEMPATAN_SEMENTARA', { vacancies: none, until: '2025-09-02' })).thenThrows('invalid', 'TEMPORARY_PLACEMENT_TOO_LONG');
      expect(spec.given(...failed).when(outcome('PENEMPATAN_SEMENTARA', { vacancies: none, until: '2025-09-01' })).events()[0]).toMatchObject({
        data: { until: '2025-09-01' },
      });
      spec.given(...failed).when(outcome('DIBERHENTIKAN_DENGAN_HORMAT', { vacancies: none })).thenThrows('conflict', 'OUTCOME_NOT_ALLOWED');
    });

    it('after a temporary placement with still no post: honourable dismissal', () => {
      expect(spec.given(...failed).when(outcome('DIBERHENTIKAN_DENGAN_HORMAT', { vacancies: none, served: true })).events()[0]).toMatchObject({
        data: { outcome: 'DIBERHENTIKAN_DENGAN_HORMAT', positionId: null },
      });
    });

    it.each([
      ['MEMENUHI', 'JF', { matchingPost: true, lowerPost: true }, false, ['DIPERTAHANKAN']],
      ['TIDAK_MEMENUHI', 'JF', { matchingPost: true, lowerPost: true }, false, ['MUTASI_SESUAI_KOMPETENSI', 'JABATAN_LEBIH_RENDAH']],
      ['TIDAK_MEMENUHI', 'JA', { matchingPost: false, lowerPost: false }, false, ['PENEMPATAN_SEMENTARA']],
      ['TIDAK_MEMENUHI', 'JA', { matchingPost: false, lowerPost: false }, true, ['DIBERHENTIKAN_DENGAN_HORMAT']],
      ['TIDAK_MEMENUHI', 'JPT', { matchingPost: false, lowerPost: false }, false, ['DIBERHENTIKAN_DENGAN_HORMAT']],
    ] as const)('test %s, %s, vacancies %p, temporary served %p → %p', (result, kind, vacancies, served, expected) => {
      expect(allowedOutcomes(result, kind, vacancies, served)).toEqual(expected);
    });
  });
});

describe('the placement decision that carries out the outcome', () => {
  const closed = run([], proposePlan(), approve('PLAN'), test('2024-08-05', 'TIDAK_MEMENUHI'), approve('TEST_RESULT'), outcome('JABATAN_LEBIH_RENDAH'), approve('OUTCOME'));
  const state = closed.reduce(improvementCaseDecider.evolve, improvementCaseDecider.initialState());

  it('rests on the approved outcome: a demotion to the approved post', () => {
    expect(basisFromImprovementCase(caseId, state, { kind: 'DEMOSI', nip, positionId: 'POS-PELAKSANA-7' }, '2022.1')).toEqual({
      eligible: true,
      unmet: [],
      factIds: ['pf-2023', `improvement-case:${caseId}`],
      ruleSetVersion: '2022.1',
    });
  });

  it('not another kind, post or employee, nor before the outcome is approved', () => {
    expect(basisFromImprovementCase(caseId, state, { kind: 'ROTASI', nip, positionId: 'POS-PELAKSANA-7' }, '2022.1').unmet).toEqual(['Tindak lanjut yang disetujui adalah JABATAN_LEBIH_RENDAH']);
    expect(basisFromImprovementCase(caseId, state, { kind: 'DEMOSI', nip, positionId: 'POS-X' }, '2022.1').eligible).toBe(false);
    const open = closed.slice(0, -1).reduce(improvementCaseDecider.evolve, improvementCaseDecider.initialState());
    expect(basisFromImprovementCase(caseId, open, { kind: 'DEMOSI', nip, positionId: 'POS-PELAKSANA-7' }, '2022.1').eligible).toBe(false);
  });
});
