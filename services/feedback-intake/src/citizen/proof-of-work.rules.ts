import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A privacy-friendly proof of work for the citizens' endpoints, in the shape of ALTCHA (no
 * third-party service, no cookie, no tracking): the server hands out `challenge = SHA-256(salt +
 * n)` for a secret random n ≤ maxNumber, signed with an HMAC; the browser finds n by trying, which
 * costs a script a little CPU per submission; the server checks the signature, the hash, the expiry
 * written into the salt, and that the solution was not used before.
 */
export interface PowChallenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export interface PowSolution {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (secret: Buffer, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** A challenge for the number `secretNumber` (drawn by the caller), valid until `expiresAt` (epoch seconds). */
export function createChallenge(secret: Buffer, saltNonce: string, secretNumber: number, maxNumber: number, expiresAt: number): PowChallenge {
  const salt = `${saltNonce}?expires=${expiresAt}`;
  const challenge = sha256(`${salt}${secretNumber}`);
  return { algorithm: 'SHA-256', challenge, maxnumber: maxNumber, salt, signature: hmac(secret, challenge) };
}

/** What the browser does: try every number up to maxnumber. */
export function solveChallenge(challenge: PowChallenge): number | null {
  for (let n = 0; n <= challenge.maxnumber; n++) if (sha256(`${challenge.salt}${n}`) === challenge.challenge) return n;
  return null;
}

export type PowProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'WRONG_NUMBER' | 'EXPIRED';

/** Pure: why a solution (the base64 JSON payload of the `x-altcha` header) is refused, or null. */
export function checkSolution(secret: Buffer, payload: string, nowSeconds: number): { problem: PowProblem } | { problem: null; solution: PowSolution } {
  let solution: PowSolution;
  try {
    solution = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as PowSolution;
  } catch {
    return { problem: 'MALFORMED' };
  }
  if (!solution || solution.algorithm !== 'SHA-256' || typeof solution.challenge !== 'string' || typeof solution.salt !== 'string' || typeof solution.signature !== 'string' || !Number.isInteger(solution.number)) {
    return { problem: 'MALFORMED' };
  }
  const expected = Buffer.from(hmac(secret, solution.challenge), 'hex');
  const given = Buffer.from(solution.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'BAD_SIGNATURE' };
  if (sha256(`${solution.salt}${solution.number}`) !== solution.challenge) return { problem: 'WRONG_NUMBER' };
  const expires = Number(/[?&]expires=(\d+)/.exec(solution.salt)?.[1]);
  if (!Number.isFinite(expires) || expires < nowSeconds) return { problem: 'EXPIRED' };
  return { problem: null, solution };
}
