/**
 * Length caps shared by the JSON API's schemas and the CSV import (issue 15 finding 9): whatever
 * reaches the hash-chained store is validated the same way whichever door it came through.
 */
export const FIELD_LIMITS = {
  employeeName: 200,
  positionName: 300,
  unitName: 300,
  /** RFC 5321's limit for a path. */
  email: 254,
} as const;

/** U+FFFD: what a byte sequence that is not UTF-8 became when the file was decoded. */
export const REPLACEMENT_CHARACTER = '\uFFFD';
