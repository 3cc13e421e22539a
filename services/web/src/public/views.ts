import { randomUUID } from 'node:crypto';
import { parsePeriod } from '@kinerja/contracts';
import { FORM_FIELD } from './form-protection';
import { Html, html } from './html';
import { t } from './i18n';
import { powFields, powForm } from './proof-of-work';
import type { ComplaintCategory, ComplaintStatus, IkmPeriod, PublicUnit } from './public-api';

/** The nine unsur of the SKM (PermenPANRB 14/2017; docs/regulations.md §5), in the order of the questionnaire. */
export const UNSUR = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export const SCALE = ['1', '2', '3', '4'] as const;

/** A field's message, keyed by the field's name in the form. */
export type FieldErrors = Record<string, string>;

export interface FormState {
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** A message about the whole form (rate limit, service busy). */
  problem?: string;
}

export function formatDate(iso: string, timeZone: string, withTime = false): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : timeZone }).format(date);
}

export function periodLabel(periodId: string): string {
  const period = parsePeriod(periodId);
  if (!period) return periodId;
  const month = new Intl.DateTimeFormat('id-ID', { month: 'long', timeZone: 'UTC' }).format(new Date(`${period.start}T00:00:00Z`));
  return t(`citizen.period.${period.kind}`, { year: period.year, n: period.index, month });
}

const hidden = (name: string, value: string | undefined) => (value ? html`<input type="hidden" name="${name}" value="${value}">` : '');
const csrfField = (state: FormState) => hidden(FORM_FIELD, state.csrf);
/** The submission's id, kept when the form comes back with messages (see submissionOf in the controller). */
const submissionField = (state: FormState) => hidden('kiriman', state.values?.kiriman ?? randomUUID());

function problems(state: FormState): Html | '' {
  const messages = [...(state.problem ? [state.problem] : []), ...Object.values(state.errors ?? {})];
  if (messages.length === 0) return '';
  return html`<div class="alert" role="alert" tabindex="-1" id="masalah"><h2>${t('citizen.errors.title')}</h2><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

function fieldError(state: FormState, name: string): Html | '' {
  const message = state.errors?.[name];
  return message ? html`<p class="error" id="${name}-galat">${message}</p>` : '';
}

const describedBy = (state: FormState, name: string, hint?: string) => {
  const ids = [...(hint ? [hint] : []), ...(state.errors?.[name] ? [`${name}-galat`] : [])];
  return ids.length ? html` aria-describedby="${ids.join(' ')}"` : '';
};

function textInput(state: FormState, name: string, label: string, options: { type?: string; required?: boolean; hint?: string; autocomplete?: string; maxlength?: number } = {}): Html {
  const hintId = options.hint ? `${name}-petunjuk` : undefined;
  return html`<label for="${name}">${label} <span class="muted">${options.required ? t('citizen.required') : t('citizen.optional')}</span></label>
${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}${fieldError(state, name)}
<input type="${options.type ?? 'text'}" id="${name}" name="${name}" value="${state.values?.[name] ?? ''}"${options.required ? html` required` : ''}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${state.errors?.[name] ? html` aria-invalid="true"` : ''}${describedBy(state, name, hintId)}>`;
}

function textArea(state: FormState, name: string, label: string, options: { required?: boolean; hint?: string; maxlength?: number } = {}): Html {
  const hintId = options.hint ? `${name}-petunjuk` : undefined;
  return html`<label for="${name}">${label} <span class="muted">${options.required ? t('citizen.required') : t('citizen.optional')}</span></label>
${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}${fieldError(state, name)}
<textarea id="${name}" name="${name}"${options.required ? html` required` : ''}${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${state.errors?.[name] ? html` aria-invalid="true"` : ''}${describedBy(state, name, hintId)}>${state.values?.[name] ?? ''}</textarea>`;
}

/** A group of radio buttons in a fieldset whose legend is the question. */
function radios(state: FormState, name: string, legend: Html | string, choices: { value: string; label: string }[], required = true): Html {
  return html`<fieldset${state.errors?.[name] ? html` aria-invalid="true"` : ''}${describedBy(state, name)}><legend>${legend}</legend>${fieldError(state, name)}
${choices.map((c) => html`<label class="choice"><input type="radio" name="${name}" value="${c.value}"${state.values?.[name] === c.value ? html` checked` : ''}${required ? html` required` : ''}> <span>${c.label}</span></label>`)}</fieldset>`;
}

function contactFields(state: FormState): Html {
  return html`<fieldset><legend>${t('citizen.contact.legend')} <span class="muted">${t('citizen.optional')}</span></legend><p class="hint">${t('citizen.contact.intro')}</p>
${textInput(state, 'kontak_nama', t('citizen.contact.name'), { autocomplete: 'name', maxlength: 200 })}
${textInput(state, 'kontak_surel', t('citizen.contact.email'), { type: 'email', autocomplete: 'email', maxlength: 200 })}
${textInput(state, 'kontak_telepon', t('citizen.contact.phone'), { type: 'tel', autocomplete: 'tel', maxlength: 20 })}</fieldset>`;
}

const backToUnit = (unit: PublicUnit) => html`<p><a href="/layanan/unit/${encodeURIComponent(unit.unitId)}">${t('citizen.back', { name: unit.name })}</a></p>`;

// ---------------------------------------------------------------------------------------- pages

export function directoryView(query: { q?: string; offset: number; limit: number }, result: { total: number; units: PublicUnit[] }): Html {
  const page = Math.floor(query.offset / query.limit) + 1;
  const pages = Math.max(1, Math.ceil(result.total / query.limit));
  const link = (offset: number) => `/layanan?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(offset > 0 ? { dari: String(offset) } : {}) }).toString()}`;
  return html`<h1>${t('citizen.directory.title')}</h1><p>${t('citizen.directory.intro')}</p>
