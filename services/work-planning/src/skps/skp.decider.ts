import { COMPLAINT_MEASURES, parsePeriod, SERVICE_MEASURES } from '@kinerja/contracts';
import { Command, Decider, conflict, forbidden, invalid, notFound } from '@kinerja/domain';
import { IsoDate, isIsoDate, overlaps } from '../organisation/dates';
import { POSITION_KINDS, PositionKind } from '../organisation/organisation.events';
import { BERAKHLAK, CORE_VALUES, CoreValue } from './berakhlak';
import { LinkFlag, RhkTargetStatus, unresolvedLinks } from './rhk-links.rules';
import {
  APPROACHES,
  ASPEK,
  Approach,
  DIRECTIONS,
  defaultDirection,
  Iki,
  Lampiran,
  PERSPEKTIF,
  PerilakuKerja,
  RHK_JENIS,
  Rhk,
  SkpDocument,
  SkpEvent,
  SkpHeader,
} from './skp.events';

// ---- commands ----

type SkpCommandOf<Type extends string, Data, Lookups = undefined> = Command<Type, Data & { skpId: string }, Lookups>;

/** Looked up before deciding, for an `ATASAN_RHK` link: does the RHK exist (any state), and is its SKP the pejabat penilai's? */
export interface LinkLookup {
  targetExists: boolean;
  targetOwnedByPejabatPenilai: boolean;
}

export type CreateSkp = SkpCommandOf<
  'CreateSkp',
  Omit<SkpHeader, 'skpId'> & { approach: Approach },
  /** The employee's other SKP (any period), to keep one SKP per employee per period. */
  { otherSkpsOfEmployee: readonly { skpId: string; periodStart: IsoDate; periodEnd: IsoDate }[] }
>;
export type ChangeApproach = SkpCommandOf<'ChangeApproach', { approach: Approach }>;
export type AddRhk = SkpCommandOf<'AddRhk', { rhk: Rhk }, { linkLookup: LinkLookup | null }>;
export type ReviseRhk = SkpCommandOf<'ReviseRhk', { rhk: Rhk }, { linkLookup: LinkLookup | null }>;
export type RemoveRhk = SkpCommandOf<'RemoveRhk', { rhkId: string }>;
export type SetLampiran = SkpCommandOf<'SetLampiran', { lampiran: Lampiran }>;
/** The employee's pejabat penilai in this SKP's period (as of now, clamped to the period). */
interface PejabatPenilaiLookup {
  pejabatPenilaiNip: string | null;
}

export type SetEkspektasiKhusus = SkpCommandOf<'SetEkspektasiKhusus', { coreValue: CoreValue; text: string | null }, PejabatPenilaiLookup>;
/** Submit refuses what approval would refuse: no pejabat penilai to decide, or links approval would not accept. */
export type SubmitSkp = SkpCommandOf<
  'SubmitSkp',
  Record<never, never>,
  PejabatPenilaiLookup & { linkTargets: Readonly<Record<string, RhkTargetStatus>> }
>;
/** The employee takes a submitted SKP back until the pejabat penilai decides. */
export type WithdrawSkp = SkpCommandOf<'WithdrawSkp', Record<never, never>>;
export type ReturnSkp = SkpCommandOf<'ReturnSkp', { notes: string }, PejabatPenilaiLookup>;
/** `linkTargets`: for each `ATASAN_RHK` link (`<skpId>/<rhkId>`), the target's status now. */
export type ApproveSkp = SkpCommandOf<
  'ApproveSkp',
  Record<never, never>,
  PejabatPenilaiLookup & { linkTargets: Readonly<Record<string, RhkTargetStatus>> }
>;
export type StartAmendment = SkpCommandOf<'StartAmendment', Record<never, never>>;
export type CloseSkp = SkpCommandOf<'CloseSkp', { reason: 'PERIOD_ENDED' | 'ASSIGNMENT_CHANGED'; closedOn: IsoDate }>;

export type SkpCommand =
  | CreateSkp
  | ChangeApproach
  | AddRhk
  | ReviseRhk
  | RemoveRhk
  | SetLampiran
  | SetEkspektasiKhusus
  | SubmitSkp
  | WithdrawSkp
  | ReturnSkp
  | ApproveSkp
  | StartAmendment
  | CloseSkp;

