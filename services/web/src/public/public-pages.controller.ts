import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Public } from '@kinerja/platform';
import { WebConfig } from '../config';
import { WEB_CONFIG } from '../tokens';
import { FORM_FIELD, FormProtection } from './form-protection';
import { t } from './i18n';
import { page, sendPage } from './layout';
import { OfficerLinks } from './officer-link';
import { POW_FIELD } from './proof-of-work';
import { ApiAnswer, ApiError, ComplaintCategory, ComplaintStatus, IkmPeriod, PublicApi, PublicApiUnavailable, PublicUnit } from './public-api';
import { FORM_PROTECTION, OFFICER_LINKS, PUBLIC_API } from './public.tokens';
import {
  complaintFiledView,
  complaintView,
  directoryView,
  doneView,
  eraseView,
  FieldErrors,
  FormState,
  messageView,
  rateView,
  SCALE,
  statusView,
  surveyView,
  thanksView,
  trackFormView,
  UNSUR,
  unitView,
} from './views';

type Form = Record<string, unknown>;

const text = (form: Form, name: string): string => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
const UNIT_ID = /^[A-Za-z0-9._-]{1,100}$/;
const PAGE_SIZE = 20;

/** The API's field names → the form's. */
const FORM_FIELDS: Record<string, string> = {
  rating: 'nilai',
  comment: 'komentar',
  category: 'jenis',
  description: 'uraian',
  reason: 'alasan',
  code: 'kode',
  'contact.name': 'kontak_nama',
  'contact.email': 'kontak_surel',
  'contact.phone': 'kontak_telepon',
  contact: 'kontak_nama',
};

/** A citizen's contact details as the API takes them; undefined when none was given. */
function contactOf(form: Form): { name?: string; email?: string; phone?: string } | undefined {
  const contact = { name: text(form, 'kontak_nama') || undefined, email: text(form, 'kontak_surel') || undefined, phone: text(form, 'kontak_telepon') || undefined };
  return contact.name || contact.email || contact.phone ? JSON.parse(JSON.stringify(contact)) : undefined;
}

/** The browser's proof-of-work solution (base64 JSON, see ./proof-of-work.ts), or undefined: the form was sent without JavaScript. */
const proofOf = (form: Form): string | undefined => {
  const value = text(form, POW_FIELD);
  return /^[A-Za-z0-9+/=]{1,2000}$/.test(value) ? value : undefined;
};

/** The id the form was rendered with: pressing "Kirim" twice sends the same submission, which feedback-intake takes once. */
const submissionOf = (form: Form) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text(form, 'kiriman')) ? { submissionId: text(form, 'kiriman') } : {});

/** Reached from a counter's QR code (`loket`): the channel feedback-intake counts, with the counter it requires. */
const channelOf = (counter: string | undefined) => (counter ? { channel: 'QR_COUNTER', counterId: counter } : { channel: 'WEB_FORM' });

/**
 * The citizens' pages (issue 18): no account, Bahasa Indonesia, server-rendered HTML whose every
 * form is a plain POST that works with JavaScript switched off, over feedback-intake's public API.
 * Every POST is checked against the form token (FormProtection) before anything is sent on.
 */
