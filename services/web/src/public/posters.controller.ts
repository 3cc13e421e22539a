import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Public } from '@kinerja/platform';
import { publicUrlOf, WebConfig } from '../config';
import { PdfRenderer } from '../pdf/render';
import { readCookie, SESSION_COOKIE } from '../session/session.middleware';
import { SessionStore } from '../session/session.store';
import { SESSION_STORE, WEB_CONFIG } from '../tokens';
import { OfficerLinks } from './officer-link';
import { t } from './i18n';
import { messageView } from './views';
import { page, sendPage } from './layout';
import { renderOfficerCard, renderPosters } from './posters';
import { ApiAnswer, ApiError, PublicApi, PublicApiLimited, PublicApiUnavailable, PublicUnit } from './public-api';
import { OFFICER_LINKS, PDF_RENDERER, PUBLIC_API } from './public.tokens';

const ID = /^[A-Za-z0-9._-]{1,100}$/;
/** Rendered posters kept a while: printing is rare, a PDF costs a browser render, and a burst of requests should not make one each. */
const CACHE_MS = 10 * 60_000;
const CACHE_MAX = 200;

/**
 * QR posters for the counters (issue 18): a unit's A4 poster (`?loket=` for one of its counters), and an agency's units in one file.
 * Only what the public directory shows is printed, so anyone may fetch them.
 */
