import { addDays, localDateOf, LocalDate } from '../../local-date';
import { RuleSet } from '../../rule-sets/rule-set';
import { ObjectionView } from './evaluation-view.projection';

/**
 * Where a keberatan stands for the atasan who decides it (PP 30/2019 Pasal 59(3), docs/regulations.md
 * §4.5): explanations still to be asked of the parties the rule set requires (the decision is
 * refused until then), ready to decide, or decided.
 */
export type ObjectionStage = 'ASK_EXPLANATIONS' | 'READY_TO_DECIDE' | 'DECIDED';

export const OBJECTION_STAGE_LABELS: Readonly<Record<ObjectionStage, string>> = {
  ASK_EXPLANATIONS: 'Minta penjelasan',
  READY_TO_DECIDE: 'Siap diputuskan',
  DECIDED: 'Sudah diputuskan',
};

export interface ObjectionProgress {
  stage: ObjectionStage;
  stageLabel: string;
  /** The parties the rule set requires an explanation of and who were not asked yet. */
  toAsk: string[];
  /** The parties asked who have not answered yet. */
  awaitingExplanationFrom: string[];
  /** The last local day to decide, when the rule set sets `objection.decisionDays`; else null. */
  decideBy: LocalDate | null;
  /** Past `decideBy` today and still undecided. */
  overdue: boolean;
}

export function objectionProgress(objection: ObjectionView, ruleSet: RuleSet | null, today: LocalDate, timeZone: string): ObjectionProgress {
  const required = ruleSet?.objection.explanationsRequiredBeforeDecision ?? [];
  const toAsk = required.filter((party) => !objection.explanations.some((e) => e.from === party && e.requestedAt !== undefined));
  const awaiting = objection.explanations.filter((e) => e.requestedAt !== undefined && e.explanation === undefined).map((e) => e.from);
  const stage: ObjectionStage = objection.decision !== null ? 'DECIDED' : toAsk.length > 0 ? 'ASK_EXPLANATIONS' : 'READY_TO_DECIDE';
  const days = ruleSet?.objection.decisionDays;
  const decideBy = days === undefined ? null : addDays(localDateOf(new Date(objection.filedAt), timeZone), days);
  return { stage, stageLabel: OBJECTION_STAGE_LABELS[stage], toAsk: [...toAsk], awaitingExplanationFrom: stage === 'DECIDED' ? [] : awaiting, decideBy, overdue: stage !== 'DECIDED' && decideBy !== null && today > decideBy };
}
