import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads a PDF as a person would (poppler's pdftotext, pdftoppm): its text, page sizes, and the QR code it carries. */
function withPdf<T>(pdf: Buffer, read: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kinerja-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    return read(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page (pdftotext), whitespace collapsed so that wrapped lines read as one. */
export const pdfText = (pdf: Buffer): string =>
  withPdf(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '));

/** [width, height] in points of each page (pdfinfo). */
export const pdfPageSizes = (pdf: Buffer): [number, number][] =>
  withPdf(pdf, (path) => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100', path], { encoding: 'utf8' });
    return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  });

/** The text of the first QR code found on the PDF's pages, rendered at 150 dpi (pdftoppm → PNG → jsQR). */
export const pdfQr = (pdf: Buffer): string | null =>
  withPdf(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-r', '150', '-png', path, join(dir, 'page')]);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.png')).sort()) {
      const png = PNG.sync.read(readFileSync(join(dir, file)));
      const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      if (code) return code.data;
    }
    return null;
  });

/** The first page as PNG (for the README's screenshots). */
export const pdfFirstPagePng = (pdf: Buffer, dpi = 80): Buffer =>
  withPdf(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', '1', '-l', '1', '-singlefile', path, join(dir, 'first')]);
    return readFileSync(join(dir, 'first.png'));
  });
