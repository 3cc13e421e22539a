import { DomainEvent } from '@kinerja/domain';
import { IsoDate } from '../organisation/dates';
import type { IkiSource } from '../skps/skp.events';

/** Stream: `realisations-<skpId>-<periodId>`: the realisations of one SKP in one evaluation period. */
export const realisationStream = (skpId: string, periodId: string) => `realisations-${skpId}-${periodId}`;

/** Bukti dukung: a link, or a file stored elsewhere by content hash. */
export type Evidence =
  | { kind: 'LINK'; url: string; title: string | null }
  | { kind: 'FILE'; sha256: string; sizeBytes: number; fileName: string; mediaType: string };

/** The realised value (quantitative targets) and/or a narrative (required for qualitative targets). */
export interface Outcome {
  value: number | null;
  narrative: string | null;
}

export type RealisationRecorded = DomainEvent<
  'RealisationRecorded',
  {
    skpId: string;
    periodId: string;
    ikiId: string;
    nip: string;
    /** 1 for the first record of this indicator in this period; every correction is kept. */
    revision: number;
    outcome: Outcome;
    evidence: Evidence[];
    /** When it happened, as the employee says. */
    occurredOn: IsoDate;
    /** When it was recorded (the command's clock). */
    recordedAt: string;
    /** Recorded after the period's deadline: allowed, but marked. */
    late: boolean;
    recordedBy: string;
    /** Present when the value was computed from service records or complaints (issue 19), not typed. */
    computed?: ComputedFrom;
  }
>;

/** What a computed value was computed from: the IKI's source, over how many records, when. */
export interface ComputedFrom {
  source: IkiSource;
  recordCount: number;
  computedAt: string;
}

export type RealisationEvent = RealisationRecorded;
