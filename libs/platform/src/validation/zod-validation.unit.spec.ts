import { z } from 'zod';
import { parseInput, RequestValidationError } from './zod-validation';
import { zodToOpenApi } from './zod-openapi';

const schema = z
  .object({
    nip: z.string().regex(/^\d{18}$/),
    name: z.string().min(1).max(10),
    status: z.enum(['PNS', 'PPPK']),
    rank: z.object({ golongan: z.string() }).strict().optional(),
    tags: z.array(z.string()).max(2).optional(),
  })
  .strict();

function errorsOf(input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('parseInput with a strict zod schema', () => {
  it('returns the parsed value', () => {
    expect(parseInput(schema, { nip: '199001012015031001', name: 'Siti', status: 'PNS' })).toEqual({
      nip: '199001012015031001',
      name: 'Siti',
      status: 'PNS',
    });
  });

  it('names a missing field, a wrong type and a bad enum value', () => {
    expect(errorsOf({ name: 42, status: 'HONORER' })).toEqual([
      { field: 'nip', code: 'REQUIRED', message: 'Wajib diisi.' },
      { field: 'name', code: 'INVALID_TYPE', message: 'Harus bertipe teks.' },
      { field: 'status', code: 'INVALID_VALUE', message: 'Harus salah satu dari: PNS, PPPK.' },
    ]);
  });

  it('names each unknown field, nested ones by their path', () => {
    const errors = errorsOf({ nip: '199001012015031001', name: 'Siti', status: 'PNS', role: 'ADMIN', rank: { golongan: 'III/a', extra: 1 } });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['rank.extra', 'UNKNOWN_FIELD'],
      ['role', 'UNKNOWN_FIELD'],
    ]);
  });

  it('lists the allowed values when an enum gets another type', () => {
    expect(errorsOf({ nip: '199001012015031001', name: 'Siti', status: 5 })).toEqual([
      { field: 'status', code: 'INVALID_TYPE', message: 'Harus salah satu dari: PNS, PPPK.' },
    ]);
  });

  it('names array items by index and length limits', () => {
    const errors = errorsOf({ nip: '1', name: 'Nama yang terlalu panjang', status: 'PNS', tags: ['a', 3] });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['nip', 'INVALID_FORMAT'],
      ['name', 'TOO_LONG'],
      ['tags.1', 'INVALID_TYPE'],
    ]);
  });

  it('says the whole body is wrong when it is not an object', () => {
    expect(errorsOf('nip')).toEqual([{ field: '(body)', code: 'INVALID_TYPE', message: 'Harus bertipe objek.' }]);
  });
});

describe('zodToOpenApi', () => {
  it('documents required fields, formats, enums and additionalProperties: false', () => {
    expect(zodToOpenApi(schema)).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['nip', 'name', 'status'],
      properties: {
        nip: { type: 'string', pattern: '^\\d{18}$' },
        name: { type: 'string', minLength: 1, maxLength: 10 },
        status: { type: 'string', enum: ['PNS', 'PPPK'] },
        rank: { type: 'object', additionalProperties: false, required: ['golongan'], properties: { golongan: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
      },
    });
  });
});
