import { expect, test, type Browser, type Page } from '@playwright/test';
import { accessibleAtBothWidths, baseUrl, expectAccessible, fixtureDatabase, screenshot } from './support/console';

// The console's small city (libs/cli/src/console-fixture.ts). This journey rates the Analis (the
// Kepala Seksi's other team member, whom no other journey rates), lets her file a keberatan that the
// Kepala Bidang decides with CHANGE, and reads it all back as the Inspektorat's auditor.
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const KABID = { nip: '197505052000031002', name: 'Agus Prasetyo' };
const REKAN = { nip: '199204102018012001', name: 'Dewi Lestari' };
const AUDITOR = { nip: '198507072010012004', name: 'Rina Kusuma' };
const YEAR = new Date().getFullYear();
const PERIOD = `DINKES:${YEAR}:S1`;
const EVALUATION = `${PERIOD}:${REKAN.nip}`;
const STREAM = `evaluation-${EVALUATION}`;

test.describe.configure({ mode: 'serial' });

/** A signed-in API session through the web service (the BFF), as the console itself would call it. */
async function actAs(browser: Browser, nip: string, role: 'EMPLOYEE' | 'SUPERVISOR') {
  const context = await browser.newContext();
  const request = context.request;
  const session = (await (await request.get(`${baseUrl()}/auth/session`)).json()) as { csrfToken: string };
  const signedIn = await request.post(`${baseUrl()}/auth/dev/sign-in`, { data: { nip, role }, headers: { 'x-csrf-token': session.csrfToken } });
  expect(signedIn.status()).toBe(200);
  const csrf = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
  return {
    async post(path: string, data: unknown, expected = [201]) {
      const res = await request.post(`${baseUrl()}/api/evaluation${path}`, { data, headers: { 'x-csrf-token': csrf } });
      expect(expected, `${path}: ${res.status()} ${await res.text()}`).toContain(res.status());
      return res;
    },
    close: () => context.close(),
  };
}

/** The city's wall clock (Asia/Jakarta, the fixture's time zone) with seconds, as the datetime-local picker takes it. */
const jakartaNow = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19);
const tick = () => new Promise((resolve) => setTimeout(resolve, 1_500));

/** Tabs from the top of the page until the element named (by its text or label) has focus. */
async function tabTo(page: Page, name: string): Promise<void> {
  await page.locator('body').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (labelled ?? el.textContent ?? '').trim();
    });
    if (focused === name) return;
  }
  throw new Error(`no "${name}" within 40 tab stops`);
}

/** The development sign-in as the Inspektorat's auditor (a recorded AUDITOR grant). */
async function signInAsAuditor(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/masuk`);
  await page.getByLabel('Cari pegawai (nama atau NIP)').fill(AUDITOR.nip);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.locator('.people li')).toHaveCount(1);
  await page.getByRole('button', { name: `Pilih ${AUDITOR.name}` }).click();
  await page.getByRole('radio', { name: 'Auditor' }).check();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

let beforeDecision = '';
let afterDecision = '';

test('a rating, a keberatan and its decision with CHANGE are recorded (the facts the auditor reads)', async ({ browser }) => {
  const kasi = await actAs(browser, KASI.nip, 'SUPERVISOR');
  // evaluation knows the team from work-planning's events (the fixture waited for it).
  await kasi.post(`/periods/${PERIOD}/employees/${REKAN.nip}/evaluation`, {
    ratingHasil: 'DI_BAWAH',
    ratingPerilaku: 'SESUAI',
    justification: 'Analisis data semester I belum selesai tepat waktu; perilaku kerja baik.',
  });
  await kasi.close();
  const rekan = await actAs(browser, REKAN.nip, 'EMPLOYEE');
  await rekan.post(`/evaluations/${EVALUATION}/objection`, { reasons: 'Keterlambatan karena data puskesmas belum masuk; analisis selesai sesuai jadwal baru.' });
  await tick();
  beforeDecision = jakartaNow();
  await tick();
  const kabid = await actAs(browser, KABID.nip, 'SUPERVISOR');
  await kabid.post(`/evaluations/${EVALUATION}/explanation-requests`, { from: 'PEJABAT_PENILAI', question: 'Mohon penjelasan atas rating hasil kerja.' });
  await kabid.post(`/evaluations/${EVALUATION}/explanation-requests`, { from: 'PEGAWAI', question: 'Mohon bukti jadwal data puskesmas.' });
  await kabid.post(
    `/evaluations/${EVALUATION}/decision`,
    { outcome: 'CHANGE', ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', reasons: 'Keterlambatan di luar kendali pegawai; capaian sesuai jadwal yang disepakati.' },
    [200, 201],
  );
  await kabid.close();
  await rekan.close();
  await tick();
  afterDecision = jakartaNow();
});

test('the auditor sees the signed digests and proves an earlier one still holds', async ({ page }) => {
  await signInAsAuditor(page);
  // Keyboard: the Audit menu item.
  await tabTo(page, 'Audit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Audit: intisari bertanda tangan', level: 1 })).toBeVisible();

  const evaluation = page.locator('section.card', { has: page.getByRole('heading', { name: 'Evaluasi kinerja', level: 2 }) });
  await expect(evaluation.getByText('Semua rantai hash utuh dan sesuai dengan jangkar audit.')).toBeVisible();
  await expect(evaluation.getByText(/^Ditandatangani dengan kunci kota \(Ed25519\)/)).toBeVisible();
  await expect(evaluation.locator('dd code.hash').first()).toHaveText(/^[0-9a-f]{64}$/);
  // The anchors (every 3 s while the store changes): the oldest listed is proven unchanged since.
  const anchors = evaluation.getByRole('table', { name: 'Intisari terdahulu Evaluasi kinerja, terbaru lebih dulu' });
  await expect(anchors.getByRole('row')).not.toHaveCount(1);
  const oldest = anchors.getByRole('row').last();
  const sequence = (await oldest.getByRole('cell').first().textContent())!.replace('#', '');
  await oldest.getByRole('button', { name: `Buktikan tidak berubah sejak #${sequence}` }).click();
  await expect(evaluation.getByText(new RegExp(`^Intisari #${sequence} \\(.+\\) masih berlaku: \\d+ kepala aliran`))).toBeVisible();
  await accessibleAtBothWidths(page);
});