@ApiExcludeController()
@Public()
@Controller('layanan')
export class PublicPagesController {
  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    @Inject(PUBLIC_API) private readonly api: PublicApi,
    @Inject(FORM_PROTECTION) private readonly forms: FormProtection,
    @Inject(OFFICER_LINKS) private readonly officers: OfficerLinks,
  ) {}

  @Get()
  async directory(@Query() query: Record<string, unknown>, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      const q = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
      const offset = Math.max(0, Math.min(100_000, Number.parseInt(typeof query.dari === 'string' ? query.dari : '0', 10) || 0));
      const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset), ...(q ? { q } : {}) });
      const answer = await this.api.get<{ total: number; units: PublicUnit[] }>(req, `/public/units?${params.toString()}`);
      if (answer.status !== 200) return this.refused(res, answer);
      sendPage(res, 200, page({ title: t('citizen.directory.title') }, directoryView({ q: q || undefined, offset, limit: PAGE_SIZE }, answer.body)));
    });
  }

  @Get('unit/:unitId')
  async unit(@Param('unitId') unitId: string, @Query('loket') counter: unknown, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      const periods = await this.api.get<IkmPeriod[]>(req, `/public/ikm/${encodeURIComponent(unit.unitId)}`);
      const list = periods.status === 200 && Array.isArray(periods.body) ? periods.body : [];
      const latest = [...list].reverse().find((p) => p.status === 'COMPUTED' && p.grade) ?? null;
      const open = [...list].reverse().find((p) => p.status === 'OPEN') ?? null;
      sendPage(res, 200, page({ title: unit.name }, unitView(unit, { latest, open }, { query: this.counterParam(counter, unit) ? `?loket=${encodeURIComponent(this.counterParam(counter, unit)!)}` : '' })));
    });
  }

  /**
   * feedback-intake's proof-of-work challenge, fetched for this browser (its address travels on, so
   * the limits count per citizen), for the forms' script to solve (./proof-of-work.ts).
   */
  @Get('tantangan')
  async challenge(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    let answer: ApiAnswer<unknown>;
    try {
      answer = await this.api.get<unknown>(req, '/public/challenge');
    } catch (error) {
      if (!(error instanceof PublicApiUnavailable)) throw error;
      answer = { status: 503, body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: t('citizen.errors.unavailable') }, retryAfter: '5' };
    }
    res.statusCode = answer.status;
    if (answer.retryAfter) res.setHeader('retry-after', answer.retryAfter);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(answer.body));
  }

  // ------------------------------------------------------------------------------------- rating

  @Get('unit/:unitId/nilai')
  async rateForm(@Param('unitId') unitId: string, @Query() query: Record<string, unknown>, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      const officer = this.officerParam(query.petugas, unit.unitId);
      sendPage(res, 200, this.ratePage(unit, { csrf: this.forms.tokenFor(req, res) }, officer, this.counterParam(query.loket, unit)));
    });
  }

  @Post('unit/:unitId/nilai')
  async rate(@Param('unitId') unitId: string, @Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      if (!this.formAccepted(req, res, form, `/layanan/unit/${encodeURIComponent(unit.unitId)}/nilai`)) return;
      const officer = this.officerParam(form.petugas, unit.unitId);
      const source = this.counterParam(form.loket, unit);
      const state = this.stateOf(req, res, form);
      const rating = text(form, 'nilai');
      if (!(SCALE as readonly string[]).includes(rating)) {
        return sendPage(res, 400, this.ratePage(unit, { ...state, errors: { nilai: t('citizen.errors.rating') } }, officer, source));
      }
      const nip = officer ? this.officers.nipOf(officer, unit.unitId) : null;
      const answer = await this.api.post<{ message: string; erasureCode?: string } & ApiError>(req, '/public/feedback', {
        ...submissionOf(form),
        unitId: unit.unitId,
        rating: Number(rating),
        ...channelOf(source),
        ...(text(form, 'komentar') ? { comment: text(form, 'komentar') } : {}),
        ...(nip ? { employeeId: nip } : {}),
        ...(contactOf(form) ? { contact: contactOf(form) } : {}),
      }, proofOf(form));
      if (answer.status !== 201 && answer.status !== 200) return sendPage(res, answer.status, this.ratePage(unit, this.withProblems(state, answer), officer, source));
      sendPage(res, 200, page({ title: t('citizen.rate.sent') }, thanksView(unit, t('citizen.rate.sent'), answer.body.message, answer.body.erasureCode)));
    });
  }

  // ---------------------------------------------------------------------------------- complaint

  @Get('unit/:unitId/pengaduan')
  async complaintForm(@Param('unitId') unitId: string, @Query() query: Record<string, unknown>, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      const categories = await this.categories(req);
      sendPage(res, 200, this.complaintPage(unit, categories, { csrf: this.forms.tokenFor(req, res) }, this.officerParam(query.petugas, unit.unitId), this.counterParam(query.loket, unit)));
    });
  }

  @Post('unit/:unitId/pengaduan')
  async complain(@Param('unitId') unitId: string, @Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      if (!this.formAccepted(req, res, form, `/layanan/unit/${encodeURIComponent(unit.unitId)}/pengaduan`)) return;
      const categories = await this.categories(req);
      const officer = this.officerParam(form.petugas, unit.unitId);
      const source = this.counterParam(form.loket, unit);
      const state = this.stateOf(req, res, form);
      const errors: FieldErrors = {};
      if (!categories.some((c) => c.category === text(form, 'jenis'))) errors.jenis = t('citizen.errors.category');
      if (!text(form, 'uraian')) errors.uraian = `${t('citizen.complaint.description')}: ${t('citizen.errors.text')}`;
      if (Object.keys(errors).length > 0) return sendPage(res, 400, this.complaintPage(unit, categories, { ...state, errors }, officer, source));
      const nip = officer ? this.officers.nipOf(officer, unit.unitId) : null;
      const answer = await this.api.post<{ trackingCode: string; dueAt: string; message: string } & ApiError>(req, '/public/complaints', {
        ...submissionOf(form),
        unitId: unit.unitId,
        category: text(form, 'jenis'),
        ...channelOf(source),
        description: text(form, 'uraian'),
        ...(nip ? { subjectEmployeeId: nip } : {}),
        ...(contactOf(form) ? { contact: contactOf(form) } : {}),
      }, proofOf(form));
      if (answer.status !== 201 && answer.status !== 200) return sendPage(res, answer.status, this.complaintPage(unit, categories, this.withProblems(state, answer), officer, source));
      sendPage(res, 200, page({ title: t('citizen.complaint.filed') }, complaintFiledView(unit, answer.body, state, this.config.CITY_TIME_ZONE)));
    });
  }

  // ------------------------------------------------------------------------------------- survey

  @Get('unit/:unitId/survei')
  async surveyForm(@Param('unitId') unitId: string, @Query('loket') source: unknown, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      const periodId = await this.openPeriod(req, unit);
      if (!periodId) return sendPage(res, 404, page({ title: t('citizen.survey.title') }, messageView(t('citizen.survey.title'), t('citizen.unit.surveyClosed'), { href: `/layanan/unit/${encodeURIComponent(unit.unitId)}`, label: t('citizen.back', { name: unit.name }) })));
      sendPage(res, 200, page({ title: t('citizen.survey.title') }, surveyView(unit, periodId, { csrf: this.forms.tokenFor(req, res) }, this.counterParam(source, unit))));
    });
  }

  @Post('unit/:unitId/survei')
  async survey(@Param('unitId') unitId: string, @Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.withUnit(req, res, unitId, async (unit) => {
      if (!this.formAccepted(req, res, form, `/layanan/unit/${encodeURIComponent(unit.unitId)}/survei`)) return;
      const periodId = text(form, 'periode');
      const source = this.counterParam(form.loket, unit);
      const state = this.stateOf(req, res, form);
      if (!/^\d{4}(-(S[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$/.test(periodId)) return this.notFound(res);
      const errors: FieldErrors = {};
      for (const u of UNSUR) if (!(SCALE as readonly string[]).includes(text(form, u))) errors[u] = `${t(`citizen.survey.unsur.${u}.label`)}: ${t('citizen.survey.unanswered')}`;
      if (Object.keys(errors).length > 0) return sendPage(res, 400, page({ title: t('citizen.survey.title') }, surveyView(unit, periodId, { ...state, errors }, source)));
      const answers = Object.fromEntries(UNSUR.map((u) => [u, Number(text(form, u))]));
      const answer = await this.api.post<{ message: string } & ApiError>(req, `/public/skm/${encodeURIComponent(unit.unitId)}/${periodId}/responses`, {
        ...submissionOf(form),
        answers,
        channel: channelOf(source).channel,
      }, proofOf(form));
      if (answer.status !== 201 && answer.status !== 200) return sendPage(res, answer.status, page({ title: t('citizen.survey.title') }, surveyView(unit, periodId, this.withProblems(state, answer), source)));
      sendPage(res, 200, page({ title: t('citizen.survey.sent') }, thanksView(unit, t('citizen.survey.sent'), answer.body.message)));
    });
  }

  // ----------------------------------------------------------------------------------- tracking

  @Get('lacak')
  trackForm(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    sendPage(res, 200, page({ title: t('citizen.track.title') }, trackFormView({ csrf: this.forms.tokenFor(req, res) })));
  }

  /** The code travels in the body, never in an address: it would end up in logs and browser history. */
  @Post('lacak')
  async track(@Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      if (!this.formAccepted(req, res, form, '/layanan/lacak')) return;
      await this.showStatus(req, res, form, (code) => this.api.get<ComplaintStatus & ApiError>(req, `/public/complaints/${encodeURIComponent(code)}`));
    });
  }

  @Post('lacak/terima')
  async confirm(@Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      if (!this.formAccepted(req, res, form, '/layanan/lacak')) return;
      await this.showStatus(req, res, form, (code) => this.api.post<ComplaintStatus & ApiError>(req, `/public/complaints/${encodeURIComponent(code)}/confirm`, {}, proofOf(form)), t('citizen.track.confirmed'));
    });
  }

  @Post('lacak/buka-kembali')
  async reopen(@Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      if (!this.formAccepted(req, res, form, '/layanan/lacak')) return;
      const reason = text(form, 'alasan');
      if (!reason) {
        return this.showStatus(req, res, form, (code) => this.api.get<ComplaintStatus & ApiError>(req, `/public/complaints/${encodeURIComponent(code)}`), undefined, {
          alasan: `${t('citizen.track.reopenReason')} ${t('citizen.errors.text')}`,
        });
      }
      await this.showStatus(req, res, form, (code) => this.api.post<ComplaintStatus & ApiError>(req, `/public/complaints/${encodeURIComponent(code)}/reopen`, { reason }, proofOf(form)), t('citizen.track.reopened'));
    });
  }

  // ------------------------------------------------------------------------------------ erasure

  @Get('hapus-data')
  eraseForm(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    sendPage(res, 200, page({ title: t('citizen.erase.title') }, eraseView({ csrf: this.forms.tokenFor(req, res) })));
  }

  @Post('hapus-data')
  async erase(@Body() form: Form, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    await this.guarded(res, async () => {
      if (!this.formAccepted(req, res, form, '/layanan/hapus-data')) return;
      const state: FormState = { csrf: this.forms.tokenFor(req, res) };
      const code = text(form, 'kode');
      if (code.length < 4) return sendPage(res, 400, page({ title: t('citizen.erase.title') }, eraseView({ ...state, errors: { kode: t('citizen.errors.code') } })));
      const answer = await this.api.post<{ message: string } & ApiError>(req, '/public/erase-my-data', { code: code.slice(0, 40) }, proofOf(form));
      if (answer.status !== 200) return sendPage(res, answer.status, page({ title: t('citizen.erase.title') }, eraseView(this.withProblems(state, answer))));
      sendPage(res, 200, page({ title: t('citizen.erase.done') }, doneView(t('citizen.erase.done'), answer.body.message)));
    });
  }

  // ------------------------------------------------------------------------------------ helpers

  private async showStatus(
    req: IncomingMessage,
    res: ServerResponse,
    form: Form,
    call: (code: string) => Promise<ApiAnswer<ComplaintStatus & ApiError>>,
    notice?: string,
    errors?: FieldErrors,
  ): Promise<void> {
    const state: FormState = { csrf: this.forms.tokenFor(req, res) };
    const code = text(form, 'kode').slice(0, 40);
    if (code.length < 4) return sendPage(res, 400, page({ title: t('citizen.track.title') }, trackFormView({ ...state, errors: { kode: t('citizen.errors.code') } })));
    let answer = await call(code);
    if (answer.status === 202) {
      // Stored, but the status read model has not caught up yet: say so, and show the status as it stands.
      notice = t('citizen.track.pending');
      answer = await this.api.get<ComplaintStatus & ApiError>(req, `/public/complaints/${encodeURIComponent(code)}`);
    }
    if (answer.status !== 200) {
      // A refused confirm or reopen (e.g. already closed) shows the status with the reason.
      if (answer.status !== 404 && answer.status !== 429) {
        const current = await this.api.get<ComplaintStatus & ApiError>(req, `/public/complaints/${encodeURIComponent(code)}`);
        if (current.status === 200) return sendPage(res, answer.status, page({ title: t('citizen.track.title') }, statusView(code, await this.labelled(req, current.body), await this.unitName(req, current.body.unitId), this.withProblems({ ...state, values: { alasan: text(form, 'alasan') } }, answer), this.config.CITY_TIME_ZONE)));
      }
      return sendPage(res, answer.status, page({ title: t('citizen.track.title') }, trackFormView(this.withProblems({ ...state, values: { kode: code } }, answer))));
    }
    const view = statusView(code, await this.labelled(req, answer.body), await this.unitName(req, answer.body.unitId), { ...state, ...(errors ? { errors, values: { alasan: text(form, 'alasan') } } : {}) }, this.config.CITY_TIME_ZONE, notice);
    sendPage(res, errors ? 400 : 200, page({ title: t('citizen.track.title') }, view));
  }

  /** The complaint with its category in words, as the form offered it. */
  private async labelled(req: IncomingMessage, status: ComplaintStatus): Promise<ComplaintStatus> {
    const category = (await this.categories(req)).find((c) => c.category === status.category);
    return category ? { ...status, category: category.label } : status;
  }

  private async unitName(req: IncomingMessage, unitId: string): Promise<string> {
    const unit = await this.api.shared<PublicUnit>(req, `/public/units/${encodeURIComponent(unitId)}`);
    return unit.status === 200 ? unit.body.name : unitId;
  }

  private async categories(req: IncomingMessage): Promise<ComplaintCategory[]> {
    const answer = await this.api.shared<{ categories: ComplaintCategory[] }>(req, '/public/complaint-categories');
    if (answer.status !== 200) throw new PublicApiUnavailable(`complaint categories: ${answer.status}`);
    return answer.body.categories;
  }

  private async openPeriod(req: IncomingMessage, unit: PublicUnit): Promise<string | null> {
    const periods = await this.api.get<IkmPeriod[]>(req, `/public/ikm/${encodeURIComponent(unit.unitId)}`);
    const list = periods.status === 200 && Array.isArray(periods.body) ? periods.body : [];
    return [...list].reverse().find((p) => p.status === 'OPEN')?.periodId ?? null;
  }

  private ratePage(unit: PublicUnit, state: FormState, officer: string | undefined, counter: string | undefined): string {
    const title = officer ? t('citizen.rate.officerTitle') : t('citizen.rate.title');
    return page({ title }, rateView(unit, state, { ...(officer ? { officer } : {}), ...(counter ? { counter } : {}) }));
  }

  private complaintPage(unit: PublicUnit, categories: ComplaintCategory[], state: FormState, officer: string | undefined, counter: string | undefined): string {
    return page({ title: t('citizen.complaint.title') }, complaintView(unit, categories, state, { ...(officer ? { officer } : {}), ...(counter ? { counter } : {}) }));
  }

  /** A counter of the unit, as its QR code names it; anything else is dropped (the submission then comes through the web form). */
  private counterParam(value: unknown, unit: PublicUnit): string | undefined {
    return typeof value === 'string' && unit.counterIds.includes(value) ? value : undefined;
  }

  /** An opaque officer id as it came; an id this service did not issue is dropped (the rating is then about the unit). */
  private officerParam(value: unknown, unitId: string): string | undefined {
    return typeof value === 'string' && this.officers.nipOf(value, unitId) ? value : undefined;
  }

  /** What the citizen typed, to show again with the messages (never the form token). */
  private stateOf(req: IncomingMessage, res: ServerResponse, form: Form): FormState {
    const values = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== FORM_FIELD && typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 4000)]));
    return { csrf: this.forms.tokenFor(req, res), values };
  }

  /** The API's refusal beside the fields it names, or above the form. */
  private withProblems(state: FormState, answer: ApiAnswer<ApiError & { errors?: { field: string; message: string }[] }>): FormState {
    const errors: FieldErrors = { ...state.errors };
    const reported = answer.body.errors ?? (answer.body.field ? [{ field: answer.body.field, message: answer.body.message ?? '' }] : []);
    let problem: string | undefined;
    for (const e of reported) {
      const name = FORM_FIELDS[e.field] ?? /^answers\.(U[1-9])$/.exec(e.field)?.[1];
      if (name) errors[name] = e.message;
      else problem = answer.body.message;
    }
    if (reported.length === 0) problem = answer.body.message ?? t('citizen.errors.unavailable');
    return { ...state, errors, ...(problem ? { problem } : {}) };
  }

  private formAccepted(req: IncomingMessage, res: ServerResponse, form: Form, back: string): boolean {
    if (this.forms.accepts(req, form[FORM_FIELD])) return true;
    sendPage(res, 403, page({ title: t('citizen.errors.formTitle') }, messageView(t('citizen.errors.formTitle'), t('citizen.errors.form'), { href: back, label: t('citizen.errors.reload') })));
    return false;
  }

  private async withUnit(req: IncomingMessage, res: ServerResponse, unitId: string, then: (unit: PublicUnit) => Promise<void>): Promise<void> {
    await this.guarded(res, async () => {
      if (!UNIT_ID.test(unitId)) return this.notFound(res);
      const answer = await this.api.shared<PublicUnit>(req, `/public/units/${encodeURIComponent(unitId)}`);
      if (answer.status === 404 || answer.status === 400) return this.notFound(res, t('citizen.unit.notFound'));
      if (answer.status !== 200) return this.refused(res, answer);
      await then(answer.body);
    });
  }

  private notFound(res: ServerResponse, message = t('citizen.errors.notFound')): void {
    sendPage(res, 404, page({ title: t('citizen.errors.notFound') }, messageView(t('citizen.errors.notFound'), message, { href: '/layanan', label: t('citizen.nav.directory') })));
  }

  /** A refusal outside any form (a rate limit on reading): its message, with the status. */
  private refused(res: ServerResponse, answer: ApiAnswer<unknown>): void {
    if (answer.retryAfter) res.setHeader('retry-after', answer.retryAfter);
    const message = (answer.body as ApiError | null)?.message ?? t('citizen.errors.unavailable');
    sendPage(res, answer.status, page({ title: t('citizen.errors.unavailableTitle') }, messageView(t('citizen.errors.unavailableTitle'), message)));
  }

  /** feedback-intake unreachable or failing: 503 with a page that says so, never a stack trace. */
  private async guarded(res: ServerResponse, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof PublicApiUnavailable)) throw error;
      res.setHeader('retry-after', '5');
      sendPage(res, 503, page({ title: t('citizen.errors.unavailableTitle') }, messageView(t('citizen.errors.unavailableTitle'), t('citizen.errors.unavailable'))));
    }
  }
}
