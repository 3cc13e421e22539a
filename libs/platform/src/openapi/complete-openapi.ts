/**
 * The parts of a service's OpenAPI document Nest's decorators do not give (issue 14 item 9), added
 * to every operation in one place, so a new endpoint is documented without copying anything:
 * - its answer: status, JSON Schema and an example, from the service's `openapi-facts.json`
 *   (generated from the handler's return type by `npm run -s generate:api`, libs/cli openapi-facts);
 * - its errors: the shared error body and, per status, the codes it can answer with — the
 *   platform's own (401 token, 403 READ_ONLY_ROLE / ACTOR_UNKNOWN, 400 VALIDATION_FAILED naming the
 *   field, 413, 409 WRONG_EXPECTED_REVISION, 503) and the handler's (from the same facts file);
 * - public operations (`@Public()`) need no token (`security: []`).
 */

export type JsonSchema = Record<string, unknown> & { nullable?: boolean };

export interface ErrorFact {
  code: string;
  /** For a 400: the request field the code names. */
  field?: string;
}

export interface OperationFacts {
  status: number;
  schema: JsonSchema;
  /** HTTP status → the codes the handler (or what it calls) answers with. */
  errors?: Record<string, ErrorFact[]>;
}

export interface ApiFacts {
  $comment?: string;
  /** `METHOD /path` → facts. */
  operations: Record<string, OperationFacts>;
}

/** Marks an operation (or every operation of a controller) that needs no token. */
export const PUBLIC_EXTENSION = 'x-kinerja-public';

const ERROR_BODY: JsonSchema = {
  type: 'object',
  description: 'Every error answers with this body; `message` is Bahasa Indonesia, `code` a stable UPPER_SNAKE code.',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    field: { type: 'string', description: 'The request field at fault (400)' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'code', 'message'],
      },
    },
  },
  required: ['statusCode', 'code', 'message'],
};

/** Status → what it means, in Bahasa Indonesia (beside each status of the document). */
export const STATUS_LABELS: Record<number, string> = {
  200: 'Berhasil',
  201: 'Berhasil dibuat',
  202: 'Diterima; belum terlihat di tampilan (coba baca lagi sebentar)',
  400: 'Permintaan tidak valid (kolom yang salah disebutkan)',
  401: 'Autentikasi diperlukan',
  403: 'Tidak berwenang',
  404: 'Tidak ditemukan',
  409: 'Konflik dengan data yang ada',
  413: 'Data yang dikirim terlalu besar',
  429: 'Terlalu banyak permintaan',
  503: 'Layanan sedang tidak tersedia; coba lagi',
};

const PLATFORM_ERRORS = {
  validation: { code: 'VALIDATION_FAILED' },
  target: { code: 'INVALID_REQUEST_TARGET' },
  badJson: { code: 'BAD_REQUEST', field: 'body' },
  token: ['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_SIGNATURE_INVALID', 'TOKEN_CLAIM_INVALID'],
  role: ['ROLE_NOT_GRANTED', 'ACTOR_UNKNOWN'],
  readOnly: 'READ_ONLY_ROLE',
  concurrency: 'WRONG_EXPECTED_REVISION',
  tooLarge: 'PAYLOAD_TOO_LARGE',
  unavailable: 'SERVICE_UNAVAILABLE',
} as const;

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown; example?: unknown }> }>;
  security?: unknown[];
  [key: string]: unknown;
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** Completes `document` in place (and returns it) with answers, examples and error codes for every operation. */
export function completeOpenApi<Document extends object>(document: Document, facts: ApiFacts | undefined): Document {
  const doc = document as unknown as { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.ErrorBody = ERROR_BODY;
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation || 'operationId' in operation)) continue;
      const fact = facts?.operations[`${method.toUpperCase()} ${path}`];
      const isPublic = operation[PUBLIC_EXTENSION] === true;
      if (isPublic) operation.security = [];
      delete operation[PUBLIC_EXTENSION];
      operation.responses = { ...withAnswer(answerOf(method, fact), operation.responses ?? {}), ...errorsOf(method, path, operation, fact, isPublic) };
      for (const [status, response] of Object.entries(operation.responses)) {
        const label = STATUS_LABELS[Number(status)];
        if (label && !(response.description ?? '').includes(label)) response.description = response.description ? `${label}. ${response.description}` : label;
      }
    }
  }
  return document;
}

/** Nest's own responses over the answer, except that one without content (its default `{ description }`) keeps the answer's schema. */
function withAnswer(answer: NonNullable<Operation['responses']>, own: NonNullable<Operation['responses']>): NonNullable<Operation['responses']> {
  const merged = { ...answer, ...own };
  for (const [status, response] of Object.entries(answer)) if (own[status] && !own[status].content) merged[status] = { ...response, ...own[status], content: response.content };
  return merged;
}

