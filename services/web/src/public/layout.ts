import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Html, html, trusted } from './html';
import { t } from './i18n';
import { POW_SCRIPT, POW_SCRIPT_HASH } from './proof-of-work';

/**
 * One small stylesheet, inline (one request for the whole page on a slow connection), for a
 * 360-pixel phone first; system fonts, no image. Its hash is the only style the
 * Content-Security-Policy allows; the one script is the proof of work of the forms that need it
 * (./proof-of-work.ts), inline, allowed by its hash too, and the pages work without it.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,textarea:focus,select:focus{outline:3px solid #f0b400;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header{background:#0b4f9c;color:#fff;padding:12px 16px}
header a{color:#fff}
header .site{font-weight:700;font-size:1.1rem;text-decoration:none}
nav ul{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;line-height:1.25;margin:8px 0 16px}
h2{font-size:1.2rem;margin:24px 0 8px}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:12px 16px;margin:0 0 12px}
.units{list-style:none;padding:0;margin:0}
.units h2{margin:0 0 4px;font-size:1.1rem}
.muted{color:#4a5361}
label{display:block;font-weight:600;margin:12px 0 4px}
fieldset{border:1px solid #d5d9e0;border-radius:6px;margin:16px 0;padding:8px 12px 12px;background:#fff}
legend{font-weight:700;padding:0 4px}
.choice{display:flex;align-items:flex-start;gap:8px;margin:6px 0;font-weight:400}
.choice input{width:22px;height:22px;margin:2px 0 0;flex:none}
input[type=text],input[type=email],input[type=tel],input[type=search],textarea,select{width:100%;font:inherit;padding:10px;border:1px solid #6b7280;border-radius:4px;background:#fff}
textarea{min-height:8rem}
button,.button{display:inline-block;font:inherit;font-weight:700;padding:12px 20px;border:0;border-radius:4px;background:#0b4f9c;color:#fff;text-decoration:none;cursor:pointer;margin:12px 8px 0 0}
.button.secondary,button.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
.hint{font-size:.9rem;color:#4a5361;margin:0 0 4px}
.error{color:#a4161a;font-weight:600;margin:4px 0}
.alert{border-left:6px solid #a4161a;background:#fff;padding:12px 16px;margin:0 0 16px}
.ok{border-left:6px solid #1b7f3b;background:#fff;padding:12px 16px;margin:0 0 16px}
.code{font:700 1.6rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em;word-break:break-all}
dl{margin:0}dt{font-weight:700;margin-top:8px}dd{margin:0}
.pager{display:flex;justify-content:space-between;gap:8px;margin:16px 0}
footer{max-width:720px;margin:0 auto;padding:16px;font-size:.9rem;color:#4a5361}
`.replace(/\n/g, '');

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  `script-src 'sha256-${POW_SCRIPT_HASH}'`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export interface PageOptions {
  title: string;
  status?: number;
}

export function page(options: PageOptions, content: Html): string {
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${options.title} · ${t('citizen.site')}</title><style>${trusted(CSS)}</style></head>
<body><a class="skip" href="#isi">${t('citizen.skip')}</a>
<header><a class="site" href="/layanan">${t('citizen.site')}</a>
<nav aria-label="${t('citizen.site')}"><ul><li><a href="/layanan">${t('citizen.nav.directory')}</a></li><li><a href="/layanan/lacak">${t('citizen.nav.track')}</a></li><li><a href="/layanan/hapus-data">${t('citizen.nav.erase')}</a></li></ul></nav></header>
<main id="isi">${content}</main>
<footer>${t('citizen.footer')}</footer>${content.text.includes(' data-pow ') ? html`<script>${trusted(POW_SCRIPT)}</script>` : ''}
</body></html>`.text;
}

/** Sends a page: HTML, never cached (forms carry a token), with the citizens' pages' own CSP. */
export function sendPage(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.end(body);
}
