import { Command, Decider, conflict, forbidden, invalid } from '@kinerja/domain';
import { IsoDate, isIsoDate } from '../organisation/dates';
import { ComputedFrom, Evidence, Outcome, RealisationEvent, RealisationRecorded } from './realisation.events';

export type TargetKind = 'QUANTITATIVE' | 'QUALITATIVE';

export type RecordRealisation = Command<
  'RecordRealisation',
  { skpId: string; periodId: string; ikiId: string; outcome: Outcome; evidence: Evidence[]; occurredOn: IsoDate },
  {
    /** The SKP's owner and the indicators of its approved version in force (null: not approved). */
    skp: { nip: string; periodStart: IsoDate; periodEnd: IsoDate; approvedIndicators: Readonly<Record<string, TargetKind>> | null; computedIndicators?: readonly string[] };
    /** The evaluation period (evaluation service's copy); `deadline` is the end of the Batas Pengisian, as a timestamp. */
    period: { start: IsoDate; end: IsoDate; deadline: string; finalized: boolean };
    /** Configuration: the largest evidence file accepted. */
    maxEvidenceFileBytes: number;
  }
>;

/**
 * The value of an IKI bound to service records or complaints, computed by the system for a period
 * (issue 19). The employee's narrative and evidence of the latest record are kept.
 */
export type RecordComputedRealisation = Command<
  'RecordComputedRealisation',
  { skpId: string; periodId: string; ikiId: string; value: number; computed: ComputedFrom; occurredOn: IsoDate },
  { skp: { nip: string }; period: { finalized: boolean } }
>;

export type RealisationCommand = RecordRealisation | RecordComputedRealisation;

export type RealisationState =
  | { status: 'EMPTY' }
  | { status: 'RECORDING'; skpId: string; periodId: string; byIki: Readonly<Record<string, readonly RealisationRecorded['data'][]>> };

export const initialState = (): RealisationState => ({ status: 'EMPTY' });

export function evolve(state: RealisationState, event: RealisationEvent): RealisationState {
  switch (event.type) {
    case 'RealisationRecorded': {
      const { skpId, periodId, ikiId } = event.data;
      const byIki = state.status === 'RECORDING' ? state.byIki : {};
      return { status: 'RECORDING', skpId, periodId, byIki: { ...byIki, [ikiId]: [...(byIki[ikiId] ?? []), event.data] } };
    }
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}

const MSG = {
  ownerOnly: 'Hanya pegawai pemilik SKP yang dapat mencatat realisasi.',
  notApproved: 'Realisasi hanya dapat dicatat pada SKP yang sudah disetujui.',
  unknownIki: 'Indikator kinerja individu tidak ada pada SKP yang disetujui.',
  finalized: 'Periode penilaian ini sudah final; realisasi tidak dapat diubah.',
  periodOutsideSkp: 'Periode realisasi harus berada dalam periode SKP.',
  occurredInvalid: 'Tanggal kejadian harus berupa tanggal yang valid di dalam periode penilaian.',
  occurredFuture: 'Tanggal kejadian tidak boleh di masa depan.',
  valueRequired: 'Indikator dengan target kuantitatif wajib diisi nilai realisasi berupa angka tidak negatif.',
  narrativeRequired: 'Indikator dengan target kualitatif wajib diisi uraian realisasi.',
  valueInvalid: 'Nilai realisasi harus berupa angka tidak negatif.',
  linkInvalid: 'Tautan bukti dukung harus berupa alamat http atau https.',
  fileInvalid: 'Berkas bukti dukung harus memiliki nama, jenis, ukuran, dan hash SHA-256 yang valid.',
  fileTooLarge: (max: number) => `Berkas bukti dukung melebihi ukuran maksimum ${max} bita.`,
  computedValue: 'Nilai indikator ini dihitung dari catatan layanan atau pengaduan; Anda dapat menambah uraian dan bukti dukung, tidak mengubah nilainya.',
} as const;

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function validEvidence(evidence: Evidence, maxBytes: number): void {
  switch (evidence.kind) {
    case 'LINK':
      if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(evidence.url ?? '')) throw invalid('EVIDENCE_LINK_INVALID', MSG.linkInvalid, 'evidence');
      return;
    case 'FILE': {
      const ok =
        /^[0-9a-f]{64}$/.test(evidence.sha256 ?? '') &&
        Number.isInteger(evidence.sizeBytes) &&
        evidence.sizeBytes > 0 &&
        text(evidence.fileName) &&
        text(evidence.mediaType);
      if (!ok) throw invalid('EVIDENCE_FILE_INVALID', MSG.fileInvalid, 'evidence');
      if (evidence.sizeBytes > maxBytes) throw invalid('EVIDENCE_TOO_LARGE', MSG.fileTooLarge(maxBytes), 'evidence');
      return;
    }
    default: {
      const _exhaustive: never = evidence;
      throw invalid('EVIDENCE_KIND_INVALID', MSG.fileInvalid, String((_exhaustive as { kind?: unknown }).kind));
    }
  }
}

