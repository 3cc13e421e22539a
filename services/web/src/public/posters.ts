import { html, Html, trusted } from './html';
import { t } from './i18n';
import type { PublicUnit } from './public-api';
import { PdfRenderer } from '../pdf/render';
import { qrSvg } from '../pdf/qr';

/** The address a unit's QR code leads to: its public page (and the counter, when the poster is a counter's). */
export const unitPageUrl = (publicUrl: string, unitId: string, counterId?: string): string =>
  `${publicUrl}/layanan/unit/${encodeURIComponent(unitId)}${counterId ? `?loket=${encodeURIComponent(counterId)}` : ''}`;

const POSTER_CSS = `
@page{size:A4;margin:0}
*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#111}
.poster{width:210mm;height:297mm;padding:22mm 20mm;display:flex;flex-direction:column;align-items:center;text-align:center;page-break-after:always;break-after:page}
.poster:last-child{page-break-after:auto;break-after:auto}
.agency{font-size:16pt;margin:0 0 6mm;color:#333}
h1{font-size:30pt;line-height:1.15;margin:0 0 10mm}
.qr{width:120mm;height:120mm}
.qr svg{width:100%;height:100%}
.url{font-size:11pt;margin:4mm 0 10mm;word-break:break-all;color:#333}
.line{font-size:17pt;margin:0 0 4mm;max-width:160mm}
.foot{margin-top:auto;font-size:11pt;color:#555}
`;

/** The address an officer's card leads to: the unit's rating form naming the officer by their opaque id. */
export const officerRatingUrl = (publicUrl: string, unitId: string, officerId: string, counterId?: string): string =>
  `${publicUrl}/layanan/unit/${encodeURIComponent(unitId)}/nilai?petugas=${officerId}${counterId ? `&loket=${encodeURIComponent(counterId)}` : ''}`;

async function posterOf(unit: PublicUnit, url: string, subtitle?: string): Promise<Html> {
  const qr = await qrSvg(url, { label: `Kode QR ke ${url}` });
  return html`<section class="poster"><p class="agency">${unit.agencyName ?? unit.agencyId}</p><h1>${unit.name}</h1>${subtitle ? html`<p class="line"><strong>${subtitle}</strong></p>` : ''}
<div class="qr">${trusted(qr)}</div><p class="url">${url}</p>
<p class="line">${t('citizen.poster.line1')}</p><p class="line">${t('citizen.poster.line2')}</p><p class="foot">${t('citizen.site')}</p></section>`;
}

/** Printable A4 posters, one page per unit (an agency's units in one file), through the shared PDF renderer. */
export async function renderPosters(renderer: PdfRenderer, units: readonly PublicUnit[], publicUrl: string, counterId?: string): Promise<Buffer> {
  const pages = await Promise.all(units.map((unit) => posterOf(unit, unitPageUrl(publicUrl, unit.unitId, counterId), counterId ? t('citizen.poster.counter', { counter: counterId }) : undefined)));
  return renderer.render(documentOf(units.length === 1 ? units[0].name : t('citizen.site'), pages).text, { format: 'A4' });
}

/**
 * An officer's card for their counter: the unit, "Nilai pelayanan petugas ini" and a QR code to the
 * rating form with the officer's opaque id. Nothing on it names the officer (no name, no NIP).
 */
export async function renderOfficerCard(renderer: PdfRenderer, unit: PublicUnit, officerId: string, publicUrl: string, counterId?: string): Promise<Buffer> {
  const poster = await posterOf(unit, officerRatingUrl(publicUrl, unit.unitId, officerId, counterId), t('citizen.poster.officer'));
  return renderer.render(documentOf(unit.name, [poster]).text, { format: 'A4' });
}

const documentOf = (title: string, pages: Html[]) =>
  html`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${title}</title><style>${trusted(POSTER_CSS)}</style></head><body>${pages}</body></html>`;
