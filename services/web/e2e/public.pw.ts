import { expect, test, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { baseUrl, expectAccessible, screenshot, SCREENSHOTS, signIn } from './support/console';

// The citizens' pages (issue 18) in the console's small city (libs/cli/src/console-fixture.ts):
// the unit P2P of Dinas Kesehatan is in the public directory; the Kepala Seksi serves in it (an
// officer of the unit: opens the SKM, handles complaints) and so does Dewi Lestari (the officer
// whose counter card a citizen scans). The citizen's browser has JavaScript switched off and is a
// 360×740 phone: every form is a plain POST rendered by the web service.
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const REKAN = { nip: '199204102018012001', name: 'Dewi Lestari' };
const UNIT = { id: 'P2P', name: 'Bidang Pencegahan dan Pengendalian Penyakit', agency: 'Dinas Kesehatan' };
const YEAR = new Date().getFullYear();
const PHONE = { width: 360, height: 740 };

// Long journeys on a shared machine: a generous guard, never a time budget.
test.describe.configure({ mode: 'serial', timeout: 900_000 });

/** A citizen's phone: no JavaScript, 360 px wide. */
async function citizenPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, isMobile: true });
  return { context, page: await context.newPage() };
}

let axePage: Page | undefined;

test.afterAll(async () => {
  await axePage?.context().close();
  axePage = undefined;
});

/**
 * Axe-clean, and nothing scrolls sideways at 360 px. Axe needs script timers, which a page with
 * JavaScript switched off never runs: it checks the same HTML, as served, in a phone-sized page of
 * its own (links and forms are not followed there).
 */
async function checkPage(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (!axePage) axePage = await (await page.context().browser()!.newContext({ viewport: PHONE })).newPage();
  await axePage.setContent(await page.content(), { waitUntil: 'load' });
  await expectAccessible(axePage);
}

/**
 * Presses "Kirim" as a citizen would: every citizen of this suite comes from 127.0.0.1, so
 * feedback-intake's limit per address may answer first; the page says how long to wait, and the
 * citizen sends again after that (the form keeps what was filled in).
 */
async function send(page: Page, button = 'Kirim', again = button): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const limited = page.getByRole('alert').filter({ hasText: /Terlalu banyak kiriman dari alamat Anda\. Silakan coba lagi dalam \d+ detik\./ });
  if (await limited.isVisible()) {
    const seconds = Number(/dalam (\d+) detik/.exec(await limited.innerText())![1]);
    await page.waitForTimeout((seconds + 1) * 1000);
    await page.getByRole('button', { name: again }).click();
  }
}

/** Fetches a poster as a person would: when the limit of the address answers first, again after the wait it names. */
async function fetchPoster(request: APIRequestContext, path: string): Promise<APIResponse> {
  const res = await request.get(`${baseUrl()}${path}`);
  if (res.status() !== 429) return res;
  expect(await res.text()).toContain('Terlalu banyak kiriman dari alamat Anda');
  await new Promise((resolve) => setTimeout(resolve, (Number(res.headers()['retry-after']) + 1) * 1000));
  return request.get(`${baseUrl()}${path}`);
}

/** Follows the complaint by its code on the tracking page (the form keeps the code when the limit answers first). */
async function track(page: Page, code: string): Promise<void> {
  await page.goto(`${baseUrl()}/layanan/lacak`);
  await page.getByLabel(/^Kode pelacakan/).fill(code);
  await send(page, 'Lacak');
}

/** An officer signed in to the console (JavaScript on there), calling feedback-intake through the web service. */
class Officer {
  private constructor(
    readonly context: BrowserContext,
    private readonly request: APIRequestContext,
    private readonly csrf: string,
  ) {}

  static async signIn(browser: Browser, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai'): Promise<Officer> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, person, role);
    await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
    const session = (await (await context.request.get(`${baseUrl()}/auth/session`)).json()) as { csrfToken: string };
    return new Officer(context, context.request, session.csrfToken);
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.request.get(`${baseUrl()}/api/feedback-intake${path}`);
    expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  }

