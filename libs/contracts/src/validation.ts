import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { JsonSchema } from './contract';
import { CONTRACTS, SHARED_CONTRACTS } from './registry';

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

/**
 * Tolerant reader, strict writer. The published schemas leave `additionalProperties` open so that a
 * v1 consumer accepts the optional fields a later v1 adds; a producer is held to the schema as
 * written (every object closed), so nothing goes out that its contract does not document.
 */
export type ValidationMode = 'consume' | 'produce';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closeObjects(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const validators = new Map<string, Record<ValidationMode, ValidateFunction>>();
for (const contract of [...CONTRACTS, ...SHARED_CONTRACTS]) {
  validators.set(contract.type, {
    consume: ajv.compile(contract.schema),
    produce: ajv.compile(closeObjects(contract.schema) as JsonSchema),
  });
}

/** Validates an event's data against its contract's JSON Schema (compiled once, at load). */
export function validatePublicEvent(type: string, data: unknown, mode: ValidationMode = 'consume'): ValidationResult {
  const validator = validators.get(type);
  if (!validator) return { ok: false, errors: [`unknown public event type ${type}`] };
  const validate = validator[mode];
  if (validate(data)) return { ok: true };
  return {
    ok: false,
    errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`),
  };
}

export class PublicEventValidationError extends Error {
  readonly code = 'PUBLIC_EVENT_INVALID';
  constructor(
    readonly type: string,
    readonly errors: string[],
  ) {
    super(`${type} does not match its schema: ${errors.join('; ')}`);
    this.name = 'PublicEventValidationError';
  }
}

export function assertPublicEvent(type: string, data: unknown, mode: ValidationMode = 'produce'): void {
  const result = validatePublicEvent(type, data, mode);
  if (!result.ok) throw new PublicEventValidationError(type, result.errors);
}