function answerOf(method: string, fact: OperationFacts | undefined): NonNullable<Operation['responses']> {
  const status = fact?.status ?? (method === 'post' ? 201 : 200);
  const schema = fact?.schema ?? {};
  if (schema.format === 'binary') return { [status]: { description: 'Berkas', content: { 'application/octet-stream': { schema } } } };
  return { [status]: { description: '', content: { 'application/json': { schema, example: exampleOf(schema, '') } } } };
}

function errorsOf(method: string, path: string, operation: Operation, fact: OperationFacts | undefined, isPublic: boolean): NonNullable<Operation['responses']> {
  const own = fact?.errors ?? {};
  const codes = new Map<number, ErrorFact[]>();
  const add = (status: number, ...list: ErrorFact[]) => codes.set(status, [...(codes.get(status) ?? []), ...list]);
  const hasInput = Boolean(operation.requestBody) || (operation.parameters ?? []).length > 0;
  const hasPathIds = path.includes('{');
  if (hasInput) add(400, PLATFORM_ERRORS.validation);
  if (hasPathIds) add(400, PLATFORM_ERRORS.target);
  if (operation.requestBody) add(400, PLATFORM_ERRORS.badJson);
  if (!isPublic) {
    add(401, ...PLATFORM_ERRORS.token.map((code) => ({ code })));
    add(403, ...PLATFORM_ERRORS.role.map((code) => ({ code })));
    if (WRITES.has(method)) add(403, { code: PLATFORM_ERRORS.readOnly });
  }
  if (WRITES.has(method) && !isPublic) add(409, { code: PLATFORM_ERRORS.concurrency });
  if (operation.requestBody || WRITES.has(method)) add(413, { code: PLATFORM_ERRORS.tooLarge });
  for (const [status, list] of Object.entries(own)) add(Number(status), ...list);
  add(503, { code: PLATFORM_ERRORS.unavailable });
  const out: NonNullable<Operation['responses']> = {};
  for (const [status, list] of [...codes.entries()].sort(([a], [b]) => a - b)) {
    const unique = [...new Map(list.map((e) => [e.code, e])).values()];
    const first = unique.find((e) => own[String(status)]?.some((o) => o.code === e.code)) ?? unique[0];
    const described = unique.map((e) => (e.field ? `\`${e.code}\` (${e.field})` : `\`${e.code}\``)).join(', ');
    out[status] = {
      description: `Kode: ${described}`,
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { type: 'object', properties: { code: { type: 'string', enum: unique.map((e) => e.code) } } }] },
          example: { statusCode: status, code: first.code, message: STATUS_LABELS[status] ?? 'Permintaan gagal', ...(first.field ? { field: first.field } : {}) },
        },
      },
    };
  }
  return out;
}

const SAMPLES: [RegExp, unknown][] = [
  [/nip$|^employeeId$|Nip$|^subjectEmployeeId$/, '199003152015031002'],
  [/^agencyId$|AgencyId$/, 'DINKES'],
  [/^unitId$|UnitId$/, 'P2P'],
  [/^periodId$|PeriodId$/, '2026-S1'],
  [/^skpId$/, '199003152015031002-2026-01-01'],
  [/^year$/, 2026],
  [/Id$|^id$/, 'ID-1'],
];

/** A plausible example of a JSON Schema's value (property names choose NIPs, periods, agencies). */
export function exampleOf(schema: JsonSchema, name: string, depth = 0): unknown {
  if (depth > 8) return null;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.oneOf) && schema.oneOf.length) return exampleOf(schema.oneOf[0] as JsonSchema, name, depth + 1);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(properties)) out[key] = exampleOf(value, key, depth + 1);
      return out;
    }
    case 'array':
      return [exampleOf((schema.items ?? {}) as JsonSchema, name, depth + 1)];
    case 'string': {
      if (schema.format === 'date-time') return '2026-06-30T03:00:00.000Z';
      if (schema.format === 'date' || /(On|Date|date|From|To|asOf)$/.test(name)) return '2026-06-30';
      if (/At$/.test(name)) return '2026-06-30T03:00:00.000Z';
      const sample = SAMPLES.find(([pattern]) => pattern.test(name));
      return typeof sample?.[1] === 'string' ? sample[1] : 'teks';
    }
    case 'integer':
    case 'number': {
      const sample = SAMPLES.find(([pattern]) => pattern.test(name));
      return typeof sample?.[1] === 'number' ? sample[1] : 1;
    }
    case 'boolean':
      return true;
    default:
      return schema.nullable ? null : {};
  }
}
