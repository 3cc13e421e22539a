/**
 * A rule was broken. `kind` maps to HTTP (invalid → 400, forbidden → 403, not_found → 404,
 * conflict → 409); `code` is a stable English code in UPPER_SNAKE (`SKP_NOT_FOUND`), checked by its
 * type; `message` is Bahasa Indonesia for the user; `field` names the offending input where there is one.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict';

/** UPPER_SNAKE, e.g. `PERIOD_NOT_FOUND`: a lower-case literal does not compile. */
export type ErrorCode = Uppercase<string>;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: ErrorCode, message: string, field?: string) => new DomainError('invalid', code, message, field);
export const conflict = (code: ErrorCode, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: ErrorCode, message: string) => new DomainError('forbidden', code, message);
export const notFound = (code: ErrorCode, message: string) => new DomainError('not_found', code, message);
