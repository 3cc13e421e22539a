import { Projection } from '@kinerja/domain';
import { ComputedFrom, Evidence, RealisationEvent, RealisationRecorded } from '../realisation.events';

/** The latest realisation of each indicator in each period, with how many revisions it had. */
export interface RealisationViewRow {
  id: string;
  skpId: string;
  periodId: string;
  ikiId: string;
  nip: string;
  revision: number;
  value: number | null;
  narrative: string | null;
  evidence: Evidence[];
  occurredOn: string;
  recordedAt: Date;
  late: boolean;
  /** Set when the value was computed from service records or complaints. */
  computed: ComputedFrom | null;
}

const realisationKey = (d: Pick<RealisationRecorded['data'], 'skpId' | 'periodId' | 'ikiId'>) => `${d.skpId}/${d.periodId}/${d.ikiId}`;

/** The row of a record (the latest of its indicator in its period); also a recorded realisation's answer. */
export function realisationRow(d: RealisationRecorded['data']): RealisationViewRow {
  return {
    id: realisationKey(d),
    skpId: d.skpId,
    periodId: d.periodId,
    ikiId: d.ikiId,
    nip: d.nip,
    revision: d.revision,
    value: d.outcome.value,
    narrative: d.outcome.narrative,
    evidence: d.evidence,
    occurredOn: d.occurredOn,
    recordedAt: new Date(d.recordedAt),
    late: d.late,
    computed: d.computed ?? null,
  };
}

export const realisationViewProjection: Projection<RealisationViewRow, RealisationEvent> = {
  name: 'work-planning.get-realisations',
  handles: ['RealisationRecorded'],
  keys: (event) => [realisationKey(event.data)],
  evolve(row, event) {
    if (row && row.revision >= event.data.revision) return row;
    return realisationRow(event.data);
  },
};