  async post(path: string, data: unknown = {}, expected = [200, 201]): Promise<unknown> {
    const res = await this.request.post(`${baseUrl()}/api/feedback-intake${path}`, { data, headers: { 'x-csrf-token': this.csrf } });
    expect(expected, `POST ${path}: ${res.status()} ${await res.text()}`).toContain(res.status());
    return res.json();
  }

  async pdf(path: string): Promise<Buffer> {
    const res = await this.request.get(`${baseUrl()}${path}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    return res.body();
  }
}

/** The text of a PDF (pdftotext) and the QR codes on its pages (pdftoppm → PNG → jsQR). */
function readPdf(pdf: Buffer, name: string): { text: string; qr: string[]; pngs: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kinerja-poster-'));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '100', '-png', file, join(dir, 'page')]);
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => join(dir, f));
  const qr = pngs.map((png) => {
    const image = PNG.sync.read(readFileSync(png));
    const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
    return code?.data ?? '';
  });
  return { text, qr, pngs };
}

test('the first load of a public page is at most 150 KB transferred, on a phone without JavaScript', async ({ browser }) => {
  const { context, page } = await citizenPhone(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let transferred = 0;
  let requests = 0;
  let ended = 0;
  let started = 0;
  page.on('request', () => started++);
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    transferred += event.encodedDataLength;
    requests++;
    ended++;
  });
  cdp.on('Network.loadingFailed', () => ended++);
  for (const path of ['/layanan', `/layanan/unit/${UNIT.id}`, `/layanan/unit/${UNIT.id}/survei`]) {
    transferred = 0;
    requests = 0;
    ended = 0;
    started = 0;
    await page.goto(`${baseUrl()}${path}`, { waitUntil: 'load' });
    // DevTools reports each finished load on its own channel, which may come just after the page's load event.
    await expect.poll(() => started > 0 && ended >= started, { message: `${path}: every request of the page ended` }).toBe(true);
    expect(requests).toBeGreaterThan(0);
    console.log(`[public] first load of ${path}: ${transferred} bytes in ${requests} request(s)`);
    expect(transferred).toBeLessThanOrEqual(150 * 1024);
  }
  await context.close();
});

test('a citizen finds the unit, rates it, and erases the contact they left', async ({ browser }) => {
  const { context, page } = await citizenPhone(browser);
  await page.goto(`${baseUrl()}/layanan`);
  await expect(page.getByRole('heading', { name: 'Cari unit layanan', level: 1 })).toBeVisible();
  await checkPage(page);

  // By the agency's name, then by what the unit serves.
  await page.getByLabel('Kata pencarian').fill('Dinas Kesehatan');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page.getByRole('link', { name: UNIT.name })).toBeVisible();
  await page.getByLabel('Kata pencarian').fill('imunisasi');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page.getByRole('heading', { name: /^\d+ unit ditemukan$/ })).toBeVisible();
  await expect(page.getByRole('link', { name: UNIT.name })).toBeVisible();
  await page.getByLabel('Kata pencarian').fill('tidak ada unit seperti ini');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page.getByText('Tidak ada unit yang cocok. Coba kata lain.')).toBeVisible();
  await page.getByLabel('Kata pencarian').fill('imunisasi');
  await page.getByRole('button', { name: 'Cari' }).click();
  await page.getByRole('link', { name: UNIT.name }).click();

  await expect(page.getByRole('heading', { name: UNIT.name, level: 1 })).toBeVisible();
  await expect(page.getByText('Imunisasi, surveilans penyakit, pengendalian wabah')).toBeVisible();
  await expect(page.getByText(`Instansi: ${UNIT.agency}`)).toBeVisible();
  await checkPage(page);

  await page.getByRole('link', { name: 'Beri penilaian layanan' }).click();
  await expect(page.getByRole('heading', { name: `Penilaian layanan: ${UNIT.name}` })).toBeVisible();
  await checkPage(page);
  // Nothing chosen: the page says so beside the question, and keeps what was typed.
  await page.getByLabel(/^Komentar/).fill('Antrean rapi dan petugas menjelaskan dengan sabar.');
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('alert')).toContainText('Pilih salah satu penilaian.');
  await expect(page.getByLabel(/^Komentar/)).toHaveValue('Antrean rapi dan petugas menjelaskan dengan sabar.');
  await checkPage(page);
  // A contact the API refuses comes back beside its field.
  await page.getByRole('radio', { name: '4 · Sangat baik' }).check();
  await page.getByLabel(/^Surel/).fill('bukan-surel');
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('alert')).toContainText('Alamat surel tidak valid.');
  await expect(page.getByRole('radio', { name: '4 · Sangat baik' })).toBeChecked();
  await page.getByLabel(/^Surel/).fill('warga@example.org');
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('heading', { name: 'Penilaian terkirim', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Terima kasih, masukan Anda telah diterima.');
  const erasureCode = (await page.locator('.code').innerText()).trim();
  expect(erasureCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await checkPage(page);

  await page.getByRole('link', { name: 'Hapus data saya' }).click();
  await expect(page.getByRole('heading', { name: 'Hapus data kontak saya', level: 1 })).toBeVisible();
  await checkPage(page);
  await page.getByLabel(/^Kode pelacakan atau kode penghapusan/).fill('ZZZZ-ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Hapus data kontak saya' }).click();
  await expect(page.getByRole('alert')).toContainText('Kode tidak ditemukan.');
  await page.getByLabel(/^Kode pelacakan atau kode penghapusan/).fill(erasureCode.toLowerCase());
  await page.getByRole('button', { name: 'Hapus data kontak saya' }).click();
  await expect(page.getByRole('heading', { name: 'Data kontak dihapus', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Data kontak Anda telah dihapus.');
  await context.close();
});

test('a form posted without its token, or from another site, is refused and nothing is sent', async ({ browser }) => {
  const { context, page } = await citizenPhone(browser);
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT.id}/nilai`);
  const withoutToken = await context.request.post(`${baseUrl()}/layanan/unit/${UNIT.id}/nilai`, { form: { nilai: '1' } });
  expect(withoutToken.status()).toBe(403);
  expect(await withoutToken.text()).toContain('Formulir ini sudah kedaluwarsa');
  const token = await page.locator('input[name=_csrf]').getAttribute('value');
  const fromElsewhere = await context.request.post(`${baseUrl()}/layanan/unit/${UNIT.id}/nilai`, { form: { _csrf: token!, nilai: '1' }, headers: { origin: 'https://penipu.example' } });
  expect(fromElsewhere.status()).toBe(403);
  const anotherBrowser = await browser.newContext({ javaScriptEnabled: false });
  const stolen = await anotherBrowser.request.post(`${baseUrl()}/layanan/unit/${UNIT.id}/nilai`, { form: { _csrf: token!, nilai: '1' } });
  expect(stolen.status()).toBe(403);
  await anotherBrowser.close();
  await context.close();
});

