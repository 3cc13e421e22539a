import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
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

  test('a pegawai signs in with NIP and password on Keycloak\'s login page, sets a password, and lands on Beranda', async ({ page }) => {
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

    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk ke Kinerja' })).toBeVisible();
    expect((await page.request.get(`${webUrl}/api/work-planning/employees/${PEGAWAI.nip}/skps`)).status()).toBe(401);
  });
});