@ApiExcludeController()
@Public()
@Controller('layanan/poster')
export class PostersController {
  private readonly cache = new Map<string, { until: number; pdf: Promise<Buffer> }>();

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    @Inject(PUBLIC_API) private readonly api: PublicApi,
    @Inject(PDF_RENDERER) private readonly renderer: PdfRenderer,
    @Inject(OFFICER_LINKS) private readonly officers: OfficerLinks,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
  ) {}

  /**
   * The signed-in officer's own card for a unit they serve at (their console session says who they
   * are). Naming a unit they do not serve at prints a card whose ratings reach the unit only:
   * feedback-intake attaches an employee only where the organisation places them.
   */
  @Get('petugas/:unitId')
  async officerCard(@Param('unitId') unitId: string, @Query('loket') counter: unknown, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie && /^[A-Za-z0-9_-]{43}$/.test(cookie) ? await this.sessions.find(cookie) : null;
    const nip = session?.data.user?.nip;
    if (!nip || !/^\d{18}$/.test(nip)) {
      return sendPage(res, 401, page({ title: t('citizen.poster.signIn') }, messageView(t('citizen.poster.signIn'), t('citizen.poster.signInWhy'), { href: `/masuk`, label: t('citizen.poster.signInLink') })));
    }
    let unit: PublicUnit | null = null;
    try {
      const answer = ID.test(unitId) ? await this.api.shared<PublicUnit & ApiError>(req, `/public/units/${encodeURIComponent(unitId)}`) : null;
      if (answer?.status === 429) return this.limited(res, answer);
      unit = answer?.status === 200 ? answer.body : null;
    } catch (error) {
      if (!(error instanceof PublicApiUnavailable)) throw error;
      return sendPage(res, 503, page({ title: t('citizen.errors.unavailableTitle') }, messageView(t('citizen.errors.unavailableTitle'), t('citizen.errors.unavailable'))));
    }
    if (!unit) return sendPage(res, 404, page({ title: t('citizen.errors.notFound') }, messageView(t('citizen.errors.notFound'), t('citizen.unit.notFound'), { href: '/layanan', label: t('citizen.nav.directory') })));
    const counterId = typeof counter === 'string' && unit.counterIds.includes(counter) ? counter : undefined;
    const pdf = await renderOfficerCard(this.renderer, unit, this.officers.idOf(nip, unit.unitId), publicUrlOf(this.config), counterId);
    this.sendPdf(res, `kartu-petugas-${unit.unitId}.pdf`, pdf);
  }

  @Get('unit/:unitId')
  async unit(@Param('unitId') unitId: string, @Query('loket') counter: unknown, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    let counterId: string | undefined;
    await this.send(res, `poster-${unitId}.pdf`, async () => {
      if (!ID.test(unitId)) return [];
      const answer = await this.api.shared<PublicUnit & ApiError>(req, `/public/units/${encodeURIComponent(unitId)}`);
      if (answer.status === 429) throw new PublicApiLimited(answer);
      if (answer.status !== 200) return [];
      // A counter's poster: its QR code names the counter, so what comes through it counts as the counter's.
      if (typeof counter === 'string') {
        if (!answer.body.counterIds.includes(counter)) return [];
        counterId = counter;
      }
      return [answer.body];
    }, () => counterId);
  }

  @Get('instansi/:agencyId')
  async agency(@Param('agencyId') agencyId: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.send(res, `poster-${agencyId}.pdf`, async () => {
      if (!ID.test(agencyId)) return [];
      const units: PublicUnit[] = [];
      for (let offset = 0; offset < 5_000; offset += 100) {
        const answer = await this.api.shared<{ total: number; units: PublicUnit[] } & ApiError>(req, `/public/units?agencyId=${encodeURIComponent(agencyId)}&limit=100&offset=${offset}`);
        if (answer.status === 429) throw new PublicApiLimited(answer);
        if (answer.status !== 200) throw new PublicApiUnavailable(`units of ${agencyId}: ${answer.status}`);
        units.push(...answer.body.units);
        if (units.length >= answer.body.total || answer.body.units.length === 0) break;
      }
      return units;
    });
  }

  private async send(res: ServerResponse, filename: string, unitsOf: () => Promise<PublicUnit[]>, counterOf: () => string | undefined = () => undefined): Promise<void> {
    let units: PublicUnit[];
    try {
      units = await unitsOf();
    } catch (error) {
      if (error instanceof PublicApiLimited) return this.limited(res, error.answer);
      if (!(error instanceof PublicApiUnavailable)) throw error;
      return sendPage(res, 503, page({ title: t('citizen.errors.unavailableTitle') }, messageView(t('citizen.errors.unavailableTitle'), t('citizen.errors.unavailable'))));
    }
    if (units.length === 0) return sendPage(res, 404, page({ title: t('citizen.errors.notFound') }, messageView(t('citizen.errors.notFound'), t('citizen.unit.notFound'), { href: '/layanan', label: t('citizen.nav.directory') })));
    this.sendPdf(res, filename, await this.rendered(units, counterOf()));
  }

  /** feedback-intake's limit answered the read: 429 with its message and wait, as the citizens' pages give it. */
  private limited(res: ServerResponse, answer: ApiAnswer<ApiError>): void {
    if (answer.retryAfter) res.setHeader('retry-after', answer.retryAfter);
    sendPage(res, 429, page({ title: t('citizen.errors.unavailableTitle') }, messageView(t('citizen.errors.unavailableTitle'), answer.body.message ?? t('citizen.errors.unavailable'))));
  }

  private sendPdf(res: ServerResponse, filename: string, pdf: Buffer): void {
    res.statusCode = 200;
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.setHeader('content-length', pdf.length);
    res.end(pdf);
  }

  private rendered(units: PublicUnit[], counterId: string | undefined): Promise<Buffer> {
    const key = createHash('sha256').update(JSON.stringify([counterId ?? null, units.map((u) => [u.unitId, u.name, u.agencyName ?? u.agencyId])])).digest('hex');
    const now = Date.now();
    for (const [k, entry] of this.cache) if (entry.until < now) this.cache.delete(k);
    const hit = this.cache.get(key);
    if (hit) return hit.pdf;
    const pdf = renderPosters(this.renderer, units, publicUrlOf(this.config), counterId);
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { until: now + CACHE_MS, pdf });
    pdf.catch(() => this.cache.delete(key));
    return pdf;
  }
}
