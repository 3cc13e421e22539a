import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@kinerja/domain';
import { InvalidEventError, isConnectionError, WrongExpectedRevisionError } from '@kinerja/event-store';
import { FieldError, RequestValidationError } from '../validation/zod-validation';

/** The body of every error response. `message` is Bahasa Indonesia; `code` is a stable English code. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  errors?: FieldError[];
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** Unexpected: log it with its stack (the body says nothing of it). */
  unexpected: boolean;
  /** Response headers (`retry-after` on 503). */
  headers?: Record<string, string>;
}

/** Seconds a client waits before retrying a 503: a database restart or fail-over takes a few. */
export const RETRY_AFTER_SECONDS = 5;

const KIND_STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

const STATUS_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'Permintaan tidak valid.' },
  401: { code: 'UNAUTHENTICATED', message: 'Autentikasi diperlukan.' },
  403: { code: 'FORBIDDEN', message: 'Anda tidak berwenang melakukan tindakan ini.' },
  404: { code: 'NOT_FOUND', message: 'Sumber daya tidak ditemukan.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Metode tidak diizinkan.' },
  409: { code: 'CONFLICT', message: 'Terjadi konflik dengan data yang ada.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Data yang dikirim terlalu besar.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Jenis konten tidak didukung.' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Terlalu banyak permintaan; coba lagi nanti.' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Layanan sedang tidak tersedia; coba lagi sebentar lagi.' },
};

/** Pure: any thrown value → HTTP status and the error body. */
export function mapError(error: unknown): MappedError {
  if (error instanceof DomainError) {
    const status = KIND_STATUS[error.kind];
    const body: ErrorBody = { statusCode: status, code: error.code, message: error.message };
    if (error.field !== undefined) {
      body.field = error.field;
      body.errors = [{ field: error.field, code: error.code, message: error.message }];
    }
    return { status, body, unexpected: false };
  }
  if (error instanceof RequestValidationError) {
    const errors = [...error.errors];
    return {
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: error.message, ...(errors[0] ? { field: errors[0].field } : {}), errors },
      unexpected: false,
    };
  }
  if (error instanceof WrongExpectedRevisionError) {
    return {
      status: 409,
      body: { statusCode: 409, code: error.code, message: 'Data telah diubah oleh permintaan lain; muat ulang lalu coba lagi.' },
      unexpected: false,
    };
  }
  if (error instanceof InvalidEventError) {
    return { status: 400, body: { statusCode: 400, code: error.code, message: 'Data kejadian tidak valid.' }, unexpected: false };
  }
  if (error instanceof HttpException) return mapHttpException(error);
  const parser = bodyParserError(error);
  if (parser) return parser;
  // The database is down, restarting, full or dropped the connection: nothing is half-done (a
  // transaction rolls back with its connection), so the client retries. A command stored before
  // the failure (its answer read the database again) meets its own result then, as a conflict.
  if (isConnectionError(error)) {
    return { status: 503, body: { statusCode: 503, ...STATUS_CODES[503] }, unexpected: false, headers: retryAfter() };
  }
  return {
    status: 500,
    body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Terjadi kesalahan pada server.' },
    unexpected: true,
  };
}

function mapHttpException(error: HttpException): MappedError {
  const status = error.getStatus();
  const response = error.getResponse();
  const fallback = STATUS_CODES[status] ?? { code: status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR', message: 'Permintaan gagal.' };
  const given = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  // Our own throws carry { code, message } in Bahasa Indonesia; Nest's built-in ones (404 route,
  // body parser 400 ...) carry English text, which is replaced by the generic message.
  const own = typeof given.code === 'string' && typeof given.message === 'string';
  const body: ErrorBody = {
    statusCode: status,
    code: own ? (given.code as string) : fallback.code,
    message: own ? (given.message as string) : fallback.message,
  };
  if (own && typeof given.field === 'string') body.field = given.field;
  if (status === 503) return { status, body, unexpected: false, headers: retryAfter() };
  return { status, body, unexpected: status >= 500 };
}

/**
 * body-parser's own errors (http-errors with `expose` and a `type`): a body over the limit is 413,
 * malformed JSON or a wrong charset 400/415, never 500.
 */
function bodyParserError(error: unknown): MappedError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, expose } = error as { status?: unknown; type?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true || typeof type !== 'string') return null;
  const known = STATUS_CODES[status] ?? STATUS_CODES[400];
  const message = type === 'entity.parse.failed' ? 'Isi permintaan bukan JSON yang valid.' : known.message;
  return { status, body: { statusCode: status, code: known.code, message, field: 'body' }, unexpected: false };
}

function retryAfter(): Record<string, string> {
  return { 'retry-after': String(RETRY_AFTER_SECONDS) };
}
