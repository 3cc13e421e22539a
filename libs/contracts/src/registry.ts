import { auditContracts, AuditEvents } from './audit.contracts';
import { careerDecisionsContracts, CareerDecisionsEvents } from './career-decisions.contracts';
import { ContractDefinition, SharedContractDefinition } from './contract';
import { feedbackIntakeContracts, FeedbackIntakeEvents } from './feedback-intake.contracts';
import { evaluationContracts, EvaluationEvents } from './evaluation.contracts';
import { workPlanningContracts, WorkPlanningEvents } from './work-planning.contracts';

/** Every public event of every service. A service's contracts file adds itself here once. */
export const CONTRACTS: readonly ContractDefinition[] = [...workPlanningContracts, ...evaluationContracts, ...feedbackIntakeContracts, ...careerDecisionsContracts];

/** Public events every service publishes on its own topic (see `defineSharedContract`). */
export const SHARED_CONTRACTS: readonly SharedContractDefinition[] = [...auditContracts];

/** Public event type → its data. */
export type PublicEventMap = WorkPlanningEvents & EvaluationEvents & FeedbackIntakeEvents & CareerDecisionsEvents & AuditEvents;
export type PublicEventType = keyof PublicEventMap & string;

const byType = new Map<string, ContractDefinition>();
for (const contract of CONTRACTS) {
  if (byType.has(contract.type)) throw new Error(`Duplicate public event contract ${contract.type}`);
  byType.set(contract.type, contract);
}

const sharedByType = new Map<string, SharedContractDefinition>();
for (const contract of SHARED_CONTRACTS) {
  if (byType.has(contract.type) || sharedByType.has(contract.type)) throw new Error(`Duplicate public event contract ${contract.type}`);
  sharedByType.set(contract.type, contract);
}

export function findSharedContract(type: string): SharedContractDefinition | undefined {
  return sharedByType.get(type);
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
