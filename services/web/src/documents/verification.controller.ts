import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { Public } from '@kinerja/platform';
import { WebConfig } from '../config';
import { escapeHtml as h } from '../pdf/render';
import { DOCUMENTS, WEB_CONFIG } from '../tokens';
import { Documents, VerificationAnswer } from './documents.service';
import { normaliseShortCode, PrintedDocument } from './printed-documents';
import { tanggal } from './templates';

/** A printed PDF is a few hundred KB; anything larger is not one of ours. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f7f9; line-height: 1.5; }
  main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
  header { background: #0b4f8a; color: #fff; padding: 0.75rem 1rem; }
  header p { margin: 0; font-weight: 600; }
  h1 { font-size: 1.5rem; }
  .card { background: #fff; border: 1px solid #c9ced6; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
  .cocok { border-left: 8px solid #146c2e; }
  .tidak { border-left: 8px solid #a4161a; }
  .result { font-size: 1.75rem; font-weight: 700; margin: 0; }
  .cocok .result { color: #146c2e; }
  .tidak .result { color: #a4161a; }
  dl { display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: 0.25rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input[type=text], input[type=file] { font-size: 1rem; padding: 0.5rem; width: 100%; max-width: 20rem; box-sizing: border-box; }
  button { font-size: 1rem; padding: 0.5rem 1rem; margin-top: 0.5rem; background: #0b4f8a; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  a { color: #0b4f8a; }
  code, .mono { font-family: ui-monospace, monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
  .error { color: #a4161a; font-weight: 600; }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(title)} — Kinerja</title><style>${STYLE}</style></head>
<body><header><p>Kinerja — Verifikasi dokumen resmi</p></header><main>${body}</main></body></html>`;
}

function codeForm(value = '', error?: string): string {
  return `<form class="card" method="get" action="/verifikasi">
    <label for="kode">Kode verifikasi (tercetak di bawah kode QR)</label>
    <input id="kode" name="kode" type="text" value="${h(value)}" autocomplete="off" spellcheck="false" placeholder="ABCD-EFGH-JKMN"${error ? ' aria-invalid="true" aria-describedby="kode-error"' : ''}>
    ${error ? `<p id="kode-error" class="error">${h(error)}</p>` : ''}
    <button type="submit">Periksa</button>
  </form>`;
}

const RESULT_TEXT: Record<VerificationAnswer['result'], { title: string; text: string }> = {
  COCOK: { title: 'Cocok', text: 'Isi dokumen ini sama dengan yang tercatat di Kinerja saat dicetak, dan fakta di baliknya belum berubah.' },
  TIDAK_COCOK: { title: 'Tidak cocok', text: 'Dokumen ini tidak lagi sesuai dengan yang tercatat di Kinerja.' },
  TIDAK_DAPAT_DIPERIKSA: { title: 'Tidak dapat diperiksa', text: 'Data di balik dokumen ini tidak dapat dibaca saat ini; coba lagi nanti.' },
};

function answerPage(answer: VerificationAnswer, timeZone: string): string {
  const r = RESULT_TEXT[answer.result];
  const reasons: string[] = [];
  if (answer.file && !answer.file.matches) reasons.push('Berkas yang diunggah bukan berkas PDF yang dicetak dengan kode ini (isinya berbeda atau telah diubah).');
  if (answer.changed.length > 0) reasons.push(`Bagian yang berubah sejak dicetak: ${answer.changed.join(', ')}.`);
  const fileLine = answer.file
    ? `<dt>Berkas diunggah</dt><dd>${answer.file.matches ? 'Sama dengan berkas yang dicetak' : 'Berbeda dari berkas yang dicetak'} <span class="mono">(SHA-256 ${h(answer.file.sha256)})</span></dd>`
    : '';
  return page(
    `${r.title}: ${answer.document.title}`,
    `<h1>Verifikasi dokumen</h1>
    <section class="card ${answer.result === 'COCOK' ? 'cocok' : 'tidak'}" aria-labelledby="hasil">
      <p class="result" id="hasil">${h(r.title)}</p>
      <p>${h(r.text)}</p>
      ${reasons.map((x) => `<p>${h(x)}</p>`).join('')}
    </section>
    <section class="card" aria-labelledby="dokumen">
      <h2 id="dokumen">Dokumen</h2>
      <dl>
        <dt>Kode</dt><dd class="mono">${h(answer.code)}</dd>
        <dt>Jenis</dt><dd>${h(answer.document.title)}</dd>
        <dt>${answer.document.kind === 'KURVA' ? 'Unit kerja' : 'Pegawai'}</dt><dd>${h(answer.document.nama ?? '—')}${answer.document.nip ? ` — NIP ${h(answer.document.nip)}` : ''}</dd>
        <dt>Periode</dt><dd>${h(answer.document.about)}</dd>
        <dt>Dicetak</dt><dd>${h(tanggal(answer.printedAt, timeZone))}</dd>
        <dt>Diperiksa</dt><dd>${h(new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(answer.checkedAt)))}</dd>
        <dt>Sumber</dt><dd>${answer.streams.map((s) => `<span class="mono">${h(s.stream)}</span> (${h(s.service)}, ${h(s.position)})`).join('<br>')}</dd>
        ${fileLine}
      </dl>
    </section>
    <form class="card" method="post" action="/verifikasi/${h(answer.code)}" enctype="multipart/form-data">
      <h2>Bandingkan berkas PDF</h2>
      <p>Unggah berkas PDF yang Anda terima untuk memastikan isinya tidak diubah.</p>
      <label for="berkas">Berkas PDF</label>
      <input id="berkas" name="berkas" type="file" accept="application/pdf">
      <button type="submit">Bandingkan</button>
    </form>
    <section class="card" aria-labelledby="tanda-tangan">
      <h2 id="tanda-tangan">Tanda tangan kota</h2>
      <p>Jawaban ini ${answer.signature ? 'ditandatangani dengan kunci audit kota (Ed25519, atas JSON kanonik RFC 8785 tanpa kolom <code>signature</code>)' : 'tidak ditandatangani: layanan ini tidak memegang kunci audit kota'}.
      <a href="/verifikasi/${h(answer.code)}/jawaban.json">Jawaban bertanda tangan (JSON)</a></p>
      ${answer.signature ? `<p>Sidik jari kunci publik: <span class="mono">${h(fingerprint(answer.publicKey))}</span></p>` : ''}
    </section>
    <p><a href="/verifikasi">Periksa dokumen lain</a></p>`,
  );
}

type Response = ServerResponse & { redirect(status: number, url: string): void };

function sendHtml(res: Response, html: string, status = 200): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', PAGE_POLICY);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(html);
}

function sendJson(res: Response, body: unknown, status = 200): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

const fingerprint = (pem: string | null) => (pem ? `SHA256:${createHash('sha256').update(pem).digest('base64')}` : '—');

/**
 * The public verification page of printed documents (no sign-in, Bahasa Indonesia, no JavaScript):
 * the QR code of a document opens /verifikasi/<code>; the code can also be typed in at /verifikasi.
 */
