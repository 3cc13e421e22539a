import { PRODUCING_SERVICES, ProducingService, topicOf } from './topics';

/** A JSON Schema (draft 2020-12 subset that ajv compiles). */
export type JsonSchema = Record<string, unknown>;

/**
 * One public event: its versioned name, its schema, where it is published and what it is keyed by.
 * `keyField` names a top-level string property of the data: the employee's NIP where the event has
 * one, else the aggregate id (checked by `contracts.unit.spec.ts`).
 */
export interface ContractDefinition<Type extends string = string> {
  type: Type;
  service: ProducingService;
  topic: string;
  keyField: string;
  /** `nip` or the name of the aggregate the key identifies. */
  keyKind: 'nip' | 'aggregate';
  description: string;
  schema: JsonSchema;
}

export function defineContract<Type extends string>(
  definition: Omit<ContractDefinition<Type>, 'topic' | 'keyKind'>,
): ContractDefinition<Type> {
  return {
    ...definition,
    topic: topicOf(definition.service),
    keyKind: definition.keyField === 'nip' ? 'nip' : 'aggregate',
  };
}

/**
 * A public event that every producing service publishes on its own topic: operational facts about
 * the service itself (its audit anchors), not domain facts. Keyed by the service's name.
 */
export interface SharedContractDefinition<Type extends string = string> {
  type: Type;
  /** Every service's topic. */
  topics: readonly string[];
  keyField: string;
  keyKind: 'aggregate';
  description: string;
  schema: JsonSchema;
}

export function defineSharedContract<Type extends string>(
  definition: Omit<SharedContractDefinition<Type>, 'topics' | 'keyKind'>,
): SharedContractDefinition<Type> {
  return { ...definition, topics: PRODUCING_SERVICES.map(topicOf), keyKind: 'aggregate' };
}