<form method="get" action="/layanan" role="search"><label for="q">${t('citizen.directory.search')}</label><p class="hint" id="q-petunjuk">${t('citizen.directory.searchHint')}</p>
<input type="search" id="q" name="q" value="${query.q ?? ''}" maxlength="100" aria-describedby="q-petunjuk"><button type="submit">${t('citizen.directory.submit')}</button></form>
<h2 id="hasil">${t('citizen.directory.results', { count: result.total })}</h2>
${result.units.length === 0 ? html`<p>${t('citizen.directory.none')}</p>` : html`<ul class="units" aria-labelledby="hasil">${result.units.map(
    (u) => html`<li class="card"><h2><a href="/layanan/unit/${encodeURIComponent(u.unitId)}">${u.name}</a></h2>
<p class="muted">${t('citizen.directory.agency')}: ${u.agencyName ?? u.agencyId}</p>${u.services ? html`<p>${t('citizen.directory.serves')}: ${u.services}</p>` : ''}</li>`,
  )}</ul>`}
${pages > 1 ? html`<nav class="pager" aria-label="${t('citizen.directory.page', { page, pages })}">${query.offset > 0 ? html`<a href="${link(Math.max(0, query.offset - query.limit))}">${t('citizen.directory.previous')}</a>` : html`<span></span>`}<span>${t('citizen.directory.page', { page, pages })}</span>${query.offset + query.limit < result.total ? html`<a href="${link(query.offset + query.limit)}">${t('citizen.directory.next')}</a>` : html`<span></span>`}</nav>` : ''}`;
}

export function unitView(unit: PublicUnit, ikm: { latest: IkmPeriod | null; open: IkmPeriod | null }, origin: { query: string }): Html {
  const base = `/layanan/unit/${encodeURIComponent(unit.unitId)}`;
  const latest = ikm.latest;
  return html`<h1>${unit.name}</h1>
<p class="muted">${t('citizen.unit.agency')}: ${unit.agencyName ?? unit.agencyId}</p>
<section class="card" aria-labelledby="layanan"><h2 id="layanan">${t('citizen.unit.serves')}</h2><p>${unit.services ?? t('citizen.unit.notDescribed')}</p></section>
<section class="card" aria-labelledby="ikm"><h2 id="ikm">${t('citizen.unit.ikm')}</h2>
<p>${latest && latest.grade ? t('citizen.unit.ikmValue', { grade: latest.grade, label: latest.label ?? '', value: latest.ikm ?? '', period: periodLabel(latest.periodId), respondents: latest.respondentCount ?? 0 }) : t('citizen.unit.ikmNone')}</p></section>
<h2>${t('citizen.unit.actions')}</h2>
<p><a class="button" href="${base}/nilai${origin.query}">${t('citizen.unit.rate')}</a></p>
<p><a class="button" href="${base}/pengaduan${origin.query}">${t('citizen.unit.complain')}</a></p>
${ikm.open ? html`<p><a class="button" href="${base}/survei${origin.query}">${t('citizen.unit.survey')}</a></p>` : html`<p class="muted">${t('citizen.unit.surveyClosed')}</p>`}`;
}

export function rateView(unit: PublicUnit, state: FormState, context: { officer?: string; counter?: string }): Html {
  return html`<h1>${context.officer ? t('citizen.rate.officerTitle') : t('citizen.rate.title')}: ${unit.name}</h1>
