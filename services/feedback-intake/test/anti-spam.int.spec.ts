import { solveChallenge } from '../src/citizen/proof-of-work.rules';
import { agentFor } from '@kinerja/testing';
import { bootHarness, Harness, seedDirectory } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const feedback = { unitId: 'PUSKESMAS-1', rating: 4, channel: 'WEB_FORM' };

/** Issue 15 finding 5: the client address behind a proxy, and a proof of work on public submissions. */
describe('feedback-intake: anti-spam on the citizens\' endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await bootHarness('fi_antispam', { now: NOW, env: { RELAY_ENABLED: 'false', RATE_LIMIT_PER_ADDRESS: '8', PUBLIC_PROOF_OF_WORK: 'required', PUBLIC_PROOF_OF_WORK_MAX_NUMBER: '2000', PUBLIC_WITHOUT_PROOF_PER_ADDRESS: '0' } });
    await seedDirectory(h);
  });
  afterAll(async () => h?.close());

  const solved = async (address: string) => {
    const challenge = (await h.citizen(address).get('/public/challenge').expect(200)).body;
    const number = solveChallenge(challenge);
    expect(number).not.toBeNull();
    const { maxnumber: _max, ...rest } = challenge;
    return Buffer.from(JSON.stringify({ ...rest, number })).toString('base64');
  };

  it('refuses a submission without a solved challenge, accepts a solved one once', async () => {
    const none = await h.citizen('203.0.113.20').post('/public/feedback').send(feedback);
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'PROOF_OF_WORK_REQUIRED', field: 'x-altcha' });
    const payload = await solved('203.0.113.20');
    await h.citizen('203.0.113.20').post('/public/feedback').set('x-altcha', payload).send(feedback).expect(201);
    expect((await h.citizen('203.0.113.20').post('/public/feedback').set('x-altcha', payload).send({ ...feedback, rating: 3 })).status).toBe(400);
    const forged = JSON.parse(Buffer.from(await solved('203.0.113.20'), 'base64').toString('utf8'));
    const wrong = Buffer.from(JSON.stringify({ ...forged, number: forged.number + 1 })).toString('base64');
    expect((await h.citizen('203.0.113.20').post('/public/feedback').set('x-altcha', wrong).send(feedback)).status).toBe(400);
  });

  it('finding 5: a client cannot pick its rate-limit key by writing X-Forwarded-For (rightmost untrusted hop)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      // What a proxy at 127.0.0.1 forwards when the client wrote its own header: "spoofed, <client>".
      const res = await h.citizen(`198.51.100.${i}, 203.0.113.77`).get('/public/ikm/PUSKESMAS-1');
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(14 - 8);
  });

  it('without JavaScript: a submission without a solution fits a small allowance per address and in all, then 429; a wrong solution is never let through', async () => {
    const instance = await h.boot({ PUBLIC_WITHOUT_PROOF_PER_ADDRESS: '2', PUBLIC_WITHOUT_PROOF_TOTAL: '3', PUBLIC_WITHOUT_PROOF_WINDOW_SECONDS: '3600' });
    const citizen = (address: string) => agentFor(instance.base, { 'x-forwarded-for': address });
    await citizen('203.0.113.30').post('/public/feedback').send({ ...feedback, rating: 1 }).expect(201);
    await citizen('203.0.113.30').post('/public/feedback').send({ ...feedback, rating: 2 }).expect(201);
    const third = await citizen('203.0.113.30').post('/public/feedback').send({ ...feedback, rating: 3 });
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ code: 'RATE_LIMITED_WITHOUT_PROOF', field: 'x-altcha' });
    expect(third.body.message).toContain('Aktifkan JavaScript');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // A solved challenge is not counted against the allowance: the same address still submits with one.
    const challenge = (await citizen('203.0.113.30').get('/public/challenge').expect(200)).body;
    const { maxnumber: _max, ...rest } = challenge;
    const payload = Buffer.from(JSON.stringify({ ...rest, number: solveChallenge(challenge) })).toString('base64');
    // (each instance signs with its own secret unless PUBLIC_PROOF_OF_WORK_SECRET is shared: this one's challenge)
    await citizen('203.0.113.30').post('/public/feedback').set('x-altcha', payload).send({ ...feedback, rating: 4 }).expect(201);
    // The allowance in all: a third address gets in, a fourth is refused although it sent nothing before.
    await citizen('203.0.113.31').post('/public/feedback').send({ ...feedback, rating: 1 }).expect(201);
    const crowded = await citizen('203.0.113.32').post('/public/feedback').send({ ...feedback, rating: 2 });
    expect(crowded.status).toBe(429);
    expect(crowded.body.code).toBe('RATE_LIMITED_WITHOUT_PROOF');
    // A present but wrong solution is refused, not treated as "no JavaScript".
    const forged = Buffer.from(JSON.stringify({ ...rest, number: -1 })).toString('base64');
    const wrong = await citizen('203.0.113.33').post('/public/feedback').set('x-altcha', forged).send(feedback);
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('PROOF_OF_WORK_REQUIRED');
  });
});