test('a citizen files a complaint, tracks it, reopens the outcome and then accepts it', async ({ browser }) => {
  const { context, page } = await citizenPhone(browser);
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT.id}`);
  await page.getByRole('link', { name: 'Ajukan pengaduan' }).click();
  await expect(page.getByRole('heading', { name: `Pengaduan: ${UNIT.name}` })).toBeVisible();
  // The categories with the SLA each promises (feedback-intake's policy).
  await expect(page.getByRole('radio', { name: 'Pungutan liar: diselesaikan paling lama 3 hari kerja' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Sarana dan prasarana: diselesaikan paling lama 10 hari kerja' })).toBeVisible();
  await checkPage(page);
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('alert')).toContainText('Pilih jenis pengaduan.');
  await expect(page.getByRole('alert')).toContainText('Uraian pengaduan: Isian ini wajib diisi.');
  await checkPage(page);
  await page.getByRole('radio', { name: 'Pelayanan: diselesaikan paling lama 5 hari kerja' }).check();
  await page.getByLabel(/^Uraian pengaduan/).fill('Jadwal imunisasi di papan pengumuman berbeda dengan jadwal yang disampaikan petugas.');
  await send(page);
  await expect(page.getByRole('heading', { name: 'Pengaduan diterima', level: 1 })).toBeVisible();
  const code = (await page.locator('.code').innerText()).trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(page.getByText(/^Batas penyelesaian: \d+ \w+ \d{4}/)).toBeVisible();
  await checkPage(page);
  await send(page, 'Lacak pengaduan ini', 'Lacak');
  await expect(page.getByRole('heading', { name: 'Status: Diterima, menunggu ditelaah' })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: /^Pelayanan$/ })).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: UNIT.name })).toBeVisible();
  await checkPage(page);

  // The unit's officer handles it in the console's API.
  const officer = await Officer.signIn(browser, KASI, 'Pejabat penilai');
  const inbox = await officer.get<{ complaintId: string; description?: string }[]>(`/complaints/inbox?unitId=${UNIT.id}&open=true`);
  expect(inbox.length).toBeGreaterThan(0);
  const complaintId = inbox[0].complaintId;
  await officer.post(`/complaints/${complaintId}/triage`, { assignee: { kind: 'UNIT', unitId: UNIT.id } });
  await officer.post(`/complaints/${complaintId}/start`);
  await officer.post(`/complaints/${complaintId}/resolve`, { resolution: 'Papan pengumuman sudah diperbarui.' });

  // Tracking by the code typed in (any case, without dashes).
  await page.getByRole('link', { name: 'Lacak pengaduan' }).click();
  await expect(page.getByRole('heading', { name: 'Lacak pengaduan', level: 1 })).toBeVisible();
  await checkPage(page);
  await page.getByLabel(/^Kode pelacakan/).fill(code.replace(/-/g, '').toLowerCase());
  await send(page, 'Lacak');
  await expect(page.getByRole('heading', { name: 'Status: Selesai ditangani, menunggu tanggapan Anda' })).toBeVisible();
  await expect(page.getByText('Papan pengumuman sudah diperbarui.')).toBeVisible();
  await checkPage(page);
  await page.getByRole('button', { name: 'Tidak, buka kembali pengaduan' }).click();
  await expect(page.getByRole('alert')).toContainText('Isian ini wajib diisi.');
  await page.getByLabel(/^Mengapa Anda belum puas\?/).fill('Jadwal di papan masih yang lama.');
  await page.getByRole('button', { name: 'Tidak, buka kembali pengaduan' }).click();
  await expect(page.getByRole('status')).toContainText(/Pengaduan dibuka kembali|Tanggapan Anda sudah tersimpan/);
  await expect(async () => {
    await track(page, code);
    await expect(page.getByRole('heading', { name: 'Status: Dibuka kembali, sedang ditangani lagi' })).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await screenshot(page, 'layanan-lacak');

  await officer.post(`/complaints/${complaintId}/start`);
  await officer.post(`/complaints/${complaintId}/resolve`, { resolution: 'Jadwal baru sudah dipasang di papan pengumuman.' });
  await track(page, code);
  await expect(page.getByText('Jadwal baru sudah dipasang di papan pengumuman.')).toBeVisible();
  await page.getByRole('button', { name: 'Ya, saya menerima hasilnya' }).click();
  // Stored at once; on a busy machine the status may show a moment later (202: the page says so).
  await expect(page.getByRole('status')).toContainText(/Terima kasih, Anda telah menerima hasil penanganan\.|Tanggapan Anda sudah tersimpan/);
  await expect(async () => {
    await track(page, code);
    await expect(page.getByRole('heading', { name: 'Status: Selesai: Anda menerima hasilnya' })).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(page.getByRole('button', { name: 'Ya, saya menerima hasilnya' })).toHaveCount(0);
  await checkPage(page);
  await officer.context.close();
  await context.close();
});

test('a citizen fills the SKM survey; once closed, the unit shows its IKM grade', async ({ browser }) => {
  const officer = await Officer.signIn(browser, KASI, 'Pejabat penilai');
  const period = String(YEAR - 1);
  await officer.post('/skm/periods', { unitId: UNIT.id, periodId: period }, [200, 201, 409]);

  const { context, page } = await citizenPhone(browser);
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT.id}`);
  await page.getByRole('link', { name: 'Isi Survei Kepuasan Masyarakat (SKM)' }).click();
  await expect(page.getByRole('heading', { name: `Survei Kepuasan Masyarakat: ${UNIT.name}` })).toBeVisible();
  await expect(page.getByText(`Periode survei: Tahun ${period}`)).toBeVisible();
  // Nine unsur, each on the four-point scale of PermenPANRB 14/2017.
  await expect(page.locator('fieldset')).toHaveCount(9);
  await expect(page.getByRole('radio')).toHaveCount(36);
  await checkPage(page);
  await screenshot(page, 'layanan-skm');
  const groups = page.locator('fieldset');
  for (let i = 0; i < 8; i++) await groups.nth(i).getByRole('radio').nth(3).check();
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('alert')).toContainText('Penanganan pengaduan, saran, dan masukan: Jawab setiap unsur.');
  await expect(groups.nth(0).getByRole('radio', { name: 'Sangat sesuai' })).toBeChecked();
  await groups.nth(8).getByRole('radio', { name: 'Dikelola dengan baik' }).check();
  await send(page);
  await expect(page.getByRole('heading', { name: 'Survei terkirim', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Terima kasih, jawaban survei Anda telah diterima.');
  await checkPage(page);

  await officer.post(`/skm/periods/${UNIT.id}/${period}/close`);
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT.id}`);
  await expect(page.getByText(`Mutu pelayanan A (Sangat Baik), nilai IKM 100.00, periode Tahun ${period}, 1 responden.`)).toBeVisible();
  await expect(page.getByText('Survei Kepuasan Masyarakat belum dibuka untuk unit ini.')).toBeVisible();
  await checkPage(page);
  await screenshot(page, 'layanan-unit');
  await officer.context.close();
  await context.close();
});

test("the unit's A4 poster and the agency's posters carry the unit's name and a QR code to its page", async ({ request }) => {
  const unitPdf = await fetchPoster(request, `/layanan/poster/unit/${UNIT.id}`);
  expect(unitPdf.status()).toBe(200);
  expect(unitPdf.headers()['content-type']).toBe('application/pdf');
  const unit = readPdf(await unitPdf.body(), 'poster-unit');
  expect(unit.pngs).toHaveLength(1);
  expect(unit.text.replace(/\s+/g, ' ')).toContain(UNIT.name);
  expect(unit.text).toContain('Pindai kode QR ini dengan kamera ponsel Anda.');
  expect(unit.text.replace(/\s+/g, ' ')).toContain('Beri penilaian, isi survei kepuasan, atau sampaikan pengaduan tanpa perlu mendaftar.');
  expect(unit.qr).toEqual([`${baseUrl()}/layanan/unit/${UNIT.id}`]);
  copyFileSync(unit.pngs[0], join(SCREENSHOTS, 'poster-unit.png'));

  // The agency's file: one page per unit of Dinas Kesehatan (the agency's own unit and P2P at least), each with its QR code.
  const agencyPdf = await fetchPoster(request, '/layanan/poster/instansi/DINKES');
  expect(agencyPdf.status()).toBe(200);
  const agency = readPdf(await agencyPdf.body(), 'poster-agency');
  expect(agency.pngs.length).toBeGreaterThanOrEqual(2);
  expect(agency.qr).toContain(`${baseUrl()}/layanan/unit/${UNIT.id}`);
  expect(agency.qr).toContain(`${baseUrl()}/layanan/unit/DINKES`);
  expect(new Set(agency.qr).size).toBe(agency.pngs.length);
  expect(agency.qr.every((url) => url.startsWith(`${baseUrl()}/layanan/unit/`))).toBe(true);

  expect((await fetchPoster(request, '/layanan/poster/unit/TIDAK-ADA')).status()).toBe(404);
});

test("an officer's counter card leads a citizen to rate that officer, and never shows who they are", async ({ browser }) => {
  const signedOut = await browser.newContext();
  expect((await signedOut.request.get(`${baseUrl()}/layanan/poster/petugas/${UNIT.id}`)).status()).toBe(401);
  await signedOut.close();

  const officer = await Officer.signIn(browser, REKAN, 'Pegawai');
  const card = readPdf(await officer.pdf(`/layanan/poster/petugas/${UNIT.id}`), 'officer-card');
  expect(card.text).toContain('Nilai pelayanan petugas ini');
  expect(card.text).not.toContain(REKAN.nip);
  expect(card.text).not.toContain(REKAN.name);
  const [link] = card.qr;
  expect(link).toMatch(new RegExp(`^${baseUrl().replace(/[.]/g, '\\.')}/layanan/unit/${UNIT.id}/nilai\\?petugas=[A-Za-z0-9_-]+$`));
  expect(link).not.toContain(REKAN.nip);
  await officer.context.close();

  const { context, page } = await citizenPhone(browser);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: `Penilaian petugas: ${UNIT.name}` })).toBeVisible();
  expect(await page.content()).not.toContain(REKAN.nip);
  await checkPage(page);
  await page.getByRole('radio', { name: '3 · Baik' }).check();
  await page.getByLabel(/^Komentar/).fill('Petugas loket ramah dan cepat.');
  await send(page);
  await expect(page.getByRole('heading', { name: 'Penilaian terkirim', level: 1 })).toBeVisible();
  expect(await page.content()).not.toContain(REKAN.nip);
  // A forged id is not an officer: the form rates the unit.
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT.id}/nilai?petugas=${'A'.repeat(60)}`);
  await expect(page.getByRole('heading', { name: `Penilaian layanan: ${UNIT.name}` })).toBeVisible();
  await context.close();

  // The rating reached the officer: her pejabat penilai reads it.
  const kasi = await Officer.signIn(browser, KASI, 'Pejabat penilai');
  const received = await kasi.get<{ items: { comment: string | null }[] }>(`/employees/${REKAN.nip}/citizen-feedback`);
  expect(received.items.map((i) => i.comment)).toContain('Petugas loket ramah dan cepat.');
  await kasi.context.close();
});

