import { LocalDate } from '../local-date';
import { PredikatPegawai } from '../predikat';

export const IMPROVEMENT_STEPS = ['PLAN', 'TEST_RESULT', 'OUTCOME'] as const;
export type ImprovementStep = (typeof IMPROVEMENT_STEPS)[number];

/** PP 30/2019 Pasal 56–58 outcomes, plus keeping the post when the repeated test is passed. */
export const IMPROVEMENT_OUTCOMES = [
  'DIPERTAHANKAN',
  'MUTASI_SESUAI_KOMPETENSI',
  'JABATAN_LEBIH_RENDAH',
  'PENEMPATAN_SEMENTARA',
  'DIBERHENTIKAN_DENGAN_HORMAT',
] as const;
export type ImprovementOutcome = (typeof IMPROVEMENT_OUTCOMES)[number];

export type CompetencyTestResult = 'MEMENUHI' | 'TIDAK_MEMENUHI';

export interface Milestone {
  milestoneId: string;
  title: string;
  dueDate: LocalDate;
}

export type ImprovementPlanProposed = {
  type: 'ImprovementPlanProposed';
  data: {
    caseId: string;
    nip: string;
    agencyId: string;
    year: number;
    predicate: PredikatPegawai;
    startDate: LocalDate;
    endsOn: LocalDate;
    milestones: Milestone[];
    factIds: string[];
    ruleSetVersion: string;
    proposedBy: string;
    proposedAt: string;
  };
};

export type ImprovementStepApproved = { type: 'ImprovementStepApproved'; data: { caseId: string; step: ImprovementStep; approvedBy: string; approvedAt: string } };

export type ImprovementStepRejected = {
  type: 'ImprovementStepRejected';
  data: { caseId: string; step: ImprovementStep; reason: string; rejectedBy: string; rejectedAt: string };
};

export type MilestoneRecorded = {
  type: 'MilestoneRecorded';
  data: { caseId: string; milestoneId: string; achieved: boolean; note: string; recordedBy: string; recordedAt: string };
};

export type CompetencyTestResultProposed = {
  type: 'CompetencyTestResultProposed';
  data: { caseId: string; testedOn: LocalDate; result: CompetencyTestResult; score: number | null; proposedBy: string; proposedAt: string };
};

export type ImprovementOutcomeProposed = {
  type: 'ImprovementOutcomeProposed';
  data: {
    caseId: string;
    outcome: ImprovementOutcome;
    positionId: string | null;
    effectiveDate: LocalDate;
    until: LocalDate | null;
    reason: string;
    proposedBy: string;
    proposedAt: string;
  };
};

export type ImprovementCaseEvent =
  | ImprovementPlanProposed
  | ImprovementStepApproved
  | ImprovementStepRejected
  | MilestoneRecorded
  | CompetencyTestResultProposed
  | ImprovementOutcomeProposed;