/** JSON with sorted keys: recorded events come back from `jsonb` with their keys reordered. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

const sameRecord = (a: RealisationRecorded['data'], b: Pick<RealisationRecorded['data'], 'outcome' | 'evidence' | 'occurredOn'>) =>
  canonical([a.outcome, a.evidence, a.occurredOn]) === canonical([b.outcome, b.evidence, b.occurredOn]);

export function decide(command: RealisationCommand, state: RealisationState): RealisationEvent[] {
  switch (command.type) {
    case 'RecordRealisation': {
      const { skpId, periodId, ikiId, evidence, occurredOn } = command.data;
      const { skp, period, maxEvidenceFileBytes } = command.lookups;
      const { actor, now } = command.metadata;
      if (actor.id !== skp.nip) throw forbidden('REALISATION_OWNER_ONLY', MSG.ownerOnly);
      if (skp.approvedIndicators === null) throw conflict('SKP_NOT_APPROVED', MSG.notApproved);
      const targetKind = skp.approvedIndicators[ikiId];
      if (targetKind === undefined) throw invalid('IKI_UNKNOWN', MSG.unknownIki, 'ikiId');
      if (period.end < skp.periodStart || period.start > skp.periodEnd) throw invalid('REALISATION_PERIOD_OUTSIDE_SKP', MSG.periodOutsideSkp, 'periodId');
      if (period.finalized) throw conflict('PERIOD_FINALIZED', MSG.finalized);
      if (!isIsoDate(occurredOn) || occurredOn < period.start || occurredOn > period.end)
        throw invalid('REALISATION_OUTSIDE_PERIOD', MSG.occurredInvalid, 'occurredOn');
      if (occurredOn > now.toISOString().slice(0, 10)) throw invalid('REALISATION_IN_FUTURE', MSG.occurredFuture, 'occurredOn');
      const previousRecords = state.status === 'RECORDING' ? (state.byIki[ikiId] ?? []) : [];
      const computed = skp.computedIndicators?.includes(ikiId) ? (previousRecords[previousRecords.length - 1]?.computed ? previousRecords[previousRecords.length - 1] : null) : undefined;
      if (computed !== undefined && command.data.outcome?.value != null && command.data.outcome.value !== (computed?.outcome.value ?? null))
        throw invalid('REALISATION_VALUE_COMPUTED', MSG.computedValue, 'value');
      const value = computed !== undefined ? (computed?.outcome.value ?? null) : (command.data.outcome?.value ?? null);
      const narrative = text(command.data.outcome?.narrative) ? command.data.outcome.narrative.trim() : null;
      if (value !== null && !(Number.isFinite(value) && value >= 0)) throw invalid('REALISATION_VALUE_INVALID', MSG.valueInvalid, 'value');
      if (targetKind === 'QUANTITATIVE' && value === null && computed === undefined) throw invalid('REALISATION_VALUE_REQUIRED', MSG.valueRequired, 'value');
      if (targetKind === 'QUALITATIVE' && narrative === null) throw invalid('REALISATION_NARRATIVE_REQUIRED', MSG.narrativeRequired, 'narrative');
      for (const e of evidence) validEvidence(e, maxEvidenceFileBytes);

      const outcome = { value, narrative };
      const previous = state.status === 'RECORDING' ? (state.byIki[ikiId] ?? []) : [];
      const latest = previous[previous.length - 1];
      if (latest && sameRecord(latest, { outcome, evidence, occurredOn })) return [];
      const recordedAt = now.toISOString();
      return [
        {
          type: 'RealisationRecorded',
          data: {
            skpId,
            periodId,
            ikiId,
            nip: skp.nip,
            revision: previous.length + 1,
            outcome,
            evidence,
            occurredOn,
            recordedAt,
            late: now.getTime() > Date.parse(period.deadline),
            recordedBy: actor.id,
            ...(computed?.computed ? { computed: computed.computed } : {}),
          },
        },
      ];
    }
    case 'RecordComputedRealisation': {
      const { skpId, periodId, ikiId, value, computed, occurredOn } = command.data;
      if (command.lookups.period.finalized) return [];
      const previous = state.status === 'RECORDING' ? (state.byIki[ikiId] ?? []) : [];
      const latest = previous[previous.length - 1];
      if (latest?.computed && latest.outcome.value === value && latest.computed.recordCount === computed.recordCount) return [];
      return [
        {
          type: 'RealisationRecorded',
          data: {
            skpId,
            periodId,
            ikiId,
            nip: command.lookups.skp.nip,
            revision: previous.length + 1,
            outcome: { value, narrative: latest?.outcome.narrative ?? null },
            evidence: latest?.evidence ?? [],
            occurredOn: latest && latest.occurredOn > occurredOn ? latest.occurredOn : occurredOn,
            recordedAt: command.metadata.now.toISOString(),
            late: false,
            recordedBy: command.metadata.actor.id,
            computed,
          },
        },
      ];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${String((_exhaustive as { type?: unknown }).type)}`);
    }
  }
}

export const realisationDecider: Decider<RealisationCommand, RealisationEvent, RealisationState> = { initialState, evolve, decide };
