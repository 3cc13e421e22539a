import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const SCREENSHOTS = resolve(__dirname, '../../../../docs/screenshots');

export const baseUrl = (): string => {
  const url = process.env.KINERJA_WEB_URL;
  if (!url) throw new Error('KINERJA_WEB_URL is not set: run through the Playwright config (global setup)');
  return url;
};

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** A 360-pixel phone, the narrowest screen the console is built for. */
export const PHONE = { width: 360, height: 740 };

/** Pegawai pages are checked at a desktop width and on a 360-pixel phone (and must not scroll sideways there). */
export async function accessibleAtBothWidths(page: Page): Promise<void> {
  await expectAccessible(page);
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (desktop) await page.setViewportSize(desktop);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The development sign-in: search the person, pick them, pick the role, sign in. */
export async function signIn(page: Page, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai' | 'Admin OPD' | 'Admin kota (BKPSDM)' | 'PPK' | 'Auditor', path = '/masuk'): Promise<void> {
  await page.goto(`${baseUrl()}${path}`);
  await expect(page.getByRole('heading', { name: 'Masuk ke Kinerja' })).toBeVisible();
  await page.getByLabel('Cari pegawai (nama atau NIP)').fill(person.nip);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  // The answer to this search: only the person asked for.
  await expect(page.locator('.people li')).toHaveCount(1);
  await page.getByRole('button', { name: `Pilih ${person.name}` }).click();
  await page.getByRole('radio', { name: role, exact: true }).check();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk ke Kinerja' })).toBeVisible();
}

/** A connection to the fixture's database (the services' and the web service's tables). */
export async function fixtureDatabase(): Promise<Client> {
  const url = process.env.KINERJA_FIXTURE_DATABASE_URL;
  if (!url) throw new Error('KINERJA_FIXTURE_DATABASE_URL is not set: the global setup needs DATABASE_URL');
  const client = new Client({ connectionString: url, application_name: 'kinerja-console-e2e' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Ends the page's session in the web service's table, as its idle or absolute expiry would. */
export async function endSessionInDatabase(page: Page): Promise<void> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'kinerja_session');
  if (!cookie) throw new Error('no session cookie');
  const db = await fixtureDatabase();
  try {
    const { rowCount } = await db.query(`DELETE FROM web.session WHERE id_hash = $1`, [createHash('sha256').update(cookie.value).digest('hex')]);
    expect(rowCount).toBe(1);
  } finally {
    await db.end();
  }
}