test('a citizen over the limit of their address keeps what they typed, and sends it after the wait the page names', async ({ browser }) => {
  const { context, page } = await citizenPhone(browser);
  await page.goto(`${baseUrl()}/layanan/unit/${UNIT.id}/pengaduan`);
  await page.getByRole('radio', { name: 'Sarana dan prasarana: diselesaikan paling lama 10 hari kerja' }).check();
  const description = 'Kursi ruang tunggu imunisasi banyak yang rusak.';
  await page.getByLabel(/^Uraian pengaduan/).fill(description);
  // Others behind the same address (a shared connection) use up its limit meanwhile.
  let refused = false;
  for (let i = 0; i < 40 && !refused; i++) refused = (await context.request.get(`${baseUrl()}/layanan?q=puskesmas`)).status() === 429;
  expect(refused).toBe(true);

  // The limit answers the complaint itself: the page is the form, with what was typed and the wait.
  await page.getByRole('button', { name: 'Kirim' }).click();
  const limited = page.getByRole('alert').filter({ hasText: /Terlalu banyak kiriman dari alamat Anda\. Silakan coba lagi dalam \d+ detik\./ });
  await expect(limited).toBeVisible();
  await expect(page.getByRole('heading', { name: `Pengaduan: ${UNIT.name}` })).toBeVisible();
  await expect(page.getByLabel(/^Uraian pengaduan/)).toHaveValue(description);
  await expect(page.getByRole('radio', { name: 'Sarana dan prasarana: diselesaikan paling lama 10 hari kerja' })).toBeChecked();
  await checkPage(page);
  const seconds = Number(/dalam (\d+) detik/.exec(await limited.innerText())![1]);
  await page.waitForTimeout((seconds + 1) * 1000);
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('heading', { name: 'Pengaduan diterima', level: 1 })).toBeVisible();
  await context.close();
});
