import { chromium, type Browser } from 'playwright-core';
import { toDataURL } from 'qrcode';

/** Debian's chromium unless CHROMIUM_PATH says otherwise (no browser is downloaded). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface PdfOptions {
  /** Paper size; A4 by default. */
  format?: 'A4' | 'F4' | 'Letter';
  landscape?: boolean;
  /** CSS lengths; 0 by default (the page's own CSS sets its margins with @page). */
  margin?: { top?: string; right?: string; bottom?: string; left?: string };
}

/**
 * HTML → PDF on the server with headless chromium, shared by every document the web service prints
 * (QR posters, official documents). One browser per process, started on first use and kept; each
 * document gets its own context with JavaScript off and no network: the HTML must carry everything
 * it shows (inline CSS, images as data: URLs), so nothing a document names is ever fetched.
 * Renders run one at a time: a 2-core machine gains nothing from more, and a burst of requests
 * queues instead of starting a browser each.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly executablePath: string = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH) {}

  render(html: string, options: PdfOptions = {}): Promise<Buffer> {
    const job = this.queue.then(() => this.renderNow(html, options));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private async renderNow(html: string, options: PdfOptions): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const margin = { top: '0', right: '0', bottom: '0', left: '0', ...options.margin };
      return await page.pdf({ format: options.format === 'F4' ? undefined : (options.format ?? 'A4'), ...(options.format === 'F4' ? { width: '215mm', height: '330mm' } : {}), landscape: options.landscape ?? false, margin, printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launched = chromium.launch({
        executablePath: this.executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      });
      this.browser = launched;
      // A browser that crashed or failed to start is started again at the next document.
      launched.then(
        (browser) => browser.on('disconnected', () => {
          if (this.browser === launched) this.browser = undefined;
        }),
        () => {
          if (this.browser === launched) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }
}

/** A QR code as a PNG data: URL, to put in an <img> of the HTML rendered. */
export const qrDataUrl = (text: string): Promise<string> => toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
export const escapeHtml = (text: unknown): string => String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
