import { checkSolution, createChallenge, solveChallenge } from './proof-of-work.rules';

const secret = Buffer.alloc(32, 7);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('proof of work (ALTCHA-style)', () => {
  const challenge = createChallenge(secret, 'abc', 1234, 5000, 1_000);
  const solution = { algorithm: 'SHA-256', challenge: challenge.challenge, number: solveChallenge(challenge), salt: challenge.salt, signature: challenge.signature };

  it('a solved challenge passes before it expires', () => {
    expect(solution.number).toBe(1234);
    expect(checkSolution(secret, encode(solution), 999).problem).toBeNull();
  });

  it.each([
    ['garbage', 'not-base64-json', 'MALFORMED'],
    ['another secret', encode({ ...solution, signature: createChallenge(Buffer.alloc(32, 8), 'abc', 1234, 5000, 1_000).signature }), 'BAD_SIGNATURE'],
    ['a wrong number', encode({ ...solution, number: 1235 }), 'WRONG_NUMBER'],
    ['a changed expiry', encode({ ...solution, salt: 'abc?expires=9999' }), 'WRONG_NUMBER'],
  ])('refuses %s', (_what, payload, problem) => {
    expect(checkSolution(secret, payload, 999).problem).toBe(problem);
  });

  it('refuses an expired one', () => expect(checkSolution(secret, encode(solution), 1_001).problem).toBe('EXPIRED'));
});
