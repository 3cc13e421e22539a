import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { Authority, inScope, isBlank } from '../command';
import { addMonths, isLocalDate, LocalDate } from '../local-date';
import { AnnualPredicate } from '../performance-record/performance-record.events';
import { RuleSet } from '../rule-sets/rule-set';
import {
  CompetencyTestResult,
  IMPROVEMENT_OUTCOMES,
  ImprovementCaseEvent,
  ImprovementOutcome,
  ImprovementPlanProposed,
  ImprovementStep,
  Milestone,
} from './improvement-case.events';

/** One case per employee and the year of the Kurang / Sangat Kurang predicate. */
export const improvementCaseIdOf = (nip: string, year: number) => `${nip}:${year}`;
export const improvementCaseStream = (caseId: string) => `improvement-case-${caseId}`;

export type JabatanKind = 'JPT' | 'JA' | 'JF';

export type ProposeImprovementPlan = Command<
  'ProposeImprovementPlan',
  { caseId: string; nip: string; agencyId: string; year: number; startDate: LocalDate; milestones: Milestone[] },
  /** `predicate`: the employee's annual predicate of `year` from the performance record. */
  { authority: Authority; predicate: AnnualPredicate | null; ruleSet: RuleSet }
>;

export type ApproveImprovementStep = Command<'ApproveImprovementStep', { caseId: string; step: ImprovementStep }, { authority: Authority }>;

export type RejectImprovementStep = Command<
  'RejectImprovementStep',
  { caseId: string; step: ImprovementStep; reason: string },
  { authority: Authority }
>;

export type RecordMilestone = Command<
  'RecordMilestone',
  { caseId: string; milestoneId: string; achieved: boolean; note: string },
  { authority: Authority }
>;

export type ProposeCompetencyTestResult = Command<
  'ProposeCompetencyTestResult',
  { caseId: string; testedOn: LocalDate; result: CompetencyTestResult; score?: number | null },
  { authority: Authority }
>;

export type ProposeImprovementOutcome = Command<
  'ProposeImprovementOutcome',
  { caseId: string; outcome: ImprovementOutcome; positionId?: string | null; effectiveDate: LocalDate; until?: LocalDate | null; reason: string },
  /** Vacancies and the employee's post kind from work planning; whether a temporary placement was already served. */
  {
    authority: Authority;
    jabatanKind: JabatanKind;
    vacancies: { matchingPost: boolean; lowerPost: boolean };
    temporaryPlacementServed: boolean;
    ruleSet: RuleSet;
  }
>;

export type ImprovementCaseCommand =
  | ProposeImprovementPlan
  | ApproveImprovementStep
  | RejectImprovementStep
  | RecordMilestone
  | ProposeCompetencyTestResult
  | ProposeImprovementOutcome;

type Plan = ImprovementPlanProposed['data'];
interface Test {
  testedOn: LocalDate;
  result: CompetencyTestResult;
  score: number | null;
}
interface Outcome {
  outcome: ImprovementOutcome;
  positionId: string | null;
  effectiveDate: LocalDate;
  until: LocalDate | null;
}

export type ImprovementCaseState =
  | { status: 'NONE' }
  | { status: 'PLAN_PROPOSED'; plan: Plan }
  | { status: 'PLAN_ACTIVE'; plan: Plan; achieved: Readonly<Record<string, boolean>> }
  | { status: 'TEST_PROPOSED' | 'TEST_RECORDED'; plan: Plan; achieved: Readonly<Record<string, boolean>>; test: Test }
  | { status: 'OUTCOME_PROPOSED' | 'CLOSED'; plan: Plan; achieved: Readonly<Record<string, boolean>>; test: Test; outcome: Outcome };

export const initialState = (): ImprovementCaseState => ({ status: 'NONE' });

/** The step awaiting approval in a state, if any. */
export function pendingStep(state: ImprovementCaseState): ImprovementStep | null {
  switch (state.status) {
    case 'PLAN_PROPOSED':
      return 'PLAN';
    case 'TEST_PROPOSED':
      return 'TEST_RESULT';
    case 'OUTCOME_PROPOSED':
      return 'OUTCOME';
    default:
      return null;
  }
}

