/** Shapes of the answers the monitoring pages read (evaluation's curve and dashboard, work-planning, feedback-intake): from the generated client where it is as precise as the pages need. */
import type { EvaluationAnswer, FeedbackIntakeAnswer, WorkPlanningAnswer } from '../api/answers';

export const PREDICATES = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'] as const;
export type Predicate = (typeof PREDICATES)[number];
export const ORGANISATION_PREDICATES = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type OrganisationPredicate = (typeof ORGANISATION_PREDICATES)[number];
export type Counts = Record<Predicate, number>;

export interface ConditionResult {
  id: string;
  kind: 'MAX_SHARE' | 'MIN_SHARE' | 'MIN_COUNT' | 'MAX_COUNT' | 'MODAL';
  label: string;
  predicates: Predicate[];
  count: number;
  share: number;
  bound: number;
  pass: boolean;
}

export type UnitCurve = EvaluationAnswer<'/periods/{periodId}/units/{unitId}/curve', 'get'>;

export type AgencyCurve = EvaluationAnswer<'/periods/{periodId}/curve', 'get'>;

export type CityDashboard = EvaluationAnswer<'/city-dashboard', 'get'>;

export type SkpCompletion = WorkPlanningAnswer<'/agencies/{agencyId}/skp-completion', 'get'>;

export type ComplaintStatistics = FeedbackIntakeAnswer<'/complaints/statistics', 'get'>[number];

export type IkmResult = FeedbackIntakeAnswer<'/skm/ikm', 'get'>[number];

export const emptyCounts = (): Counts => ({ SANGAT_BAIK: 0, BAIK: 0, BUTUH_PERBAIKAN: 0, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 });
