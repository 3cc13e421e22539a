import { expect, test, type Browser, type Page } from '@playwright/test';
import canonicalize from 'canonicalize';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfFirstPagePng, pdfPageSizes, pdfQr, pdfText } from '../test/pdf-reading';
import { baseUrl, expectAccessible, accessibleAtBothWidths, screenshot, SCREENSHOTS, signIn } from './support/console';

// Official documents (issue 18 §3): printed from the console as PDF, read back as text and QR code,
// and verified on the public page. The Kepala Seksi's SKP is approved from the start; her pejabat
// penilai is the Kepala Bidang. The Sekretaris Daerah drafts an SKP of his own for the lampiran.
const YEAR = new Date().getFullYear();
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const KABID = { nip: '197505052000031002', name: 'Agus Prasetyo' };
const SEKDA = { nip: '196805121990031002', name: 'Hendra Wijaya' };
const KASI_SKP = `${KASI.nip}-${YEAR}-01-01`;
const ANNUAL = `DINKES:${YEAR}:ANNUAL`;

/** Clicks a print link and returns the PDF downloaded. */
async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  return readFileSync((await file.path())!);
}

/** The verification page of the QR code, opened by someone who is not signed in. */
async function openVerification(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'id-ID' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const result = (page: Page) => page.locator('#hasil');

// Each print starts Chromium work in the web service beside the test's own browser: on a shared
// machine a journey of several prints takes longer than the default five minutes.
test.describe.configure({ timeout: 900_000 });

/** The answer's Ed25519 signature checks against the city's key of the run (never the key the answer carries). */
function expectSignedByCity(answer: Record<string, unknown>): void {
  const keyFile = process.env.KINERJA_AUDIT_KEY_FILE;
  if (!keyFile) throw new Error('KINERJA_AUDIT_KEY_FILE is not set: run through the Playwright config (global setup)');
  const cityKey = createPublicKey(createPrivateKey(readFileSync(keyFile)));
  const { signature, ...rest } = answer;
  expect(typeof signature).toBe('string');
  expect(verify(null, Buffer.from(canonicalize(rest)!), cityKey, Buffer.from(signature as string, 'base64'))).toBe(true);
  expect(verify(null, Buffer.from(canonicalize({ ...rest, result: 'COCOK' === rest.result ? 'TIDAK_COCOK' : 'COCOK' })!), cityKey, Buffer.from(signature as string, 'base64'))).toBe(false);
}

test('the pegawai prints the SKP and the annual evaluation document; their QR codes open the public verification page: cocok, then tidak cocok once a keberatan is filed', async ({ page, browser }) => {
  await signIn(page, KASI, 'Pegawai');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
  await page.goto(`${baseUrl()}/skp/${KASI_SKP}`);
  const printSkp = page.getByRole('link', { name: 'Cetak SKP (PDF)' });
  await expect(printSkp).toBeVisible();
  await expectAccessible(page);
  const skpPdf = await download(page, printSkp);
  const skpText = pdfText(skpPdf);
  for (const expected of [
    'SASARAN KINERJA PEGAWAI',
    `PERIODE PENILAIAN: 1 Januari ${YEAR} s.d. 31 Desember ${YEAR}`,
    'Siti Rahmawati',
    `NIP. ${KASI.nip}`,
    'Agus Prasetyo',
    'Terkendalinya penyakit menular',
    'Tersedianya data surveilans penyakit yang tepat waktu',
    'Persentase laporan surveilans tepat waktu',
    'Berorientasi Pelayanan',
    'LAMPIRAN SASARAN KINERJA PEGAWAI',
    'DUKUNGAN SUMBER DAYA',
    'SKEMA PERTANGGUNGJAWABAN',
    'KONSEKUENSI',
  ]) {
    expect(skpText).toContain(expected);
  }
  const skpUrl = pdfQr(skpPdf);
  expect(skpUrl).toMatch(new RegExp(`^${baseUrl()}/verifikasi/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
  expect(skpText).toContain(skpUrl!.split('/').pop()!);
  writeFileSync(join(SCREENSHOTS, 'dokumen-skp.png'), pdfFirstPagePng(skpPdf));

  const skpCheck = await openVerification(browser, skpUrl!);
  await expect(result(skpCheck)).toHaveText('Cocok');
  await expect(skpCheck.getByText('Sasaran Kinerja Pegawai', { exact: true })).toBeVisible();
  await expect(skpCheck.getByText(`Siti Rahmawati — NIP ${KASI.nip}`)).toBeVisible();
  await accessibleAtBothWidths(skpCheck);
  await screenshot(skpCheck, 'verifikasi-cocok');

  // The pejabat penilai rates the year (through the API, as the console's rating page would).
  const rater = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  await signIn(rater, KABID, 'Pejabat penilai');
  await expect(rater.getByRole('button', { name: 'Keluar' })).toBeVisible();
  const { csrfToken } = (await (await rater.request.get(`${baseUrl()}/auth/session`)).json()) as { csrfToken: string };
  const rated = await rater.request.post(`${baseUrl()}/api/evaluation/periods/${ANNUAL}/employees/${KASI.nip}/evaluation`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { ratingHasil: 'DI_ATAS', ratingPerilaku: 'SESUAI', justification: 'Data surveilans tersedia tepat waktu sepanjang tahun.' },
  });
  expect(rated.status()).toBe(201);

  // The unit's kurva report, printed by its leader.
  const curve = await rater.request.get(`${baseUrl()}/dokumen/kurva/${ANNUAL}/P2P`);
  expect(curve.status()).toBe(200);
  const curvePdf = await curve.body();
  const curveText = pdfText(curvePdf);
  for (const expected of ['LAPORAN KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI', 'Bidang Pencegahan dan Pengendalian Penyakit', 'DISTRIBUSI PREDIKAT', 'Siti Rahmawati', KASI.nip, 'Baik']) {
    expect(curveText).toContain(expected);
  }
  expect(pdfQr(curvePdf)).toMatch(new RegExp(`^${baseUrl()}/verifikasi/`));
  writeFileSync(join(SCREENSHOTS, 'dokumen-kurva.png'), pdfFirstPagePng(curvePdf));

  // The pegawai prints the annual Dokumen Evaluasi Kinerja Pegawai from Penilaian.
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Penilaian' }).click();
  const annual = page.locator('section.card', { has: page.getByRole('heading', { name: new RegExp(`^Periode Tahun ${YEAR} `) }) });
  const printEvaluation = annual.getByRole('link', { name: 'Cetak dokumen evaluasi (PDF)' });
  await expect(printEvaluation).toBeVisible();
  await accessibleAtBothWidths(page);
  const evaluationPdf = await download(page, printEvaluation);
  const evaluationText = pdfText(evaluationPdf);
  for (const expected of [
    'DOKUMEN EVALUASI KINERJA PEGAWAI',
    'PERIODE: TAHUNAN',
    'CAPAIAN KINERJA ORGANISASI',
    'POLA DISTRIBUSI',
    'REALISASI BERDASARKAN BUKTI DUKUNG',
    // pdftotext reads the rating's row after the table beside it: label and value are checked apart.
    'RATING HASIL KERJA',
    'DI ATAS EKSPEKTASI',
    'RATING PERILAKU KERJA SESUAI EKSPEKTASI',
    'PREDIKAT KINERJA PEGAWAI BAIK',
    'CATATAN/REKOMENDASI',
    'Data surveilans tersedia tepat waktu sepanjang tahun.',
    'KEBERATAN',
    'Tidak ada keberatan.',
    'Ratna Sari',
  ]) {
    expect(evaluationText).toContain(expected);
  }
  // The annex's form is landscape.
  for (const [w, h] of pdfPageSizes(evaluationPdf)) expect(w).toBeGreaterThan(h);
  writeFileSync(join(SCREENSHOTS, 'dokumen-evaluasi.png'), pdfFirstPagePng(evaluationPdf));
  const evaluationUrl = pdfQr(evaluationPdf)!;
  expect(evaluationUrl).toMatch(new RegExp(`^${baseUrl()}/verifikasi/`));

  const check = await openVerification(browser, evaluationUrl);
  await expect(result(check)).toHaveText('Cocok');
  await expect(check.getByText('Dokumen Evaluasi Kinerja Pegawai', { exact: true })).toBeVisible();
  expectSignedByCity((await (await check.request.get(`${evaluationUrl}/jawaban.json`)).json()) as Record<string, unknown>);

  // The file itself: the PDF printed is recognised; one whose text was altered is not.
  await check.getByLabel('Berkas PDF').setInputFiles({ name: 'evaluasi.pdf', mimeType: 'application/pdf', buffer: evaluationPdf });
  await check.getByRole('button', { name: 'Bandingkan' }).click();
  await expect(result(check)).toHaveText('Cocok');
  await expect(check.getByText('Sama dengan berkas yang dicetak')).toBeVisible();
  // The text streams are compressed: flip one byte inside the file's body, as an edit would.
  const altered = Buffer.from(evaluationPdf);
  const at = Math.floor(altered.length / 2);
  altered[at] = altered[at] ^ 0xff;
  await check.getByLabel('Berkas PDF').setInputFiles({ name: 'evaluasi.pdf', mimeType: 'application/pdf', buffer: altered });
  await check.getByRole('button', { name: 'Bandingkan' }).click();
  await expect(result(check)).toHaveText('Tidak cocok');
  await expect(check.getByText('Berbeda dari berkas yang dicetak')).toBeVisible();

  // A fact behind the printed document changes: the pegawai files a keberatan.
  await annual.getByLabel('Alasan keberatan').fill('Realisasi triwulan IV belum diperhitungkan.');
  await annual.getByRole('button', { name: 'Ajukan keberatan' }).click();
  await expect(page.getByText('Keberatan telah diajukan kepada atasan pejabat penilai.')).toBeVisible();
  await check.goto(evaluationUrl);
  await expect(result(check)).toHaveText('Tidak cocok');
  await expect(check.getByText(/Bagian yang berubah sejak dicetak: .*Keberatan/)).toBeVisible();
  await expectAccessible(check);
  await screenshot(check, 'verifikasi-tidak-cocok');
  expectSignedByCity((await (await check.request.get(`${evaluationUrl}/jawaban.json`)).json()) as Record<string, unknown>);

  // The SKP printed before is still what Kinerja holds.
  await skpCheck.reload();
  await expect(result(skpCheck)).toHaveText('Cocok');
});

test("the SKP editor's lampiran form; a draft printed as KONSEP no longer matches once its lampiran changes", async ({ page, browser }) => {
  await signIn(page, SEKDA, 'Pegawai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'SKP saya' }).click();
  await page.getByRole('button', { name: `Susun SKP ${YEAR}` }).click();
  // His pejabat penilai is the kepala daerah, a city official with no NIP: named by office.
  await expect(page.locator('dd', { hasText: 'H. Ahmad Fauzi, S.H. · Wali Kota' })).toBeVisible();
  await expect(page.getByText('NIP walikota')).toHaveCount(0);
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Lampiran SKP' }) });
  await form.getByLabel('Dukungan sumber daya').fill('Anggaran koordinasi lintas OPD\nAkses dasbor kinerja kota');
  await form.getByLabel('Skema pertanggungjawaban').fill('Laporan triwulanan kepada Wali Kota');
  await form.getByLabel('Konsekuensi').fill('Evaluasi jabatan bila target tidak tercapai');
  await form.getByRole('button', { name: 'Simpan lampiran' }).click();
  await expect(page.getByText('Lampiran disimpan.')).toBeVisible();
  await expect(form.getByLabel('Dukungan sumber daya')).toHaveValue('Anggaran koordinasi lintas OPD\nAkses dasbor kinerja kota');
  await accessibleAtBothWidths(page);
  await screenshot(page, 'skp-lampiran');

  const pdf = await download(page, page.getByRole('link', { name: 'Cetak SKP (PDF)' }));
  const text = pdfText(pdf);
  expect(text).not.toContain('walikota');
  for (const expected of ['KONSEP', 'Hendra Wijaya', 'H. Ahmad Fauzi, S.H.', 'Wali Kota', 'Anggaran koordinasi lintas OPD', 'Akses dasbor kinerja kota', 'Laporan triwulanan kepada Wali Kota', 'Evaluasi jabatan bila target tidak tercapai']) {
    expect(text).toContain(expected);
  }
  const url = pdfQr(pdf)!;
  const check = await openVerification(browser, url);
  await expect(result(check)).toHaveText('Cocok');

  // Typed from paper, in lower case and without dashes, the code leads to the same answer.
  await check.goto(`${baseUrl()}/verifikasi`);
  await check.getByLabel(/Kode verifikasi/).fill(url.split('/').pop()!.replace(/-/g, ' ').toLowerCase());
  await check.getByRole('button', { name: 'Periksa' }).click();
  await expect(result(check)).toHaveText('Cocok');
  await expect(check.getByText(`Hendra Wijaya — NIP ${SEKDA.nip}`)).toBeVisible();

  await form.getByLabel('Konsekuensi').fill('Evaluasi jabatan bila target tidak tercapai\nPembinaan oleh Wali Kota');
  await form.getByRole('button', { name: 'Simpan lampiran' }).click();
  await expect(page.getByText('Lampiran disimpan.')).toBeVisible();
  await check.reload();
  await expect(result(check)).toHaveText('Tidak cocok');
  await expect(check.getByText('Bagian yang berubah sejak dicetak: Lampiran.')).toBeVisible();

  // A code nobody printed is no document.
  await check.goto(`${baseUrl()}/verifikasi/ZZZZ-ZZZZ-ZZZZ`);
  await expect(check.getByRole('heading', { name: 'Dokumen tidak dikenal' })).toBeVisible();
});
