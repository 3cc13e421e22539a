import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { z } from 'zod';

export interface FieldError {
  /** Dotted path of the offending input, e.g. `nip` or `indicators.0.target`. */
  field: string;
  code: string;
  /** Bahasa Indonesia. */
  message: string;
}

/** Input failed its schema: HTTP 400 naming every bad field. */
export class RequestValidationError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`Data tidak valid: ${errors.map((e) => e.field).join(', ')}`);
    this.name = 'RequestValidationError';
  }
}

/** Parses `input` with a (strict) zod schema or throws RequestValidationError. */
export function parseInput<Schema extends z.ZodTypeAny>(schema: Schema, input: unknown, prefix: readonly (string | number)[] = []): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new RequestValidationError(zodIssuesToFieldErrors(result.error.issues, prefix));
}

/** `@Body(new ZodValidationPipe(schema))`: the schema should be `.strict()` so unknown fields are refused. */
@Injectable()
export class ZodValidationPipe<Schema extends z.ZodTypeAny> implements PipeTransform<unknown, z.infer<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<Schema> {
    const prefix = metadata.type === 'body' || !metadata.data ? [] : [metadata.data];
    return parseInput(this.schema, value, prefix);
  }
}

export function zodIssuesToFieldErrors(issues: readonly z.ZodIssue[], prefix: readonly (string | number)[] = []): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: join([...path, key]),
        code: 'UNKNOWN_FIELD',
        message: `Kolom '${join([...path, key])}' tidak dikenal.`,
      }));
    }
    return [{ field: join(path) || '(body)', ...describe(issue) }];
  });
}

function join(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

function describe(issue: z.ZodIssue): { code: string; message: string } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return { code: 'REQUIRED', message: 'Wajib diisi.' };
      if (issue.expected.startsWith("'")) {
        // an enum: zod says "'PNS' | 'PPPK'"
        return { code: 'INVALID_TYPE', message: `Harus salah satu dari: ${issue.expected.replace(/'/g, '').split(' | ').join(', ')}.` };
      }
      return { code: 'INVALID_TYPE', message: `Harus bertipe ${typeName(issue.expected)}.` };
    case 'invalid_enum_value':
      return { code: 'INVALID_VALUE', message: `Harus salah satu dari: ${issue.options.join(', ')}.` };
    case 'invalid_literal':
      return { code: 'INVALID_VALUE', message: `Harus bernilai ${JSON.stringify(issue.expected)}.` };
    case 'too_small':
      if (issue.type === 'string') return { code: 'TOO_SHORT', message: `Minimal ${issue.minimum} karakter.` };
      if (issue.type === 'array') return { code: 'TOO_FEW', message: `Minimal ${issue.minimum} butir.` };
      return { code: 'TOO_SMALL', message: `Minimal ${issue.minimum}.` };
    case 'too_big':
      if (issue.type === 'string') return { code: 'TOO_LONG', message: `Maksimal ${issue.maximum} karakter.` };
      if (issue.type === 'array') return { code: 'TOO_MANY', message: `Maksimal ${issue.maximum} butir.` };
      return { code: 'TOO_BIG', message: `Maksimal ${issue.maximum}.` };
    case 'invalid_string':
      // a schema's own message (e.g. the forms a period id takes) says more than zod's default "Invalid"
      return { code: 'INVALID_FORMAT', message: issue.message && issue.message !== 'Invalid' ? issue.message : 'Format tidak valid.' };
    case 'invalid_date':
      return { code: 'INVALID_DATE', message: 'Tanggal tidak valid.' };
    case 'invalid_union':
    case 'invalid_union_discriminator':
      return { code: 'INVALID_VALUE', message: 'Nilai tidak sesuai dengan bentuk yang diterima.' };
    case 'custom':
      return { code: (issue.params?.code as string | undefined) ?? 'INVALID_VALUE', message: issue.message };
    default:
      return { code: 'INVALID_VALUE', message: 'Nilai tidak valid.' };
  }
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'teks',
    number: 'angka',
    integer: 'bilangan bulat',
    boolean: 'boolean (true/false)',
    object: 'objek',
    array: 'daftar (array)',
    date: 'tanggal',
  };
  return names[expected] ?? expected;
}
