import { careerDecisionsContracts, CareerDecisionsEvents } from './career-decisions.contracts';
import { ContractDefinition } from './contract';
import { feedbackIntakeContracts, FeedbackIntakeEvents } from './feedback-intake.contracts';
import { evaluationContracts, EvaluationEvents } from './evaluation.contracts';
import { workPlanningContracts, WorkPlanningEvents } from './work-planning.contracts';

/** Every public event of every service. A service's contracts file adds itself here once. */
export const CONTRACTS: readonly ContractDefinition[] = [...workPlanningContracts, ...evaluationContracts, ...feedbackIntakeContracts, ...careerDecisionsContracts];

/** Public event type → its data. */
export type PublicEventMap = WorkPlanningEvents & EvaluationEvents & FeedbackIntakeEvents & CareerDecisionsEvents;
export type PublicEventType = keyof PublicEventMap & string;

const byType = new Map<string, ContractDefinition>();
for (const contract of CONTRACTS) {
  if (byType.has(contract.type)) throw new Error(`Duplicate public event contract ${contract.type}`);
  byType.set(contract.type, contract);
}

export function findContract(type: string): ContractDefinition | undefined {
  return byType.get(type);
}

export function getContract(type: string): ContractDefinition {
  const contract = byType.get(type);
  if (!contract) throw new Error(`Unknown public event type ${type}`);
  return contract;
}

/** The message key: the employee's NIP where the event has one, else the aggregate id. */
export function keyOf(type: string, data: unknown): string {
  const contract = getContract(type);
  const value = (data as Record<string, unknown> | null)?.[contract.keyField];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`${type}: key field ${contract.keyField} is missing`);
  }
  return value;
}