test("the auditor reads the appraisal as of a date before the keberatan and after it, and the difference; a tampered event shows as a broken chain", async ({ page }) => {
  await signInAsAuditor(page);
  await page.goto(`${baseUrl()}/audit`);
  await page.getByLabel('NIP pegawai').fill(REKAN.nip);
  await page.getByLabel('NIP pegawai').press('Enter');
  await expect(page.getByRole('heading', { name: `Riwayat penilaian ${REKAN.nip}`, level: 1 })).toBeVisible();

  const show = async (per: string, banding = '') => {
    await page.getByLabel('Per tanggal dan waktu').fill(per);
    await page.getByLabel('Bandingkan dengan (opsional)').fill(banding);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
  };
  const evaluations = page.getByRole('table', { name: /^Penilaian per / });
  const row = evaluations.getByRole('row', { name: new RegExp(PERIOD) });

  // Before the decision: the old predikat, the keberatan pending, the pejabat penilai and the rule set of the time.
  await show(beforeDecision);
  await expect(row).toContainText('Butuh Perbaikan');
  await expect(row).toContainText('Di bawah ekspektasi');
  await expect(row).toContainText('keberatan diajukan');
  await expect(row).toContainText(KASI.nip);
  await expect(row.getByRole('cell').nth(5)).not.toHaveText('—');
  await expect(page.getByText(/^Rantai hash \d+ aliran yang dibaca utuh\.$/)).toBeVisible();

  // After it: the new predikat.
  await show(afterDecision);
  await expect(row).toContainText('Baik');
  await expect(row).not.toContainText('Butuh Perbaikan');
  await expect(row).toContainText('keberatan: predikat diubah');

  // The difference between the two instants, and the events recorded in between.
  await show(afterDecision, beforeDecision);
  const diff = page.getByRole('table', { name: 'Yang berbeda antara kedua waktu' });
  await expect(diff.getByRole('row', { name: `Penilaian ${EVALUATION}: predikat Butuh Perbaikan Baik`, exact: true })).toBeVisible();
  await expect(diff.getByRole('row', { name: `Penilaian ${EVALUATION}: rating hasil kerja Di bawah ekspektasi Sesuai ekspektasi`, exact: true })).toBeVisible();
  const between = page.getByRole('list', { name: 'Peristiwa yang tercatat di antara kedua waktu' });
  await expect(between).toContainText('Keberatan diputus');
  await expect(between).not.toContainText('Keberatan diajukan');
  await accessibleAtBothWidths(page);
  await screenshot(page, 'audit-timeline');

  // Someone edits the decided predikat in the event store's table, behind the application's back.
  const db = await fixtureDatabase();
  try {
    const { rows } = await db.query<{ data: unknown }>(`SELECT data FROM evaluation_events.events WHERE stream = $1 AND type = 'ObjectionDecided'`, [STREAM]);
    expect(rows).toHaveLength(1);
    const original = rows[0].data;
    const tampered = await db.query(`UPDATE evaluation_events.events SET data = jsonb_set(data, '{predicate}', '"SANGAT_BAIK"') WHERE stream = $1 AND type = 'ObjectionDecided'`, [STREAM]);
    expect(tampered.rowCount).toBe(1);
    try {
      await page.reload();
      const alarm = page.getByRole('alert').filter({ hasText: 'Rantai hash rusak: peristiwa tercatat berikut telah diubah sesudah dicatat.' });
      await expect(alarm).toBeVisible();
      const decided = page.getByRole('list', { name: /^Peristiwa per / }).getByRole('listitem').filter({ hasText: 'Keberatan diputus' });
      await expect(decided).toContainText('rantai rusak');
      await expectAccessible(page);

      // The event in its chain: the stored hash no longer matches its content.
      await decided.getByRole('link', { name: /^Rantai hash Keberatan diputus revisi \d+$/ }).click();
      await expect(page.getByRole('heading', { name: 'Peristiwa dalam rantai hash', level: 1 })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('Peristiwa ini diubah sesudah dicatat.');
      await expect(page.getByText('Isi menghasilkan hash yang tercatat:')).toContainText('tidak');
      await expect(page.getByText('Tersambung ke revisi sebelumnya:')).toContainText('ya');
      await expect(page.getByText(/Hash peristiwa .* tidak cocok dengan isinya: peristiwa itu diubah\./)).toBeVisible();
      await expect(page.locator('pre.event-data')).toContainText('"SANGAT_BAIK"');
      await accessibleAtBothWidths(page);

      // The service's digest says so too.
      await page.goto(`${baseUrl()}/audit`);
      const evaluation = page.locator('section.card', { has: page.getByRole('heading', { name: 'Evaluasi kinerja', level: 2 }) });
      await expect(evaluation.getByText('Rantai hash rusak: ada peristiwa tercatat yang diubah, dihapus, atau diurutkan ulang.')).toBeVisible();
    } finally {
      // The row as it was, for the journeys after this one.
      await db.query(`UPDATE evaluation_events.events SET data = $2::jsonb WHERE stream = $1 AND type = 'ObjectionDecided'`, [STREAM, JSON.stringify(original)]);
    }
  } finally {
    await db.end();
  }
});
