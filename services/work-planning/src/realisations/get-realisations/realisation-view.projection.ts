import { Projection } from '@kinerja/domain';
import { ComputedFrom, Evidence } from '../realisation.events';
import { RealisationEvent } from '../realisation.events';

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

export const realisationViewProjection: Projection<RealisationViewRow, RealisationEvent> = {
  name: 'work-planning.get-realisations',
  handles: ['RealisationRecorded'],
  keys: (event) => [`${event.data.skpId}/${event.data.periodId}/${event.data.ikiId}`],
  evolve(row, event, key) {
    const d = event.data;
    if (row && row.revision >= d.revision) return row;
    return {
      id: key,
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
  },
};
