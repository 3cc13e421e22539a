import { Browser, chromium } from 'playwright-core';
import { toDataURL } from 'qrcode';

/** Debian's chromium unless CHROMIUM_PATH says otherwise (the browser tests use the same variable). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface PdfOptions {
  /** A4 unless told. */
  format?: 'A4' | 'A5';
  landscape?: boolean;
  /** CSS margins, default 15 mm all round. */
  margin?: { top?: string; right?: string; bottom?: string; left?: string };
}

/**
 * HTML → PDF with headless Chromium (playwright-core, no browser download). One browser per
 * process, started on first use and restarted if it died; each document gets its own context, so
 * nothing of one leaks into the next. Pages are rendered offline: the HTML must carry everything it
 * shows (styles inline, images as data: URLs), and requests out are refused.
 */
export class PdfRenderer {
  private browser?: Promise<Browser>;

  constructor(private readonly executablePath: string = DEFAULT_CHROMIUM_PATH) {}

  async render(html: string, options: PdfOptions = {}): Promise<Buffer> {
    const browser = await this.launched();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load' });
      const margin = { top: '15mm', right: '15mm', bottom: '15mm', left: '15mm', ...options.margin };
      return await page.pdf({ format: options.format ?? 'A4', landscape: options.landscape ?? false, margin, printBackground: true, preferCSSPageSize: false });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private async launched(): Promise<Browser> {
    if (this.browser) {
      const current = await this.browser.catch(() => undefined);
      if (current?.isConnected()) return current;
    }
    this.browser = chromium.launch({ executablePath: this.executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    return this.browser;
  }
}

/** A QR code as a PNG data: URL, to put in an <img> of the HTML rendered. */
export const qrDataUrl = (text: string): Promise<string> => toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
export const escapeHtml = (text: unknown): string => String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