export function evolve(state: ImprovementCaseState, event: ImprovementCaseEvent): ImprovementCaseState {
  switch (event.type) {
    case 'ImprovementPlanProposed':
      return { status: 'PLAN_PROPOSED', plan: event.data };
    case 'ImprovementStepApproved':
      switch (state.status) {
        case 'PLAN_PROPOSED':
          return { status: 'PLAN_ACTIVE', plan: state.plan, achieved: {} };
        case 'TEST_PROPOSED':
          return { ...state, status: 'TEST_RECORDED' };
        case 'OUTCOME_PROPOSED':
          return { ...state, status: 'CLOSED' };
        default:
          return state;
      }
    case 'ImprovementStepRejected':
      switch (state.status) {
        case 'PLAN_PROPOSED':
          return { status: 'NONE' };
        case 'TEST_PROPOSED':
          return { status: 'PLAN_ACTIVE', plan: state.plan, achieved: state.achieved };
        case 'OUTCOME_PROPOSED':
          return { status: 'TEST_RECORDED', plan: state.plan, achieved: state.achieved, test: state.test };
        default:
          return state;
      }
    case 'MilestoneRecorded':
      return state.status === 'PLAN_ACTIVE' ? { ...state, achieved: { ...state.achieved, [event.data.milestoneId]: event.data.achieved } } : state;
    case 'CompetencyTestResultProposed':
      if (state.status !== 'PLAN_ACTIVE') return state;
      return { ...state, status: 'TEST_PROPOSED', test: { testedOn: event.data.testedOn, result: event.data.result, score: event.data.score } };
    case 'ImprovementOutcomeProposed': {
      if (state.status !== 'TEST_RECORDED') return state;
      const { outcome, positionId, effectiveDate, until } = event.data;
      return { ...state, status: 'OUTCOME_PROPOSED', outcome: { outcome, positionId, effectiveDate, until } };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/**
 * PP 30/2019 Pasal 56–58 (docs/regulations.md §5.1): a passed repeated test keeps the post; otherwise a post
 * matching the competence or a lower post where one is vacant; for JA and JF with neither, a
 * temporary placement; when that was served already (or for JPT with neither), honourable dismissal.
 */
export function allowedOutcomes(
  test: CompetencyTestResult,
  jabatanKind: JabatanKind,
  vacancies: { matchingPost: boolean; lowerPost: boolean },
  temporaryPlacementServed: boolean,
): ImprovementOutcome[] {
  if (test === 'MEMENUHI') return ['DIPERTAHANKAN'];
  const allowed: ImprovementOutcome[] = [];
  if (vacancies.matchingPost) allowed.push('MUTASI_SESUAI_KOMPETENSI');
  if (vacancies.lowerPost) allowed.push('JABATAN_LEBIH_RENDAH');
  if (allowed.length > 0) return allowed;
  if (jabatanKind !== 'JPT' && !temporaryPlacementServed) return ['PENEMPATAN_SEMENTARA'];
  return ['DIBERHENTIKAN_DENGAN_HORMAT'];
}

const requireProposer = (authority: Authority, agencyId: string) => {
  if (!inScope(authority.proposes, agencyId)) throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin kepegawaian instansi ini yang dapat mengusulkan langkah ini');
};

const STEP_LABEL: Record<ImprovementStep, string> = { PLAN: 'rencana perbaikan', TEST_RESULT: 'hasil uji kompetensi ulang', OUTCOME: 'tindak lanjut' };

function proposePlan(command: ProposeImprovementPlan, state: ImprovementCaseState): ImprovementCaseEvent[] {
  const d = command.data;
  const { authority, predicate, ruleSet } = command.lookups;
  requireProposer(authority, d.agencyId);
  if (state.status !== 'NONE') {
    if (state.plan.startDate === d.startDate && state.plan.proposedBy === command.metadata.actor.id) return [];
    throw conflict('CASE_EXISTS', 'Rencana perbaikan kinerja untuk tahun ini sudah diusulkan');
  }
  if (predicate === null || predicate.year !== d.year) throw conflict('PREDICATE_MISSING', `Predikat tahun ${d.year} belum tercatat`);
  if (!ruleSet.underPerformance.triggerPredicates.includes(predicate.predicate))
    throw conflict('NOT_UNDER_PERFORMING', 'Rencana perbaikan hanya untuk predikat Kurang atau Sangat Kurang');
  if (!isLocalDate(d.startDate)) throw invalid('INVALID_DATE', 'Tanggal mulai harus berformat YYYY-MM-DD', 'startDate');
  const endsOn = addMonths(d.startDate, ruleSet.underPerformance.improvementWindowMonths);
  if (!Array.isArray(d.milestones) || d.milestones.length === 0) throw invalid('MILESTONES_REQUIRED', 'Rencana perbaikan harus mempunyai tahapan', 'milestones');
  const ids = new Set<string>();
  d.milestones.forEach((m, i) => {
    if (isBlank(m?.milestoneId) || ids.has(m.milestoneId)) throw invalid('MILESTONE_ID', 'Kode tahapan wajib diisi dan unik', `milestones[${i}].milestoneId`);
    ids.add(m.milestoneId);
    if (isBlank(m.title)) throw invalid('MILESTONE_TITLE', 'Uraian tahapan wajib diisi', `milestones[${i}].title`);
    if (!isLocalDate(m.dueDate) || m.dueDate < d.startDate || m.dueDate > endsOn)
      throw invalid('MILESTONE_DUE', `Tenggat tahapan harus di antara ${d.startDate} dan ${endsOn}`, `milestones[${i}].dueDate`);
  });
  return [
    {
      type: 'ImprovementPlanProposed',
      data: {
        caseId: d.caseId,
        nip: d.nip,
        agencyId: d.agencyId,
        year: d.year,
        predicate: predicate.predicate,
        startDate: d.startDate,
        endsOn,
        milestones: d.milestones.map((m) => ({ milestoneId: m.milestoneId, title: m.title.trim(), dueDate: m.dueDate })),
        factIds: [predicate.factId],
        ruleSetVersion: ruleSet.version,
        proposedBy: command.metadata.actor.id,
        proposedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function approveOrReject(command: ApproveImprovementStep | RejectImprovementStep, state: ImprovementCaseState): ImprovementCaseEvent[] {
  if (state.status === 'NONE') throw conflict('CASE_NOT_FOUND', 'Rencana perbaikan kinerja belum diusulkan');
  if (!inScope(command.lookups.authority.approves, state.plan.agencyId))
    throw forbidden('NOT_PPK', 'Hanya PPK atau pejabat yang diberi delegasi yang dapat menyetujui langkah ini');
  const { step, caseId } = command.data;
  if (pendingStep(state) !== step) throw conflict('STEP_NOT_PENDING', `Tidak ada usulan ${STEP_LABEL[step] ?? step} yang menunggu persetujuan`);
  const at = command.metadata.now.toISOString();
  if (command.type === 'ApproveImprovementStep') return [{ type: 'ImprovementStepApproved', data: { caseId, step, approvedBy: command.metadata.actor.id, approvedAt: at } }];
  if (isBlank(command.data.reason)) throw invalid('REASON_REQUIRED', 'Alasan penolakan wajib diisi', 'reason');
  return [{ type: 'ImprovementStepRejected', data: { caseId, step, reason: command.data.reason.trim(), rejectedBy: command.metadata.actor.id, rejectedAt: at } }];
}

function recordMilestone(command: RecordMilestone, state: ImprovementCaseState): ImprovementCaseEvent[] {
  if (state.status === 'NONE') throw conflict('CASE_NOT_FOUND', 'Rencana perbaikan kinerja belum diusulkan');
  requireProposer(command.lookups.authority, state.plan.agencyId);
  if (state.status !== 'PLAN_ACTIVE') throw conflict('PLAN_NOT_ACTIVE', 'Tahapan hanya dicatat selama rencana perbaikan berjalan');
  const d = command.data;
  if (!state.plan.milestones.some((m) => m.milestoneId === d.milestoneId)) throw invalid('UNKNOWN_MILESTONE', 'Tahapan tidak ada dalam rencana', 'milestoneId');
  if (typeof d.achieved !== 'boolean') throw invalid('ACHIEVED_REQUIRED', 'Nyatakan apakah tahapan tercapai', 'achieved');
  if (state.achieved[d.milestoneId] === d.achieved) return [];
  return [
    {
      type: 'MilestoneRecorded',
      data: { caseId: d.caseId, milestoneId: d.milestoneId, achieved: d.achieved, note: (d.note ?? '').trim(), recordedBy: command.metadata.actor.id, recordedAt: command.metadata.now.toISOString() },
    },
  ];
}

function proposeTest(command: ProposeCompetencyTestResult, state: ImprovementCaseState): ImprovementCaseEvent[] {
  if (state.status === 'NONE') throw conflict('CASE_NOT_FOUND', 'Rencana perbaikan kinerja belum diusulkan');
  requireProposer(command.lookups.authority, state.plan.agencyId);
  const d = command.data;
  if (state.status === 'TEST_PROPOSED' && state.test.testedOn === d.testedOn && state.test.result === d.result) return [];
  if (state.status !== 'PLAN_ACTIVE') throw conflict('PLAN_NOT_ACTIVE', 'Hasil uji kompetensi ulang dicatat setelah rencana perbaikan disetujui dan berjalan');
  if (d.result !== 'MEMENUHI' && d.result !== 'TIDAK_MEMENUHI') throw invalid('INVALID_RESULT', 'Hasil harus MEMENUHI atau TIDAK_MEMENUHI', 'result');
  if (!isLocalDate(d.testedOn)) throw invalid('INVALID_DATE', 'Tanggal uji harus berformat YYYY-MM-DD', 'testedOn');
  if (d.testedOn < state.plan.endsOn)
    throw conflict('IMPROVEMENT_WINDOW_OPEN', `Uji kompetensi ulang dilakukan setelah masa perbaikan berakhir (${state.plan.endsOn})`);
  return [
    {
      type: 'CompetencyTestResultProposed',
      data: { caseId: d.caseId, testedOn: d.testedOn, result: d.result, score: d.score ?? null, proposedBy: command.metadata.actor.id, proposedAt: command.metadata.now.toISOString() },
    },
  ];
}

function proposeOutcome(command: ProposeImprovementOutcome, state: ImprovementCaseState): ImprovementCaseEvent[] {
  if (state.status === 'NONE') throw conflict('CASE_NOT_FOUND', 'Rencana perbaikan kinerja belum diusulkan');
  const { authority, jabatanKind, vacancies, temporaryPlacementServed, ruleSet } = command.lookups;
  requireProposer(authority, state.plan.agencyId);
  const d = command.data;
  if (state.status === 'OUTCOME_PROPOSED' && state.outcome.outcome === d.outcome && state.outcome.effectiveDate === d.effectiveDate) return [];
  if (state.status !== 'TEST_RECORDED') throw conflict('TEST_NOT_RECORDED', 'Tindak lanjut diusulkan setelah hasil uji kompetensi ulang disetujui');
  if (!IMPROVEMENT_OUTCOMES.includes(d.outcome)) throw invalid('INVALID_OUTCOME', 'Tindak lanjut tidak dikenal', 'outcome');
  if (!isLocalDate(d.effectiveDate)) throw invalid('INVALID_DATE', 'Tanggal berlaku harus berformat YYYY-MM-DD', 'effectiveDate');
  if (isBlank(d.reason)) throw invalid('REASON_REQUIRED', 'Alasan tindak lanjut wajib diisi', 'reason');
  const allowed = allowedOutcomes(state.test.result, jabatanKind, vacancies, temporaryPlacementServed);
  if (!allowed.includes(d.outcome)) throw conflict('OUTCOME_NOT_ALLOWED', `Tindak lanjut yang dapat diusulkan: ${allowed.join(', ')}`);
  const needsPost = d.outcome === 'MUTASI_SESUAI_KOMPETENSI' || d.outcome === 'JABATAN_LEBIH_RENDAH' || d.outcome === 'PENEMPATAN_SEMENTARA';
  if (needsPost && isBlank(d.positionId)) throw invalid('POSITION_REQUIRED', 'Jabatan tujuan wajib diisi', 'positionId');
  let until: LocalDate | null = null;
  if (d.outcome === 'PENEMPATAN_SEMENTARA') {
    const latest = addMonths(d.effectiveDate, ruleSet.underPerformance.maxTemporaryPlacementMonths);
    if (!isLocalDate(d.until) || d.until <= d.effectiveDate || d.until > latest)
      throw invalid('TEMPORARY_PLACEMENT_TOO_LONG', `Penempatan sementara paling lama sampai ${latest}`, 'until');
    until = d.until;
  }
  return [
    {
      type: 'ImprovementOutcomeProposed',
      data: {
        caseId: d.caseId,
        outcome: d.outcome,
        positionId: needsPost ? (d.positionId as string) : null,
        effectiveDate: d.effectiveDate,
        until,
        reason: d.reason.trim(),
        proposedBy: command.metadata.actor.id,
        proposedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

export function decide(command: ImprovementCaseCommand, state: ImprovementCaseState): ImprovementCaseEvent[] {
  switch (command.type) {
    case 'ProposeImprovementPlan':
      return proposePlan(command, state);
    case 'ApproveImprovementStep':
    case 'RejectImprovementStep':
      return approveOrReject(command, state);
    case 'RecordMilestone':
      return recordMilestone(command, state);
    case 'ProposeCompetencyTestResult':
      return proposeTest(command, state);
    case 'ProposeImprovementOutcome':
      return proposeOutcome(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const improvementCaseDecider: Decider<ImprovementCaseCommand, ImprovementCaseEvent, ImprovementCaseState> = { initialState, evolve, decide };

/** The decision kind that carries out an approved outcome; null when the employee keeps the post. */
export const decisionKindOfOutcome = (outcome: ImprovementOutcome): 'ROTASI' | 'DEMOSI' | 'PENEMPATAN_SEMENTARA' | 'PEMBERHENTIAN_DENGAN_HORMAT' | null => {
  switch (outcome) {
    case 'DIPERTAHANKAN':
      return null;
    case 'MUTASI_SESUAI_KOMPETENSI':
      return 'ROTASI';
    case 'JABATAN_LEBIH_RENDAH':
      return 'DEMOSI';
    case 'PENEMPATAN_SEMENTARA':
      return 'PENEMPATAN_SEMENTARA';
    case 'DIBERHENTIKAN_DENGAN_HORMAT':
      return 'PEMBERHENTIAN_DENGAN_HORMAT';
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
};

/**
 * What a placement decision proposed from an improvement case rests on: the case must be closed with
 * an approved outcome of that kind, for that post. Cites the predicate the case started from and the case.
 */
export function basisFromImprovementCase(
  caseId: string,
  state: ImprovementCaseState,
  decision: { kind: string; nip: string; positionId: string | null },
  ruleSetVersion: string,
): { eligible: boolean; unmet: string[]; factIds: string[]; ruleSetVersion: string } {
  if (state.status !== 'CLOSED') return { eligible: false, unmet: ['Tindak lanjut rencana perbaikan kinerja belum disetujui PPK'], factIds: [], ruleSetVersion };
  const unmet: string[] = [];
  if (state.plan.nip !== decision.nip) unmet.push('Rencana perbaikan kinerja milik pegawai lain');
  if (decisionKindOfOutcome(state.outcome.outcome) !== decision.kind) unmet.push(`Tindak lanjut yang disetujui adalah ${state.outcome.outcome}`);
  if (state.outcome.positionId !== null && state.outcome.positionId !== decision.positionId) unmet.push(`Jabatan tujuan yang disetujui adalah ${state.outcome.positionId}`);
  return { eligible: unmet.length === 0, unmet, factIds: [...state.plan.factIds, `improvement-case:${caseId}`], ruleSetVersion };
}
