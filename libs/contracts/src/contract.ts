import { FromSchema } from './schema-types';
import { inboundTopicOf, PRODUCING_SERVICES, ProducingService, topicOf } from './topics';

/** A JSON Schema (draft 2020-12 subset that ajv compiles). */
export type JsonSchema = Record<string, unknown>;

/**
 * One public event: its versioned name, its schema, where it is published and what it is keyed by.
 * `keyField` names a top-level string property of the data: the employee's NIP where the event has
 * one, else the aggregate id (checked by `contracts.unit.spec.ts`).
 */
export interface ContractDefinition<Type extends string = string, Schema extends JsonSchema = JsonSchema> {
  type: Type;
  service: ProducingService;
  topic: string;
  keyField: string;
  /** `nip` or the name of the aggregate the key identifies. */
  keyKind: 'nip' | 'aggregate';
  description: string;
  /** The single source of the event's shape: its TypeScript type is `FromSchema` of it. */
  schema: Schema;
  /**
   * An event other systems (an agency's own) produce for `service` to consume, on the service's
   * inbound topic `kinerja.<service>.inbound.v1`; the service never publishes it.
   */
  inbound?: true;
}

export function defineContract<const Type extends string, const Schema extends JsonSchema>(
  definition: Omit<ContractDefinition<Type, Schema>, 'topic' | 'keyKind'>,
): ContractDefinition<Type, Schema> {
  return {
    ...definition,
    topic: definition.inbound ? inboundTopicOf(definition.service) : topicOf(definition.service),
    keyKind: definition.keyField === 'nip' ? 'nip' : 'aggregate',
  };
}

/**
 * A public event that every producing service publishes on its own topic: operational facts about
 * the service itself (its audit anchors), not domain facts. Keyed by the service's name.
 */
export interface SharedContractDefinition<Type extends string = string, Schema extends JsonSchema = JsonSchema> {
  type: Type;
  /** Every service's topic. */
  topics: readonly string[];
  keyField: string;
  keyKind: 'aggregate';
  description: string;
  schema: Schema;
}

export function defineSharedContract<const Type extends string, const Schema extends JsonSchema>(
  definition: Omit<SharedContractDefinition<Type, Schema>, 'topics' | 'keyKind'>,
): SharedContractDefinition<Type, Schema> {
  return { ...definition, topics: PRODUCING_SERVICES.map(topicOf), keyKind: 'aggregate' };
}

/** Event type → data type of a list of contracts, each derived from its schema. */
export type EventsOf<Contracts extends readonly { type: string; schema: JsonSchema }[]> = {
  [C in Contracts[number] as C['type']]: FromSchema<C['schema']>;
};
