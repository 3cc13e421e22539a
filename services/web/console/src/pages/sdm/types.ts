/**
 * Shapes of career-decisions' answers the HR career pages read: from the generated client where it
 * is as precise as the pages need, written out where it is not yet.
 */
import type { CareerDecisionsAnswer } from '../../api/answers';

export type EligibilityRule = 'KENAIKAN_PANGKAT' | 'KGB_PPPK' | 'KENAIKAN_GAJI_ISTIMEWA_PPPK' | 'PENGHARGAAN';
export const ELIGIBILITY_RULES: EligibilityRule[] = ['KENAIKAN_PANGKAT', 'KGB_PPPK', 'KENAIKAN_GAJI_ISTIMEWA_PPPK', 'PENGHARGAAN'];

export interface EligibilityItem {
  rule: EligibilityRule;
  nip: string;
  name: string | null;
  asOf: string;
  eligible: boolean;
  unmet: string[];
  met: string[];
  factIds: string[];
  provisionalYears: number[];
}

export type EligibilityList = CareerDecisionsAnswer<'/agencies/{agencyId}/eligibility', 'get'>;

export type DecisionStatus = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'ISSUED' | 'REVOKED';

export type DecisionItem = CareerDecisionsAnswer<'/agencies/{agencyId}/decisions', 'get'>[number];

export type AgencyDevelopment = CareerDecisionsAnswer<'/agencies/{agencyId}/trainings', 'get'>;

export interface Milestone {
  milestoneId: string;
  title: string;
  dueDate: string;
}

export interface ImprovementCaseState {
  status: 'NONE' | 'PLAN_PROPOSED' | 'PLAN_ACTIVE' | 'TEST_PROPOSED' | 'TEST_RECORDED' | 'OUTCOME_PROPOSED' | 'CLOSED';
  plan?: { startDate: string; endsOn: string; milestones: Milestone[] };
  achieved?: Record<string, boolean>;
  test?: { testedOn: string; result: 'MEMENUHI' | 'TIDAK_MEMENUHI'; score: number | null };
  outcome?: { outcome: string; positionId: string | null; effectiveDate: string; until: string | null };
}

export type AgencyCases = CareerDecisionsAnswer<'/agencies/{agencyId}/improvement-cases', 'get'>;

export interface TalentPlacement {
  nip: string;
  name: string;
  box: number;
  performance: 'DI_ATAS' | 'SESUAI' | 'DI_BAWAH';
  potential: 'TINGGI' | 'MENENGAH' | 'RENDAH';
  kategori: string;
  rekomendasi: string[];
  inTalentPool: boolean;
  poolExclusion: string | null;
  alasan: string[];
  factIds: string[];
}

export type TalentMap = CareerDecisionsAnswer<'/agencies/{agencyId}/talent-map', 'get'>;

export type PerformanceRecordView = CareerDecisionsAnswer<'/employees/{nip}/performance-record', 'get'>;