@ApiTags('documents')
@Public()
@Controller('verifikasi')
export class VerificationController {
  private readonly timeZone: string;

  constructor(
    @Inject(WEB_CONFIG) config: WebConfig,
    @Inject(DOCUMENTS) private readonly documents: Documents,
  ) {
    this.timeZone = config.CITY_TIME_ZONE;
  }

  @Get()
  @ApiOperation({ summary: 'The verification page: type the code printed under the QR code (?kode= goes to its answer).' })
  @ApiProduces('text/html')
  start(@Query('kode') kode: string | undefined, @Res() res: Response): void {
    if (kode !== undefined) {
      const code = normaliseShortCode(kode);
      if (code) return res.redirect(303, `/verifikasi/${code}`);
      return sendHtml(res, page('Kode tidak valid', `<h1>Verifikasi dokumen</h1>${codeForm(kode, 'Kode harus 12 huruf dan angka, seperti ABCD-EFGH-JKMN.')}`), 400);
    }
    sendHtml(res, page('Verifikasi dokumen', `<h1>Verifikasi dokumen</h1><p>Periksa apakah dokumen resmi Kinerja (SKP, Dokumen Evaluasi Kinerja Pegawai, laporan kurva) masih sesuai dengan yang tercatat.</p>${codeForm()}`));
  }

  @Get(':code')
  @ApiOperation({ summary: "The answer for a printed document: 'Cocok' or 'Tidak cocok', composed again from the services now." })
  @ApiProduces('text/html')
  async show(@Param('code') rawCode: string, @Res() res: Response): Promise<void> {
    const printed = await this.printed(rawCode, res);
    if (!printed) return;
    sendHtml(res, answerPage(await this.documents.verify(printed), this.timeZone));
  }

  @Post(':code')
  @HttpCode(200)
  @ApiOperation({ summary: 'The answer, comparing also an uploaded PDF (multipart field `berkas`) with the file printed.' })
  @ApiConsumes('multipart/form-data')
  @ApiProduces('text/html')
  @UseInterceptors(FileInterceptor('berkas', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  async compare(@Param('code') rawCode: string, @UploadedFile() file: { buffer: Buffer } | undefined, @Res() res: Response): Promise<void> {
    const printed = await this.printed(rawCode, res);
    if (!printed) return;
    if (!file) {
      return sendHtml(res, page('Berkas belum dipilih', `<h1>Verifikasi dokumen</h1><p class="error" role="alert">Pilih berkas PDF yang akan dibandingkan.</p><p><a href="/verifikasi/${h(printed.code)}">Kembali</a></p>`), 400);
    }
    sendHtml(res, answerPage(await this.documents.verify(printed, file.buffer), this.timeZone));
  }

  @Get(':code/jawaban.json')
  @ApiOperation({ summary: "The answer as JSON, signed with the city's Ed25519 audit key (pin the city's public key)." })
  async json(@Param('code') rawCode: string, @Res() res: Response): Promise<void> {
    const code = normaliseShortCode(rawCode);
    const printed = code ? await this.documents.find(code) : null;
    if (!printed) return sendJson(res, { statusCode: 404, code: 'DOCUMENT_NOT_FOUND', message: 'Tidak ada dokumen yang dicetak dengan kode ini.' }, 404);
    sendJson(res, await this.documents.verify(printed));
  }

  private async printed(rawCode: string, res: Response): Promise<PrintedDocument | null> {
    const code = normaliseShortCode(rawCode);
    const printed = code ? await this.documents.find(code) : null;
    if (!printed) {
      sendHtml(res, page('Dokumen tidak dikenal', `<h1>Dokumen tidak dikenal</h1><p class="error" role="alert">Tidak ada dokumen yang dicetak Kinerja dengan kode ini: dokumen ini tidak dapat dianggap sah.</p>${codeForm(rawCode)}`), 404);
      return null;
    }
    return printed;
  }
}
