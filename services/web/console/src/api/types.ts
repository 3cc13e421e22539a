/**
 * Shapes of the answers the console reads: from the generated client (`answers.ts`, the services'
 * own answer types through their OpenAPI documents) where that is as precise as the pages need,
 * written out where it is not yet (a status the service types as a plain string, a recursive tree).
 */
import type { CareerDecisionsAnswer, EvaluationAnswer, FeedbackIntakeAnswer, WorkPlanningAnswer } from './answers';

export type SkpStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'REVISED' | 'APPROVED' | 'AMENDING' | 'CLOSED';

/** An IKI bound to service records or complaints: its realisation is computed, not typed. */
export type IkiSource =
  | { kind: 'SERVICE_STANDARD'; serviceCode: string; measure: 'PERCENT_WITHIN_STANDARD' | 'AVERAGE_TIME' | 'COUNT' }
  | { kind: 'COMPLAINT_SLA'; category: string | null; measure: 'PERCENT_WITHIN_SLA' | 'COUNT' };

export type SkpDocument = WorkPlanningAnswer<'/skps/{id}', 'get'>;

export interface EmployeeSkpItem {
  skpId: string;
  periodStart: string;
  periodEnd: string;
  status: SkpStatus;
  versions: number;
  returnNotes: string | null;
}

export type AtasanRhk = WorkPlanningAnswer<'/skps/{id}/atasan-rhk', 'get'>;

export interface TeamBoard {
  supervisorNip: string;
  date: string;
  team: { nip: string; nama: string | null; skpId: string | null; status: SkpStatus | 'NONE'; versions: number; unresolvedLinks: { rhkId: string; flag: string }[] }[];
}

export interface Realisation {
  periodId: string;
  ikiId: string;
  revision: number;
  value: number | null;
  narrative: string | null;
  evidence: ({ kind: 'FILE'; sha256: string; fileName: string; sizeBytes: number; mediaType: string } | { kind: 'LINK'; url: string; title: string | null; sha256?: undefined; fileName?: undefined })[];
  occurredOn: string;
  recordedAt: string;
  late: boolean;
  /** Set when the value was computed from the records (issue 19): what from, and how many. */
  computed?: { source: IkiSource; recordCount: number; computedAt: string } | null;
}

export type Rating = 'DI_ATAS' | 'SESUAI' | 'DI_BAWAH';

export interface Period {
  periodId: string;
  code: string;
  name: string;
  kind: string;
  startDate: string;
  endDate: string;
  fillDeadline: string;
  /** The same period in the one vocabulary (`2026-S1`, `2026`): what realisations and feedback are recorded under. */
  factsPeriodId: string | null;
}

export type Evaluation = EvaluationAnswer<'/evaluations/{evaluationId}', 'get'>;

export interface EvaluationContext {
  evaluationId: string;
  period: Period;
  employeeId: string;
  pejabatPenilaiId: string | null;
  atasanPejabatPenilaiId: string | null;
  ruleSetVersion: string;
  realisations: {
    ikiId: string;
    indicator: string | null;
    direction: string | null;
    target: { kind: string; value?: number; unit?: string } | null;
    /** PERIOD, ANNUAL or PRORATED: where the target compared with came from. */
    targetBasis: string | null;
    value: number | null;
    late: boolean;
    evidenceCount: number;
    achievement: number | null;
  }[];
  feedbackCounts: Record<string, number>;
  unitIkm: { ikm: string; grade: string; label: string } | null;
  /** Mentoring the employee gave in the period (issue 19): evidence for their BerAKHLAK, not scored. */
  mentoring?: { sessions: number; minutes: number; mentees: number; byCoreValue: Record<string, number> };
  suggestion: { ratingHasil: Rating | null; ratingPerilaku: Rating | null; basis: { indicatorCount: number; meanAchievement: number | null; positiveFeedback: number; negativeFeedback: number } } | null;
}

export type EvaluationTeamBoard = EvaluationAnswer<'/periods/{periodId}/team-board', 'get'>;

export type EvaluationHistory = EvaluationAnswer<'/employees/{nip}/evaluation-history', 'get'>;

export type ObjectionQueue = EvaluationAnswer<'/atasan/{nip}/objections', 'get'>;

export type FeedbackItem = FeedbackIntakeAnswer<'/employees/{nip}/feedback-timeline', 'get'>[number];

/** Citizens' ratings and comments naming an employee (feedback-intake; never who the citizen is). */
export type CitizenFeedback = FeedbackIntakeAnswer<'/employees/{nip}/citizen-feedback', 'get'>;

export type PerformanceRecord = CareerDecisionsAnswer<'/employees/{nip}/performance-record', 'get'>;

export type TrainingProgress = CareerDecisionsAnswer<'/agencies/{agencyId}/employees/{nip}/trainings', 'get'>;

/** GET /skps/{id}/rhk/{rhkId}/cascade: the RHK and every RHK that intervenes on it, down the tree. */
export interface CascadeNode {
  skpId: string;
  rhkId: string;
  nip: string | null;
  nama: string | null;
  jenis: string;
  rencanaHasilKerja: string;
  approved: boolean;
  children: CascadeNode[];
}

/** One approved version as GET /skps/{id}/versions answers it (the plan as approved, raw). */
export interface SkpVersionDocument {
  version: number;
  approvedAt: string;
  approvedBy: string;
  rhk: {
    rhkId: string;
    jenis: string;
    text: string;
    link: { kind: 'ATASAN_RHK'; skpId: string; rhkId: string } | { kind: 'PERJANJIAN_KINERJA'; perjanjianKinerjaId: string; sasaranId: string } | null;
    indicators: ({ ikiId: string; aspect: string; indicator: string; target: { kind: 'QUANTITATIVE'; value: number; unit: string } | { kind: 'QUALITATIVE'; description: string } } & Record<string, unknown>)[];
  }[];
  perilaku: { coreValue: string; label: string; ekspektasiKhusus: string | null }[];
  lampiran: Record<string, string[]>;
}
