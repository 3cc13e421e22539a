import { DirectionV1, IkiSourceV1 } from '@kinerja/contracts';
import { DomainEvent } from '@kinerja/domain';
import { IsoDate } from '../organisation/dates';
import { PositionKind } from '../organisation/organisation.events';
import { CoreValue } from './berakhlak';

/** Stream: `skp-<skpId>`; one SKP per employee per period, so `skpId` = `<nip>-<periodStart>`. */
export const skpStream = (skpId: string) => `skp-${skpId}`;
export const skpIdFor = (nip: string, periodStart: IsoDate) => `${nip}-${periodStart}`;

export const APPROACHES = ['KUANTITATIF', 'KUALITATIF'] as const;
export type Approach = (typeof APPROACHES)[number];
export const RHK_JENIS = ['UTAMA', 'TAMBAHAN'] as const;
export type RhkJenis = (typeof RHK_JENIS)[number];
export const PERSPEKTIF = ['PENERIMA_LAYANAN', 'PROSES_BISNIS', 'PENGUATAN_INTERNAL', 'ANGGARAN'] as const;
export type Perspektif = (typeof PERSPEKTIF)[number];
export const ASPEK = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const;
export type Aspek = (typeof ASPEK)[number];

export type Target =
  | { kind: 'QUANTITATIVE'; value: number; unit: string }
  | { kind: 'QUALITATIVE'; description: string };

export { DIRECTIONS, defaultDirection } from '@kinerja/contracts';
export type Direction = DirectionV1;

/** A target for one period of the SKP (`2026-S1`, `2026-Q2`, `2026-M04`), of the same kind as the annual one. */
export interface PeriodTarget {
  periodId: string;
  target: Target;
}

/**
 * Indikator Kinerja Individu. `ikiId` is unique within the SKP (realisations point at it).
 * `direction`: whether a higher or lower realisation is better; events before it existed lack it
 * and `direction` and `periodTargets` are filled in by `evolve` (`withIkiDefaults`).
 */
export interface Iki {
  ikiId: string;
  aspect: Aspek;
  indicator: string;
  /** For the SKP's whole period. */
  target: Target;
  direction: Direction;
  periodTargets: PeriodTarget[];
  /** Absent: the employee records the realisation; else it is computed from service records or complaints (issue 19). */
  source?: IkiSource;
}

export type IkiSource = IkiSourceV1;

/**
 * What an RHK intervenes on ("menginduk"): an RHK of the direct superior's SKP, or — for JPT, or
 * as a placeholder while the superior's SKP is late — a sasaran of the unit's Perjanjian Kinerja.
 * The link names the superior's SKP, not the person or the post, so it survives their moving.
 */
export type RhkLink =
  | { kind: 'ATASAN_RHK'; skpId: string; rhkId: string }
  | { kind: 'PERJANJIAN_KINERJA'; perjanjianKinerjaId: string; sasaranId: string };

export interface Rhk {
  rhkId: string;
  jenis: RhkJenis;
  text: string;
  /** null: not linked yet (flagged; blocks approval). */
  link: RhkLink | null;
  /** JPT only. */
  perspektif: Perspektif | null;
  indicators: Iki[];
}

export interface Lampiran {
  dukunganSumberDaya: string[];
  skemaPertanggungjawaban: string[];
  konsekuensi: string[];
}

export interface PerilakuKerja {
  coreValue: CoreValue;
  label: string;
  panduanPerilaku: string[];
  ekspektasiKhusus: string | null;
}

export interface SkpHeader {
  skpId: string;
  nip: string;
  agencyId: string;
  positionId: string;
  positionKind: PositionKind;
  unitId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/** The whole plan as approved: what a version is, and what `SkpApproved`/`SkpAmended` publish. */
export interface SkpDocument extends SkpHeader {
  version: number;
  approach: Approach;
  rhk: Rhk[];
  perilaku: PerilakuKerja[];
  lampiran: Lampiran;
  approvedBy: string;
  approvedAt: string;
}

export type SkpCreated = DomainEvent<'SkpCreated', SkpHeader & { approach: Approach; createdAt: string; createdBy: string }>;
export type SkpApproachChanged = DomainEvent<'SkpApproachChanged', { skpId: string; approach: Approach; changedAt: string }>;
export type RhkAdded = DomainEvent<'RhkAdded', { skpId: string; rhk: Rhk; addedAt: string }>;
export type RhkRevised = DomainEvent<'RhkRevised', { skpId: string; rhk: Rhk; revisedAt: string }>;
export type RhkRemoved = DomainEvent<'RhkRemoved', { skpId: string; rhkId: string; removedAt: string }>;
export type LampiranSet = DomainEvent<'LampiranSet', { skpId: string; lampiran: Lampiran; setAt: string }>;
export type EkspektasiKhususSet = DomainEvent<
  'EkspektasiKhususSet',
  { skpId: string; coreValue: CoreValue; text: string | null; setBy: string; setAt: string }
>;
export type SkpSubmitted = DomainEvent<'SkpSubmitted', { skpId: string; nip: string; version: number; submittedAt: string }>;
export type SkpWithdrawn = DomainEvent<'SkpWithdrawn', { skpId: string; nip: string; version: number; withdrawnAt: string }>;
export type SkpReturned = DomainEvent<
  'SkpReturned',
  { skpId: string; nip: string; version: number; notes: string; returnedBy: string; returnedAt: string }
>;
export type SkpApproved = DomainEvent<'SkpApproved', { skpId: string; document: SkpDocument }>;
export type SkpAmendmentStarted = DomainEvent<'SkpAmendmentStarted', { skpId: string; fromVersion: number; startedAt: string }>;
export type SkpAmended = DomainEvent<'SkpAmended', { skpId: string; document: SkpDocument }>;
export type SkpClosed = DomainEvent<
  'SkpClosed',
  { skpId: string; nip: string; closedOn: IsoDate; reason: 'PERIOD_ENDED' | 'ASSIGNMENT_CHANGED'; closedAt: string }
>;

export type SkpEvent =
  | SkpCreated
  | SkpApproachChanged
  | RhkAdded
  | RhkRevised
  | RhkRemoved
  | LampiranSet
  | EkspektasiKhususSet
  | SkpSubmitted
  | SkpWithdrawn
  | SkpReturned
  | SkpApproved
  | SkpAmendmentStarted
  | SkpAmended
  | SkpClosed;