// ---- state ----

export type SkpStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'REVISED' | 'APPROVED' | 'AMENDING' | 'CLOSED';

export interface SkpData {
  header: SkpHeader;
  /** The working copy: the draft, or the amendment being prepared. */
  approach: Approach;
  rhk: Rhk[];
  ekspektasiKhusus: Partial<Record<CoreValue, string>>;
  lampiran: Lampiran;
  /** Every approved version, oldest first: version n is `versions[n - 1]`. */
  versions: SkpDocument[];
  returnNotes: string | null;
}

export type SkpState = { status: 'NONE' } | ({ status: SkpStatus } & SkpData);
type Existing = Extract<SkpState, { header: SkpHeader }>;

export const initialState = (): SkpState => ({ status: 'NONE' });

const EMPTY_LAMPIRAN: Lampiran = { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] };
export const isJpt = (kind: PositionKind) => kind === 'JPT_PRATAMA';

// ---- evolve ----

/** An IKI as recorded before directions and period targets existed reads with the defaults. */
export const withIkiDefaults = (iki: Iki): Iki => ({
  ...iki,
  direction: iki.direction ?? defaultDirection(iki.aspect),
  periodTargets: iki.periodTargets ?? [],
});
const rhkWithDefaults = (rhk: Rhk): Rhk => ({ ...rhk, indicators: rhk.indicators.map(withIkiDefaults) });
const documentWithDefaults = (d: SkpDocument): SkpDocument => ({ ...d, rhk: d.rhk.map(rhkWithDefaults) });

/** Edits to a returned plan make it REVISED; other states keep their status. */
const afterEdit = (status: SkpStatus): SkpStatus => (status === 'RETURNED' ? 'REVISED' : status);