${context.officer ? html`<p>${t('citizen.rate.officerIntro')}</p>` : ''}${problems(state)}
<form method="post" action="/layanan/unit/${encodeURIComponent(unit.unitId)}/nilai" novalidate${powForm()}>${csrfField(state)}${powFields()}${submissionField(state)}${hidden('petugas', context.officer)}${hidden('loket', context.counter)}
${radios(state, 'nilai', t('citizen.rate.question'), SCALE.map((v) => ({ value: v, label: `${v} · ${t(`citizen.scale.${v}`)}` })))}
${textArea(state, 'komentar', t('citizen.rate.comment'), { maxlength: 2000 })}
${contactFields(state)}
<button type="submit">${t('citizen.send')}</button></form>${backToUnit(unit)}`;
}

export function complaintView(unit: PublicUnit, categories: ComplaintCategory[], state: FormState, context: { officer?: string; counter?: string }): Html {
  return html`<h1>${t('citizen.complaint.title')}: ${unit.name}</h1>
${context.officer ? html`<p>${t('citizen.complaint.officerIntro')}</p>` : ''}${problems(state)}
<form method="post" action="/layanan/unit/${encodeURIComponent(unit.unitId)}/pengaduan" novalidate${powForm()}>${csrfField(state)}${powFields()}${submissionField(state)}${hidden('petugas', context.officer)}${hidden('loket', context.counter)}
${radios(state, 'jenis', t('citizen.complaint.category'), categories.map((c) => ({ value: c.category, label: t('citizen.complaint.sla', { label: c.label, count: c.slaWorkingDays }) })))}
${textArea(state, 'uraian', t('citizen.complaint.description'), { required: true, hint: t('citizen.complaint.descriptionHint'), maxlength: 4000 })}
${contactFields(state)}
<button type="submit">${t('citizen.send')}</button></form>${backToUnit(unit)}`;
}

export function surveyView(unit: PublicUnit, periodId: string, state: FormState, counter?: string): Html {
  return html`<h1>${t('citizen.survey.title')}: ${unit.name}</h1>
<p>${t('citizen.survey.intro', { name: unit.name })}</p><p class="muted">${t('citizen.survey.period', { period: periodLabel(periodId) })}</p>${problems(state)}
<form method="post" action="/layanan/unit/${encodeURIComponent(unit.unitId)}/survei" novalidate${powForm()}>${csrfField(state)}${powFields()}${submissionField(state)}${hidden('periode', periodId)}${hidden('loket', counter)}
${UNSUR.map((u, i) => {
    const answers = t(`citizen.survey.unsur.${u}.answers`, { returnObjects: true }) as unknown as string[];
    return radios(state, u, html`${i + 1}. ${t(`citizen.survey.unsur.${u}.label`)}: <span class="muted">${t(`citizen.survey.unsur.${u}.question`)}</span>`, answers.map((label, k) => ({ value: String(k + 1), label })));
  })}
<button type="submit">${t('citizen.send')}</button></form>${backToUnit(unit)}`;
}

export function thanksView(unit: PublicUnit, title: string, message: string, erasureCode?: string): Html {
  return html`<h1>${title}</h1><div class="ok" role="status"><p>${message}</p></div>
${erasureCode ? html`<section class="card" aria-labelledby="kode"><h2 id="kode">${t('citizen.thanks.erasureCode')}</h2><p class="code">${erasureCode}</p><p>${t('citizen.thanks.erasureKeep')}</p></section>` : ''}
<p><a href="/layanan/unit/${encodeURIComponent(unit.unitId)}">${t('citizen.thanks.again')}</a></p>`;
}

export function complaintFiledView(unit: PublicUnit, filed: { trackingCode: string; dueAt: string; message: string }, state: FormState, timeZone: string): Html {
  return html`<h1>${t('citizen.complaint.filed')}</h1><div class="ok" role="status"><p>${filed.message}</p></div>
