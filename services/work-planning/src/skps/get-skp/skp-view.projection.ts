import { Projection } from '@kinerja/domain';
import { evolve, initialState, SkpState, SkpStatus } from '../skp.decider';
import { SkpEvent } from '../skp.events';

/**
 * One row per SKP: the header columns the board and completion queries filter on, and the whole
 * decider state (working copy, ekspektasi, lampiran, every approved version) as JSON, folded with
 * the decider's own `evolve` so the read side and the write side can never disagree.
 */
export interface SkpViewRow {
  skpId: string;
  nip: string;
  agencyId: string;
  periodStart: string;
  periodEnd: string;
  status: SkpStatus;
  versions: number;
  /** The stream revision last applied: a replayed event is skipped, so the fold stays exact. */
  revision: number;
  state: SkpState;
  updatedAt: Date;
}

const ALL: SkpEvent['type'][] = [
  'SkpCreated',
  'SkpApproachChanged',
  'RhkAdded',
  'RhkRevised',
  'RhkRemoved',
  'LampiranSet',
  'EkspektasiKhususSet',
  'SkpSubmitted',
  'SkpWithdrawn',
  'SkpReturned',
  'SkpApproved',
  'SkpAmendmentStarted',
  'SkpAmended',
  'SkpClosed',
];

export const skpViewProjection: Projection<SkpViewRow, SkpEvent> = {
  name: 'work-planning.get-skp',
  handles: ALL,
  keys: (event) => [event.data.skpId],
  evolve(row, event) {
    if (row && event.revision <= row.revision) return row;
    const state = evolve(row?.state ?? initialState(), event);
    if (state.status === 'NONE') return row;
    return {
      skpId: state.header.skpId,
      nip: state.header.nip,
      agencyId: state.header.agencyId,
      periodStart: state.header.periodStart,
      periodEnd: state.header.periodEnd,
      status: state.status,
      versions: state.versions.length,
      revision: event.revision,
      state,
      updatedAt: event.recordedAt,
    };
  },
};
