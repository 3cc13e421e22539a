import { checkCurve, CurveCheck, tally } from './curve.rules';
import { leaderRatingHasil, predicateFor } from './predicate.rules';
import { PeriodKind } from './periods/evaluation-calendar.events';
import { PredikatOrganisasi, PredikatPegawai, Rating, RuleSet, ruleSetByVersion } from './rule-sets/rule-set';
import { RatingHasilSource } from './evaluations/evaluation.events';

/** One evaluation of the period as recorded (from the evaluation read model). */
export interface RecordedEvaluation {
  evaluationId: string;
  employeeId: string;
  unitId: string;
  ratingHasil: Rating;
  ratingPerilaku: Rating;
  ratingHasilSource: RatingHasilSource;
  /** For the leader rule: the organisation predicate of the unit the employee leads. */
  ledUnitOrganisationPredicate: PredikatOrganisasi | null;
  predicate: PredikatPegawai;
  ruleSetVersion: string;
}

export interface Scored {
  ruleSetVersion: string;
  ratingHasil: Rating;
  ratingPerilaku: Rating;
  predicate: PredikatPegawai;
}

export interface WhatIfRow {
  evaluationId: string;
  employeeId: string;
  unitId: string;
  current: Scored;
  whatIf: Scored;
  changed: boolean;
}

export interface WhatIfUnit {
  unitId: string;
  organisationPredicate: PredikatOrganisasi | null;
  /** Null when no organisation predicate is set or the rule set does not apply the curve to the period. */
  current: CurveCheck | null;
  whatIf: CurveCheck | null;
}

export interface WhatIfResult {
  targetVersion: string;
  rows: WhatIfRow[];
  units: WhatIfUnit[];
  summary: { total: number; changed: number; current: Record<PredikatPegawai, number>; whatIf: Record<PredikatPegawai, number> };
}

/**
 * Re-scores a period's evaluations under another rule-set version, side by side with what was
 * recorded. Pure: nothing is stored and no record changes.
 */
export function whatIf(
  period: { kind: PeriodKind },
  evaluations: readonly RecordedEvaluation[],
  units: readonly { unitId: string; organisationPredicate: PredikatOrganisasi | null }[],
  ruleSets: readonly RuleSet[],
  targetVersion: string,
): WhatIfResult {
  const target = ruleSetByVersion(ruleSets, targetVersion);
  const rows = evaluations.map((e): WhatIfRow => {
    const ratingHasil =
      e.ratingHasilSource === 'LEADER_RULE' && e.ledUnitOrganisationPredicate !== null
        ? leaderRatingHasil(target, e.ledUnitOrganisationPredicate)
        : e.ratingHasil;
    const predicate = predicateFor(target, ratingHasil, e.ratingPerilaku);
    return {
      evaluationId: e.evaluationId,
      employeeId: e.employeeId,
      unitId: e.unitId,
      current: { ruleSetVersion: e.ruleSetVersion, ratingHasil: e.ratingHasil, ratingPerilaku: e.ratingPerilaku, predicate: e.predicate },
      whatIf: { ruleSetVersion: target.version, ratingHasil, ratingPerilaku: e.ratingPerilaku, predicate },
      changed: predicate !== e.predicate || ratingHasil !== e.ratingHasil,
    };
  });

  const curveUnder = (ruleSet: RuleSet, org: PredikatOrganisasi | null, predicates: PredikatPegawai[]) =>
    org === null || (period.kind !== 'ANNUAL' && !ruleSet.curve.appliesToPeriodic) ? null : checkCurve(ruleSet, org, predicates);

  const unitResults = units.map((unit): WhatIfUnit => {
    const inUnit = rows.filter((r) => r.unitId === unit.unitId);
    const currentVersion = inUnit[0]?.current.ruleSetVersion;
    const current = currentVersion === undefined ? target : ruleSetByVersion(ruleSets, currentVersion);
    return {
      unitId: unit.unitId,
      organisationPredicate: unit.organisationPredicate,
      current: curveUnder(current, unit.organisationPredicate, inUnit.map((r) => r.current.predicate)),
      whatIf: curveUnder(target, unit.organisationPredicate, inUnit.map((r) => r.whatIf.predicate)),
    };
  });

  return {
    targetVersion: target.version,
    rows,
    units: unitResults,
    summary: {
      total: rows.length,
      changed: rows.filter((r) => r.changed).length,
      current: tally(rows.map((r) => r.current.predicate)),
      whatIf: tally(rows.map((r) => r.whatIf.predicate)),
    },
  };
}