export function evolve(state: SkpState, event: SkpEvent): SkpState {
  if (event.type === 'SkpCreated') {
    const { approach, createdAt: _c, createdBy: _b, ...header } = event.data;
    return { status: 'DRAFT', header, approach, rhk: [], ekspektasiKhusus: {}, lampiran: EMPTY_LAMPIRAN, versions: [], returnNotes: null };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'SkpApproachChanged':
      return { ...state, status: afterEdit(state.status), approach: event.data.approach };
    case 'RhkAdded':
      return { ...state, status: afterEdit(state.status), rhk: [...state.rhk, rhkWithDefaults(event.data.rhk)] };
    case 'RhkRevised':
      return {
        ...state,
        status: afterEdit(state.status),
        rhk: state.rhk.map((r) => (r.rhkId === event.data.rhk.rhkId ? rhkWithDefaults(event.data.rhk) : r)),
      };
    case 'RhkRemoved':
      return { ...state, status: afterEdit(state.status), rhk: state.rhk.filter((r) => r.rhkId !== event.data.rhkId) };
    case 'LampiranSet':
      return { ...state, status: afterEdit(state.status), lampiran: event.data.lampiran };
    case 'EkspektasiKhususSet': {
      const ekspektasiKhusus = { ...state.ekspektasiKhusus };
      if (event.data.text === null) delete ekspektasiKhusus[event.data.coreValue];
      else ekspektasiKhusus[event.data.coreValue] = event.data.text;
      return { ...state, ekspektasiKhusus };
    }
    case 'SkpSubmitted':
      return { ...state, status: 'SUBMITTED', returnNotes: null };
    case 'SkpWithdrawn':
      return { ...state, status: state.versions.length > 0 ? 'AMENDING' : 'DRAFT' };
    case 'SkpReturned':
      return { ...state, status: 'RETURNED', returnNotes: event.data.notes };
    case 'SkpApproved':
    case 'SkpAmended':
      return { ...state, status: 'APPROVED', versions: [...state.versions, documentWithDefaults(event.data.document)] };
    case 'SkpAmendmentStarted':
      return { ...state, status: 'AMENDING' };
    case 'SkpClosed':
      return { ...state, status: 'CLOSED', header: { ...state.header, periodEnd: event.data.closedOn } };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

// ---- decide ----

const LINK_REASON: Record<LinkFlag, string> = {
  UNLINKED: 'belum mengintervensi RHK atasan',
  LINKED_TO_PERJANJIAN_KINERJA: 'masih menginduk ke Perjanjian Kinerja unit, bukan RHK atasan',
  TARGET_NOT_APPROVED: 'RHK atasan yang diintervensi belum disetujui',
  TARGET_MISSING: 'RHK atasan yang diintervensi tidak ditemukan',
};

const MSG = {
  notFound: 'SKP tidak ditemukan.',
  exists: 'SKP untuk pegawai dan periode ini sudah ada.',
  periodOverlap: 'Pegawai ini sudah memiliki SKP lain pada periode yang bertumpang tindih.',
  invalidPeriod: 'Periode SKP harus berupa tanggal yang valid dalam satu tahun kalender, dan tanggal akhir tidak sebelum tanggal awal.',
  invalidApproach: 'Pendekatan SKP harus KUANTITATIF atau KUALITATIF.',
  invalidKind: 'Jenis jabatan tidak dikenal.',
  createForbidden: 'Hanya pegawai yang bersangkutan, admin, atau sistem yang dapat membuat SKP ini.',
  ownerOnly: 'Hanya pegawai pemilik SKP yang dapat mengubah atau mengajukan SKP ini.',
  penilaiOnly: 'Hanya pejabat penilai kinerja pada periode SKP ini yang dapat melakukan tindakan ini.',
  notSelf: 'Pegawai tidak dapat menilai atau menyetujui SKP-nya sendiri, termasuk saat menjabat PLT/PLH atasannya.',
  notEditable: 'SKP tidak dapat diubah pada status ini.',
  closed: 'SKP sudah ditutup.',
  rhkExists: 'RHK dengan kode ini sudah ada.',
  rhkUnknown: 'RHK tidak ditemukan pada SKP ini.',
  rhkText: 'Uraian RHK wajib diisi.',
  rhkJenis: 'Jenis RHK harus UTAMA atau TAMBAHAN.',
  perspektifRequired: 'RHK pejabat pimpinan tinggi wajib memiliki salah satu dari empat perspektif.',
  perspektifJptOnly: 'Perspektif hanya digunakan pada SKP pejabat pimpinan tinggi.',
  perspektifInvalid: 'Perspektif harus PENERIMA_LAYANAN, PROSES_BISNIS, PENGUATAN_INTERNAL, atau ANGGARAN.',
  jptLink: 'RHK pejabat pimpinan tinggi diturunkan dari Perjanjian Kinerja unit.',
  linkUnknown: 'RHK atasan yang diintervensi tidak ditemukan.',
  linkInvalid: 'Tautan ke Perjanjian Kinerja wajib menyebut dokumen dan sasarannya.',
  linkNotSuperior: 'RHK yang diintervensi harus milik atasan langsung (pejabat penilai) pada periode ini.',
  linkSelf: 'RHK tidak dapat mengintervensi RHK pada SKP yang sama.',
  ikiRequired: 'Setiap RHK wajib memiliki minimal satu indikator kinerja individu (IKI).',
  ikiDuplicate: 'Kode IKI harus unik dalam satu SKP.',
  ikiSourceInvalid: 'Sumber data IKI tidak valid: pilih layanan (dengan kode layanan) atau pengaduan, dan ukurannya.',
  ikiSourceTarget: 'IKI yang dihitung dari catatan layanan atau pengaduan harus memiliki target kuantitatif.',
  ikiSourceLower: 'Untuk rata-rata waktu penyelesaian, nilai yang lebih rendah lebih baik (LOWER_IS_BETTER).',
  ikiSourceHigher: 'Untuk persentase atau jumlah, nilai yang lebih tinggi lebih baik (HIGHER_IS_BETTER).',
  ikiSourcePercent: 'Target persentase paling besar 100.',
  ikiText: 'Uraian IKI wajib diisi.',
  ikiAspect: 'Aspek IKI harus KUANTITAS, KUALITAS, WAKTU, atau BIAYA.',
  ikiDirection: 'Arah IKI harus HIGHER_IS_BETTER (makin tinggi makin baik) atau LOWER_IS_BETTER (makin rendah makin baik).',
  periodTargetPeriod: 'Target periodik harus untuk periode (mis. 2026-S1, 2026-Q2, 2026-M04) di dalam periode SKP, masing-masing sekali.',
  periodTargetKind: 'Target periodik harus sejenis dengan target tahunan IKI (angka dan satuan yang sama, atau uraian).',
  noPejabatPenilai: 'Pegawai belum memiliki pejabat penilai kinerja pada periode SKP ini, sehingga SKP tidak dapat disetujui. Hubungi admin OPD.',
  notWithdrawable: 'Hanya SKP yang sedang diajukan dan belum diputuskan yang dapat ditarik kembali.',
  targetInvalid: 'Target harus berupa angka dan satuan, atau uraian kualitatif.',
  targetQuantitative: 'Pada pendekatan kuantitatif setiap IKI wajib memiliki target berupa angka dan satuan.',
  noUtama: 'SKP wajib memiliki minimal satu RHK utama.',
  notRevised: 'SKP yang dikembalikan harus diperbaiki terlebih dahulu sebelum diajukan kembali.',
  notSubmitted: 'SKP belum diajukan.',
  notesRequired: 'Catatan pengembalian wajib diisi.',
  unresolved: (ids: string[]) => `Semua RHK harus mengintervensi RHK atasan yang sudah disetujui. Belum terselesaikan: ${ids.join('; ')}.`,
  notApproved: 'Perubahan SKP hanya dapat dimulai dari SKP yang sudah disetujui.',
  coreValue: 'Nilai BerAKHLAK tidak dikenal.',
  closeEarly: 'SKP hanya dapat ditutup karena akhir periode setelah periode berakhir.',
  closeOutside: 'Tanggal penutupan harus berada dalam periode SKP.',
  lampiran: 'Lampiran harus berupa daftar uraian yang tidak kosong.',
  adminOnly: 'Hanya admin atau sistem yang dapat menutup SKP.',
} as const;

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const today = (command: SkpCommand) => command.metadata.now.toISOString().slice(0, 10);
const at = (command: SkpCommand) => command.metadata.now.toISOString();

function existing(state: SkpState): Existing {
  if (state.status === 'NONE') throw notFound('SKP_NOT_FOUND', MSG.notFound);
  return state;
}

function requireOwner(command: SkpCommand, state: Existing): void {
  if (command.metadata.actor.id !== state.header.nip) throw forbidden('SKP_OWNER_ONLY', MSG.ownerOnly);
}

/** Only the pejabat penilai of the period acts for the supervisor — never the employee, even as their superior's PLT. */
function requirePejabatPenilai(command: SkpCommand, state: Existing, pejabatPenilaiNip: string | null): void {
  const actor = command.metadata.actor.id;
  if (actor === state.header.nip) throw forbidden('SKP_SELF_APPROVAL', MSG.notSelf);
  if (pejabatPenilaiNip === null || actor !== pejabatPenilaiNip) throw forbidden('SKP_PEJABAT_PENILAI_ONLY', MSG.penilaiOnly);
}

const EDITABLE: readonly SkpStatus[] = ['DRAFT', 'RETURNED', 'REVISED', 'AMENDING'];

function requireEditable(state: Existing): void {
  if (state.status === 'CLOSED') throw conflict('SKP_CLOSED', MSG.closed);
  if (!EDITABLE.includes(state.status)) throw conflict('SKP_NOT_EDITABLE', MSG.notEditable);
}

function validateTarget(target: Rhk['indicators'][number]['target']): void {
  const ok =
    target &&
    ((target.kind === 'QUANTITATIVE' && Number.isFinite(target.value) && target.value >= 0 && text(target.unit)) ||
      (target.kind === 'QUALITATIVE' && text(target.description)));
  if (!ok) throw invalid('IKI_TARGET_INVALID', MSG.targetInvalid, 'target');
}

function validateRhk(command: AddRhk | ReviseRhk, state: Existing): void {
  const { rhk } = command.data;
  const { linkLookup } = command.lookups;
  const jpt = isJpt(state.header.positionKind);
  if (!text(rhk.rhkId)) throw invalid('RHK_ID_REQUIRED', MSG.rhkUnknown, 'rhkId');
  if (!text(rhk.text)) throw invalid('RHK_TEXT_REQUIRED', MSG.rhkText, 'text');
  if (!RHK_JENIS.includes(rhk.jenis)) throw invalid('RHK_JENIS_INVALID', MSG.rhkJenis, 'jenis');
  if (jpt) {
    if (rhk.perspektif === null) throw invalid('RHK_PERSPEKTIF_REQUIRED', MSG.perspektifRequired, 'perspektif');
    if (!PERSPEKTIF.includes(rhk.perspektif)) throw invalid('RHK_PERSPEKTIF_INVALID', MSG.perspektifInvalid, 'perspektif');
    if (rhk.link !== null && rhk.link.kind !== 'PERJANJIAN_KINERJA') throw invalid('RHK_JPT_LINK', MSG.jptLink, 'link');
  } else if (rhk.perspektif !== null) {
    throw invalid('RHK_PERSPEKTIF_JPT_ONLY', MSG.perspektifJptOnly, 'perspektif');
  }
  if (rhk.link?.kind === 'PERJANJIAN_KINERJA' && !(text(rhk.link.perjanjianKinerjaId) && text(rhk.link.sasaranId)))
    throw invalid('RHK_LINK_INVALID', MSG.linkInvalid, 'link');
  if (rhk.link?.kind === 'ATASAN_RHK') {
    if (rhk.link.skpId === state.header.skpId) throw invalid('RHK_LINK_SELF', MSG.linkSelf, 'link');
    if (!linkLookup?.targetExists) throw invalid('RHK_LINK_TARGET_UNKNOWN', MSG.linkUnknown, 'link');
    if (!linkLookup.targetOwnedByPejabatPenilai) throw invalid('RHK_LINK_NOT_SUPERIOR', MSG.linkNotSuperior, 'link');
  }
  if (!Array.isArray(rhk.indicators) || rhk.indicators.length === 0) throw invalid('RHK_IKI_REQUIRED', MSG.ikiRequired, 'indicators');
  const otherIkiIds = new Set(state.rhk.filter((r) => r.rhkId !== rhk.rhkId).flatMap((r) => r.indicators.map((i) => i.ikiId)));
  const seen = new Set<string>();
  for (const iki of rhk.indicators) {
    if (!text(iki.ikiId) || seen.has(iki.ikiId) || otherIkiIds.has(iki.ikiId)) throw invalid('IKI_ID_DUPLICATE', MSG.ikiDuplicate, 'ikiId');
    seen.add(iki.ikiId);
    if (!ASPEK.includes(iki.aspect)) throw invalid('IKI_ASPECT_INVALID', MSG.ikiAspect, 'aspect');
    if (!text(iki.indicator)) throw invalid('IKI_TEXT_REQUIRED', MSG.ikiText, 'indicator');
    if (iki.direction !== undefined && !DIRECTIONS.includes(iki.direction)) throw invalid('IKI_DIRECTION_INVALID', MSG.ikiDirection, 'direction');
    validateTarget(iki.target);
    validatePeriodTargets(iki, state.header);
    if (iki.source !== undefined) validateIkiSource(iki);
  }
}

/**
 * An IKI computed from service records or complaints (issue 19): a number, so its target is
 * quantitative, and its direction is the measure's (a mean time is better lower; a share or a
 * count higher). A share is a percentage.
 */
function validateIkiSource(iki: Iki): void {
  const source = iki.source!;
  const measures: readonly string[] = source.kind === 'SERVICE_STANDARD' ? SERVICE_MEASURES : source.kind === 'COMPLAINT_SLA' ? COMPLAINT_MEASURES : [];
  if (!measures.includes(source.measure)) throw invalid('IKI_SOURCE_INVALID', MSG.ikiSourceInvalid, 'source');
  if (source.kind === 'SERVICE_STANDARD' && !text(source.serviceCode)) throw invalid('IKI_SOURCE_INVALID', MSG.ikiSourceInvalid, 'source');
  if (iki.target.kind !== 'QUANTITATIVE') throw invalid('IKI_SOURCE_TARGET', MSG.ikiSourceTarget, 'target');
  const lower = source.measure === 'AVERAGE_TIME';
  const direction = iki.direction ?? defaultDirection(iki.aspect);
  if (direction !== (lower ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER')) throw invalid('IKI_SOURCE_DIRECTION', lower ? MSG.ikiSourceLower : MSG.ikiSourceHigher, 'direction');
  if ((source.measure === 'PERCENT_WITHIN_STANDARD' || source.measure === 'PERCENT_WITHIN_SLA') && iki.target.value > 100)
    throw invalid('IKI_SOURCE_TARGET', MSG.ikiSourcePercent, 'target');
}

/** Period targets name periods of the vocabulary inside the SKP's period, once each, with a target like the annual one. */
function validatePeriodTargets(iki: Iki, header: SkpHeader): void {
  const seen = new Set<string>();
  for (const pt of iki.periodTargets ?? []) {
    const period = parsePeriod(pt?.periodId);
    if (!period || period.kind === 'ANNUAL' || seen.has(period.id) || period.end < header.periodStart || period.start > header.periodEnd)
      throw invalid('IKI_PERIOD_TARGET_PERIOD_INVALID', MSG.periodTargetPeriod, 'periodTargets');
    seen.add(period.id);
    validateTarget(pt.target);
    const sameKind =
      pt.target.kind === iki.target.kind && (pt.target.kind !== 'QUANTITATIVE' || iki.target.kind !== 'QUANTITATIVE' || pt.target.unit.trim() === iki.target.unit.trim());
    if (!sameKind) throw invalid('IKI_PERIOD_TARGET_KIND', MSG.periodTargetKind, 'periodTargets');
  }
}

/** The RHK as the event records it: every IKI with its direction (the aspect's default when not given) and period targets. */
const completeRhk = (rhk: Rhk): Rhk => rhkWithDefaults(rhk);

function perilakuOf(state: Existing): PerilakuKerja[] {
  return CORE_VALUES.map((coreValue) => ({
    coreValue,
    label: BERAKHLAK[coreValue].label,
    panduanPerilaku: [...BERAKHLAK[coreValue].panduanPerilaku],
    ekspektasiKhusus: state.ekspektasiKhusus[coreValue] ?? null,
  }));
}

function decideCreate(command: CreateSkp, state: SkpState): SkpEvent[] {
  const { skpId, approach, ...header } = command.data;
  const { otherSkpsOfEmployee } = command.lookups;
  const { actor } = command.metadata;
  const allowed =
    actor.id === header.nip ||
    actor.role === 'SYSTEM' ||
    actor.role === 'ADMIN_CITY' ||
    (actor.role === 'ADMIN_OPD' && actor.agencyId === header.agencyId);
  if (!allowed) throw forbidden('SKP_CREATE_FORBIDDEN', MSG.createForbidden);
  if (state.status !== 'NONE') throw conflict('SKP_EXISTS', MSG.exists);
  const { periodStart, periodEnd } = header;
  if (!isIsoDate(periodStart) || !isIsoDate(periodEnd) || periodEnd < periodStart || periodStart.slice(0, 4) !== periodEnd.slice(0, 4))
    throw invalid('SKP_PERIOD_INVALID', MSG.invalidPeriod, 'periodStart');
  if (!APPROACHES.includes(approach)) throw invalid('SKP_APPROACH_INVALID', MSG.invalidApproach, 'approach');
  if (!POSITION_KINDS.includes(header.positionKind)) throw invalid('POSITION_KIND_INVALID', MSG.invalidKind, 'positionKind');
  const period = { from: periodStart, to: periodEnd };
  if (otherSkpsOfEmployee.some((o) => o.skpId !== skpId && overlaps(period, { from: o.periodStart, to: o.periodEnd })))
    throw conflict('SKP_PERIOD_OVERLAP', MSG.periodOverlap);
  return [{ type: 'SkpCreated', data: { skpId, ...header, approach, createdAt: at(command), createdBy: actor.id } }];
}

function decideSubmit(command: SubmitSkp, state: Existing): SkpEvent[] {
  requireOwner(command, state);
  if (state.status === 'RETURNED') throw conflict('SKP_NOT_REVISED', MSG.notRevised);
  requireEditable(state);
  if (!state.rhk.some((r) => r.jenis === 'UTAMA')) throw invalid('SKP_NO_RHK_UTAMA', MSG.noUtama, 'rhk');
  if (state.rhk.some((r) => r.indicators.length === 0)) throw invalid('RHK_IKI_REQUIRED', MSG.ikiRequired, 'indicators');
  if (state.approach === 'KUANTITATIF' && state.rhk.some((r) => r.indicators.some((i) => i.target.kind !== 'QUANTITATIVE')))
    throw invalid('SKP_TARGET_NOT_QUANTITATIVE', MSG.targetQuantitative, 'target');
  if (command.lookups.pejabatPenilaiNip === null) throw conflict('SKP_NO_PEJABAT_PENILAI', MSG.noPejabatPenilai);
  const unresolved = unresolvedLinks(state.rhk, isJpt(state.header.positionKind), (k) => command.lookups.linkTargets[k]);
  if (unresolved.length > 0) throw conflict('SKP_LINKS_UNRESOLVED', MSG.unresolved(unresolved.map((u) => `${u.rhkId} (${u.flag}) ${LINK_REASON[u.flag]}`)));
  return [{ type: 'SkpSubmitted', data: { skpId: state.header.skpId, nip: state.header.nip, version: state.versions.length + 1, submittedAt: at(command) } }];
}

function decideApprove(command: ApproveSkp, state: Existing): SkpEvent[] {
  requirePejabatPenilai(command, state, command.lookups.pejabatPenilaiNip);
  if (state.status !== 'SUBMITTED') throw conflict('SKP_NOT_SUBMITTED', MSG.notSubmitted);
  const unresolved = unresolvedLinks(state.rhk, isJpt(state.header.positionKind), (k) => command.lookups.linkTargets[k]);
  if (unresolved.length > 0)
    throw conflict('SKP_LINKS_UNRESOLVED', MSG.unresolved(unresolved.map((u) => `${u.rhkId} (${u.flag}) ${LINK_REASON[u.flag]}`)));
  const document: SkpDocument = {
    ...state.header,
    version: state.versions.length + 1,
    approach: state.approach,
    rhk: state.rhk,
    perilaku: perilakuOf(state),
    lampiran: state.lampiran,
    approvedBy: command.metadata.actor.id,
    approvedAt: at(command),
  };
  return [state.versions.length === 0 ? { type: 'SkpApproved', data: { skpId: state.header.skpId, document } } : { type: 'SkpAmended', data: { skpId: state.header.skpId, document } }];
}

function decideClose(command: CloseSkp, state: Existing): SkpEvent[] {
  const { actor } = command.metadata;
  const admin = actor.role === 'SYSTEM' || actor.role === 'ADMIN_CITY' || (actor.role === 'ADMIN_OPD' && actor.agencyId === state.header.agencyId);
  if (!admin) throw forbidden('SKP_CLOSE_FORBIDDEN', MSG.adminOnly);
  const { reason, closedOn } = command.data;
  if (state.status === 'CLOSED') {
    if (state.header.periodEnd === closedOn) return [];
    throw conflict('SKP_CLOSED', MSG.closed);
  }
  if (!isIsoDate(closedOn)) throw invalid('SKP_CLOSE_DATE_INVALID', MSG.closeOutside, 'closedOn');
  if (reason === 'PERIOD_ENDED') {
    if (closedOn !== state.header.periodEnd || today(command) <= state.header.periodEnd) throw conflict('SKP_PERIOD_NOT_ENDED', MSG.closeEarly);
  } else if (closedOn < state.header.periodStart || closedOn > state.header.periodEnd) {
    throw invalid('SKP_CLOSE_DATE_INVALID', MSG.closeOutside, 'closedOn');
  }
  return [{ type: 'SkpClosed', data: { skpId: state.header.skpId, nip: state.header.nip, closedOn, reason, closedAt: at(command) } }];
}

export function decide(command: SkpCommand, state: SkpState): SkpEvent[] {
  if (command.type === 'CreateSkp') return decideCreate(command, state);
  const s = existing(state);
  const skpId = s.header.skpId;
  switch (command.type) {
    case 'ChangeApproach': {
      requireOwner(command, s);
      requireEditable(s);
      if (!APPROACHES.includes(command.data.approach)) throw invalid('SKP_APPROACH_INVALID', MSG.invalidApproach, 'approach');
      if (command.data.approach === s.approach) return [];
      return [{ type: 'SkpApproachChanged', data: { skpId, approach: command.data.approach, changedAt: at(command) } }];
    }
    case 'AddRhk': {
      requireOwner(command, s);
      requireEditable(s);
      if (s.rhk.some((r) => r.rhkId === command.data.rhk.rhkId)) throw conflict('RHK_EXISTS', MSG.rhkExists);
      validateRhk(command, s);
      return [{ type: 'RhkAdded', data: { skpId, rhk: completeRhk(command.data.rhk), addedAt: at(command) } }];
    }
    case 'ReviseRhk': {
      requireOwner(command, s);
      requireEditable(s);
      if (!s.rhk.some((r) => r.rhkId === command.data.rhk.rhkId)) throw notFound('RHK_NOT_FOUND', MSG.rhkUnknown);
      validateRhk(command, s);
      return [{ type: 'RhkRevised', data: { skpId, rhk: completeRhk(command.data.rhk), revisedAt: at(command) } }];
    }
    case 'RemoveRhk': {
      requireOwner(command, s);
      requireEditable(s);
      if (!s.rhk.some((r) => r.rhkId === command.data.rhkId)) throw notFound('RHK_NOT_FOUND', MSG.rhkUnknown);
      return [{ type: 'RhkRemoved', data: { skpId, rhkId: command.data.rhkId, removedAt: at(command) } }];
    }
    case 'SetLampiran': {
      requireOwner(command, s);
      requireEditable(s);
      const { lampiran } = command.data;
      const lists = [lampiran?.dukunganSumberDaya, lampiran?.skemaPertanggungjawaban, lampiran?.konsekuensi];
      if (!lists.every((l) => Array.isArray(l) && l.every(text))) throw invalid('LAMPIRAN_INVALID', MSG.lampiran, 'lampiran');
      return [{ type: 'LampiranSet', data: { skpId, lampiran, setAt: at(command) } }];
    }
    case 'SetEkspektasiKhusus': {
      requirePejabatPenilai(command, s, command.lookups.pejabatPenilaiNip);
      if (s.status === 'CLOSED') throw conflict('SKP_CLOSED', MSG.closed);
      if (s.status === 'APPROVED') throw conflict('SKP_NOT_EDITABLE', MSG.notEditable);
      const { coreValue } = command.data;
      if (!CORE_VALUES.includes(coreValue)) throw invalid('CORE_VALUE_INVALID', MSG.coreValue, 'coreValue');
      const value = text(command.data.text) ? command.data.text.trim() : null;
      if ((s.ekspektasiKhusus[coreValue] ?? null) === value) return [];
      return [{ type: 'EkspektasiKhususSet', data: { skpId, coreValue, text: value, setBy: command.metadata.actor.id, setAt: at(command) } }];
    }
    case 'SubmitSkp':
      return decideSubmit(command, s);
    case 'WithdrawSkp': {
      requireOwner(command, s);
      if (s.status !== 'SUBMITTED') throw conflict('SKP_NOT_WITHDRAWABLE', MSG.notWithdrawable);
      return [{ type: 'SkpWithdrawn', data: { skpId, nip: s.header.nip, version: s.versions.length + 1, withdrawnAt: at(command) } }];
    }
    case 'ReturnSkp': {
      requirePejabatPenilai(command, s, command.lookups.pejabatPenilaiNip);
      if (s.status !== 'SUBMITTED') throw conflict('SKP_NOT_SUBMITTED', MSG.notSubmitted);
      if (!text(command.data.notes)) throw invalid('SKP_RETURN_NOTES_REQUIRED', MSG.notesRequired, 'notes');
      return [
        {
          type: 'SkpReturned',
          data: { skpId, nip: s.header.nip, version: s.versions.length + 1, notes: command.data.notes.trim(), returnedBy: command.metadata.actor.id, returnedAt: at(command) },
        },
      ];
    }
    case 'ApproveSkp':
      return decideApprove(command, s);
    case 'StartAmendment': {
      requireOwner(command, s);
      if (s.status === 'CLOSED') throw conflict('SKP_CLOSED', MSG.closed);
      if (s.status !== 'APPROVED') throw conflict('SKP_NOT_APPROVED', MSG.notApproved);
      return [{ type: 'SkpAmendmentStarted', data: { skpId, fromVersion: s.versions.length, startedAt: at(command) } }];
    }
    case 'CloseSkp':
      return decideClose(command, s);
    default: {
      const _exhaustive: never = command;
      throw _exhaustive;
    }
  }
}

export const skpDecider: Decider<SkpCommand, SkpEvent, SkpState> = { initialState, evolve, decide };

/** The approved version in force (the latest), if any. */
export const currentVersion = (state: SkpState): SkpDocument | null =>
  state.status === 'NONE' ? null : (state.versions[state.versions.length - 1] ?? null);
