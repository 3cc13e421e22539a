import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * A JSON Schema (OpenAPI 3) for the zod shapes request bodies use, so that `@ApiBody({ schema })`
 * documents exactly what the pipe accepts. Covers objects, strings, numbers, booleans, enums,
 * literals, arrays, optional/nullable/default; other kinds fall back to an unconstrained schema.
 */
export function zodToOpenApi(schema: z.ZodTypeAny): JsonSchema {
  const def = schema._def as { typeName: string; description?: string };
  const out = convert(schema);
  if (def.description) out.description = def.description;
  return out;
}

/**
 * A route that takes a JSON body: Nest's route decorator (`Post('units')`) with the operation's
 * summary and the body its `ZodValidationPipe(body)` accepts, documented together.
 */
export function RouteWithBody(route: MethodDecorator, summary: string, body: z.ZodTypeAny): MethodDecorator {
  return applyDecorators(route, ApiOperation({ summary }), ApiBody({ schema: zodToOpenApi(body) }));
}

function convert(schema: z.ZodTypeAny): JsonSchema {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, value] of Object.entries(shape)) {
      properties[key] = zodToOpenApi(value);
      if (!value.isOptional()) required.push(key);
    }
    const strict = (schema._def as { unknownKeys?: string }).unknownKeys === 'strict';
    return { type: 'object', properties, ...(required.length ? { required } : {}), ...(strict ? { additionalProperties: false } : {}) };
  }
  if (schema instanceof z.ZodString) {
    const out: JsonSchema = { type: 'string' };
    for (const check of schema._def.checks) {
      if (check.kind === 'min') out.minLength = check.value;
      else if (check.kind === 'max') out.maxLength = check.value;
      else if (check.kind === 'length') out.minLength = out.maxLength = check.value;
      else if (check.kind === 'regex') out.pattern = check.regex.source;
      else if (check.kind === 'datetime') out.format = 'date-time';
      else if (check.kind === 'date') out.format = 'date';
      else if (check.kind === 'email') out.format = 'email';
      else if (check.kind === 'uuid') out.format = 'uuid';
      else if (check.kind === 'url') out.format = 'uri';
    }
    return out;
  }
  if (schema instanceof z.ZodNumber) {
    const out: JsonSchema = { type: schema.isInt ? 'integer' : 'number' };
    for (const check of schema._def.checks) {
      if (check.kind === 'min') out[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
      else if (check.kind === 'max') out[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
    }
    return out;
  }
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: [...schema.options] };
  if (schema instanceof z.ZodNativeEnum) return { enum: Object.values(schema.enum) };
  if (schema instanceof z.ZodLiteral) return { enum: [schema.value] };
  if (schema instanceof z.ZodArray) {
    const out: JsonSchema = { type: 'array', items: zodToOpenApi(schema.element) };
    if (schema._def.minLength) out.minItems = schema._def.minLength.value;
    if (schema._def.maxLength) out.maxItems = schema._def.maxLength.value;
    return out;
  }
  if (schema instanceof z.ZodOptional) return zodToOpenApi(schema.unwrap());
  if (schema instanceof z.ZodNullable) return { ...zodToOpenApi(schema.unwrap()), nullable: true };
  if (schema instanceof z.ZodDefault) return { ...zodToOpenApi(schema.removeDefault()), default: schema._def.defaultValue() };
  if (schema instanceof z.ZodEffects) return zodToOpenApi(schema.innerType());
  if (schema instanceof z.ZodUnion) return { oneOf: (schema.options as z.ZodTypeAny[]).map(zodToOpenApi) };
  if (schema instanceof z.ZodRecord) return { type: 'object', additionalProperties: zodToOpenApi(schema.valueSchema) };
  return {};
}