<section class="card" aria-labelledby="kode"><h2 id="kode">${t('citizen.complaint.code')}</h2><p class="code">${filed.trackingCode}</p><p>${t('citizen.complaint.codeKeep')}</p>
<p>${t('citizen.complaint.due', { date: formatDate(filed.dueAt, timeZone, true) })}</p></section>
<form method="post" action="/layanan/lacak">${csrfField(state)}${hidden('kode', filed.trackingCode)}<button type="submit">${t('citizen.complaint.track')}</button></form>
${backToUnit(unit)}`;
}

export function trackFormView(state: FormState): Html {
  return html`<h1>${t('citizen.track.title')}</h1><p>${t('citizen.track.intro')}</p>${problems(state)}
<form method="post" action="/layanan/lacak" novalidate>${csrfField(state)}
${textInput(state, 'kode', t('citizen.track.code'), { required: true, hint: t('citizen.track.codeHint'), autocomplete: 'off', maxlength: 40 })}
<button type="submit">${t('citizen.track.submit')}</button></form>`;
}

export function statusView(code: string, status: ComplaintStatus, unitName: string, state: FormState, timeZone: string, notice?: string): Html {
  const known = ['RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CONFIRMED', 'REOPENED'].includes(status.status) ? status.status : 'UNKNOWN';
  const awaiting = status.status === 'RESOLVED' || status.status === 'REJECTED';
  return html`<h1>${t('citizen.track.title')}</h1>${notice ? html`<div class="ok" role="status"><p>${notice}</p></div>` : ''}${problems(state)}
<section class="card" aria-labelledby="status"><h2 id="status">${t('citizen.track.status')}: ${t(`citizen.track.statuses.${known}`)}</h2><dl>
<dt>${t('citizen.track.unit')}</dt><dd>${unitName}</dd>
<dt>${t('citizen.track.category')}</dt><dd>${status.category}</dd>
<dt>${t('citizen.track.received')}</dt><dd>${formatDate(status.receivedAt, timeZone, true)}</dd>
<dt>${t('citizen.track.due')}</dt><dd>${formatDate(status.sla.dueAt, timeZone, true)}</dd>
${status.resolution ? html`<dt>${t('citizen.track.resolution')}</dt><dd>${status.resolution}</dd>` : ''}
${status.rejectionReason ? html`<dt>${t('citizen.track.rejection')}</dt><dd>${status.rejectionReason}</dd>` : ''}
${status.closedAt ? html`<dt>${t('citizen.track.closed')}</dt><dd>${formatDate(status.closedAt, timeZone, true)}</dd>` : ''}
</dl>${status.contactErased ? html`<p class="muted">${t('citizen.track.contactErased')}</p>` : ''}</section>
${awaiting ? html`<h2>${t('citizen.track.decide')}</h2>
<form method="post" action="/layanan/lacak/terima"${powForm()}>${csrfField(state)}${powFields()}${hidden('kode', code)}<button type="submit">${t('citizen.track.confirm')}</button></form>
<form method="post" action="/layanan/lacak/buka-kembali" novalidate${powForm()}>${csrfField(state)}${powFields()}${hidden('kode', code)}
${textArea(state, 'alasan', t('citizen.track.reopenReason'), { required: true, maxlength: 2000 })}
<button type="submit" class="secondary">${t('citizen.track.reopen')}</button></form>` : ''}`;
}

export function eraseView(state: FormState): Html {
  return html`<h1>${t('citizen.erase.title')}</h1><p>${t('citizen.erase.intro')}</p>${problems(state)}
<form method="post" action="/layanan/hapus-data" novalidate${powForm()}>${csrfField(state)}${powFields()}
${textInput(state, 'kode', t('citizen.erase.code'), { required: true, autocomplete: 'off', maxlength: 40 })}
<button type="submit">${t('citizen.erase.submit')}</button></form>`;
}

export function messageView(title: string, message: string, link?: { href: string; label: string }): Html {
  return html`<h1>${title}</h1><div class="alert" role="alert"><p>${message}</p></div>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`;
}

export function doneView(title: string, message: string): Html {
  return html`<h1>${title}</h1><div class="ok" role="status"><p>${message}</p></div><p><a href="/layanan">${t('citizen.nav.directory')}</a></p>`;
}
