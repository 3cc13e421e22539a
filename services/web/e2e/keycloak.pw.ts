import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pdfQr, pdfText } from '../test/pdf-reading';
import { expectAccessible, screenshot } from './support/console';

const ROOT = resolve(__dirname, '../../..');
const PEGAWAI = { nip: '199003152015031002', name: 'Budi Santoso' };
// libs/cli/src/console-fixture.ts (KEYCLOAK_FIXTURE): the first password of a provisioned account.
const FIRST_PASSWORD = 'Sementara-2026';
const NEW_PASSWORD = 'Kinerja-Rahasia-2026';

test.describe.configure({ mode: 'serial' });

/**
 * Sign-in through Keycloak's own login page: the services and the web service in OIDC mode against
 * the Keycloak of KEYCLOAK_URL (npm test starts deploy/local/keycloak.sh), the employees' accounts
 * provisioned by the web service from the organisation (username = NIP, a temporary first password).
 */
test.describe('sign-in through Keycloak', () => {
  let fixture: ChildProcess | undefined;
  let webUrl = '';

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    const keycloak = process.env.KEYCLOAK_URL;
    if (!keycloak) throw new Error('KEYCLOAK_URL is not set: run through `npm test`, which starts deploy/local/keycloak.sh');
    const child = spawn(process.execPath, [join(ROOT, 'libs/cli/bin/kinerja.js'), 'console-fixture', '--keycloak', keycloak], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    fixture = child;
    webUrl = await new Promise<string>((resolveReady, reject) => {
      child.once('exit', (code) => reject(new Error(`console-fixture --keycloak exited with ${code} before it was ready`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolveReady((JSON.parse(line) as { webUrl: string }).webUrl);
      });
    });
  });

  test.afterAll(async () => {
    if (!fixture || fixture.exitCode !== null) return;
    const exited = new Promise((r) => fixture!.once('exit', r));
    fixture.kill('SIGTERM');
    await exited;
  });

  test('a pegawai signs in with NIP and password on Keycloak\'s login page, sets a password, lands on Beranda, and prints an SKP that the public page verifies', async ({ page, browser }) => {
    await page.goto(`${webUrl}/`);
    await expect(page).toHaveURL(/\/masuk/);
    await expect(page.getByRole('heading', { name: 'Masuk ke Kinerja' })).toBeVisible();
    // No development sign-in in this mode.
    await expect(page.getByLabel('Cari pegawai (nama atau NIP)')).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Masuk melalui akun kota' }).click();

    // Keycloak's own page, on its own origin.
    await expect(page).toHaveURL(new RegExp(`^${process.env.KEYCLOAK_URL}/realms/kinerja/`));
    await page.locator('#username').fill(PEGAWAI.nip);
    await page.locator('#password').fill('salah-sekali');
    await page.locator('#kc-login').click();
    await expect(page.locator('#username')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`^${process.env.KEYCLOAK_URL}/`));
    await page.locator('#password').fill(FIRST_PASSWORD);
    await page.locator('#kc-login').click();

    // The first password is temporary: Keycloak asks for a new one.
    await page.locator('#password-new').fill(NEW_PASSWORD);
    await page.locator('#password-confirm').fill(NEW_PASSWORD);
    await page.locator('input[type=submit], button[type=submit]').first().click();

    await expect(page).toHaveURL(new RegExp(`^${webUrl}/`));
    await expect(page.getByRole('heading', { name: `Selamat datang, ${PEGAWAI.name}` })).toBeVisible();
    await expect(page.getByLabel('Peran aktif').locator('option')).toHaveText(['Pegawai']);
    await expectAccessible(page);
    await screenshot(page, 'beranda-keycloak');

    // The console's API calls carry the Keycloak token, which the services verified.
    const skps = await page.request.get(`${webUrl}/api/work-planning/employees/${PEGAWAI.nip}/skps`);
    expect(skps.status()).toBe(200);

    // An official document printed in this mode is verified on the public page: the web service
    // composes it again with the documents' own identity (the realm's kinerja-documents client,
    // client credentials, read-only AUDITOR in the services).
    await page.getByRole('button', { name: `Susun SKP ${new Date().getFullYear()}` }).click();
    const print = page.getByRole('link', { name: 'Cetak SKP (PDF)' });
    await expect(print).toBeVisible();
    const [file] = await Promise.all([page.waitForEvent('download'), print.click()]);
    const pdf = readFileSync((await file.path())!);
    expect(pdfText(pdf)).toContain(`NIP. ${PEGAWAI.nip}`);
    const verification = pdfQr(pdf)!;
    expect(verification).toMatch(new RegExp(`^${webUrl}/verifikasi/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
    const visitor = await browser.newContext({ locale: 'id-ID' });
    const check = await visitor.newPage();
    await check.goto(verification);
    await expect(check.locator('#hasil')).toHaveText('Cocok');
    await visitor.close();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk ke Kinerja' })).toBeVisible();
    expect((await page.request.get(`${webUrl}/api/work-planning/employees/${PEGAWAI.nip}/skps`)).status()).toBe(401);
  });
});
