import { expect, test, type Browser, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { baseUrl, expectAccessible } from './support/console';

// Issue 15: the citizens' forms with feedback-intake's proof of work on (the console fixture runs
// PUBLIC_PROOF_OF_WORK=required). With JavaScript the page's own script solves the ALTCHA-style
// challenge on the citizen's phone and the web service sends the solution on; without JavaScript
// the form still goes, within feedback-intake's allowance for submissions without a solution (kept
// large in the fixture; services/feedback-intake/test/anti-spam.int.spec.ts checks the small one).
// The agency's own unit of Dinas Kesehatan: the other journeys count and handle P2P's complaints.
const UNIT = 'DINKES';
const PHONE = { width: 360, height: 740 };

test.describe.configure({ mode: 'serial', timeout: 600_000 });

/**
 * A citizen's phone at an address of its own: the web service trusts the loopback proxy
 * (TRUSTED_PROXIES) and sends the address on, so feedback-intake counts these citizens apart from
 * the other journeys' (all 127.0.0.1).
 */
async function phone(browser: Browser, javaScriptEnabled: boolean, address: string): Promise<{ page: Page; posted: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: PHONE, isMobile: true, extraHTTPHeaders: { 'x-forwarded-for': address } });
  const page = await context.newPage();
  const posted: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/layanan/unit/${UNIT}/pengaduan`)) posted.push(request.postData() ?? '');
  });
  return { page, posted };
}

async function fillComplaint(page: Page, description: string): Promise<void> {
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT}/pengaduan`);
  await page.getByRole('radio').first().check();
  await page.getByLabel(/^Uraian pengaduan/).fill(description);
}

/** Presses "Kirim"; every citizen of the suite is 127.0.0.1, so a limit per address may answer first: wait as the page says, send again. */
async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kirim' }).click();
  const limited = page.getByRole('alert').filter({ hasText: /Silakan coba lagi dalam \d+ detik\./ });
  if (await limited.isVisible()) {
    const seconds = Number(/dalam (\d+) detik/.exec(await limited.innerText())![1]);
    await page.waitForTimeout((seconds + 1) * 1000);
    await page.getByRole('button', { name: 'Kirim' }).click();
  }
}

const proofIn = (form: string) => new URLSearchParams(form).get('altcha');

test('with JavaScript: the phone solves the proof of work and the complaint is taken', async ({ browser }) => {
  const { page, posted } = await phone(browser, true, '203.0.113.61');
  await fillComplaint(page, 'Antrean di loket imunisasi tidak bergerak selama dua jam.');
  await expectAccessible(page);
  await send(page);
  await expect(page.getByRole('heading', { name: 'Pengaduan diterima' })).toBeVisible();
  await expect(page.locator('.code')).toHaveText(/^[A-Z0-9-]{8,}$/);
  // What the browser sent: a solution it found itself (SHA-256(salt + number) = challenge).
  const proof = proofIn(posted.at(-1)!);
  expect(proof).toBeTruthy();
  const solution = JSON.parse(Buffer.from(proof!, 'base64').toString('utf8')) as { algorithm: string; challenge: string; number: number; salt: string; signature: string };
  expect(solution.algorithm).toBe('SHA-256');
  expect(createHash('sha256').update(`${solution.salt}${solution.number}`).digest('hex')).toBe(solution.challenge);
  await page.context().close();
});

test('with JavaScript: a solution feedback-intake did not sign is refused, and the form keeps what was written', async ({ browser }) => {
  const { page, posted } = await phone(browser, true, '203.0.113.62');
  // A challenge of someone else's making (a bot that solves its own): the hash holds, the signature does not.
  const salt = `forged?expires=${Math.floor(Date.now() / 1000) + 300}`;
  const forged = { algorithm: 'SHA-256', challenge: createHash('sha256').update(`${salt}7`).digest('hex'), maxnumber: 10, salt, signature: '0'.repeat(64) };
  await page.route('**/layanan/tantangan', (route) => route.fulfill({ json: forged }));
  await fillComplaint(page, 'Petugas loket meminta biaya tambahan.');
  await send(page);
  await expect(page.getByRole('alert')).toContainText('Verifikasi anti-spam tidak valid atau kedaluwarsa');
  await expect(page.getByLabel(/^Uraian pengaduan/)).toHaveValue('Petugas loket meminta biaya tambahan.');
  expect(proofIn(posted.at(-1)!)).toBeTruthy();
  await expectAccessible(page);
  // The page's next attempt gets a real challenge, and goes through.
  await page.unroute('**/layanan/tantangan');
  await fillComplaint(page, 'Petugas loket meminta biaya tambahan.');
  await send(page);
  await expect(page.getByRole('heading', { name: 'Pengaduan diterima' })).toBeVisible();
  await page.context().close();
});

test('without JavaScript: the same form goes without a solution, within the allowance for browsers without script', async ({ browser }) => {
  const { page, posted } = await phone(browser, false, '203.0.113.63');
  await fillComplaint(page, 'Ruang tunggu tidak memiliki kursi yang cukup.');
  await send(page);
  await expect(page.getByRole('heading', { name: 'Pengaduan diterima' })).toBeVisible();
  expect(proofIn(posted.at(-1)!)).toBe('');
  await page.context().close();
});
