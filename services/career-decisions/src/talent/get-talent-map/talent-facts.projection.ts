import { Projection } from '@kinerja/domain';
import { DisciplinaryPenalty } from '../nine-box.rules';
import { TalentFactsEvent } from '../talent-facts.decider';

export interface TalentFactsRow {
  nip: string;
  agencyId: string;
  /** The latest assessment (by date). */
  assessment: { score: number; factId: string; assessedOn: string } | null;
  penalties: DisciplinaryPenalty[];
}

export const talentFactsProjection: Projection<TalentFactsRow, TalentFactsEvent> = {
  name: 'talent_facts_view',
  handles: ['AssessmentRecorded', 'DisciplinaryPenaltyRecorded'],
  keys: (event) => [event.data.nip],
  evolve(row, event, nip) {
    const current: TalentFactsRow = row ?? { nip, agencyId: event.data.agencyId, assessment: null, penalties: [] };
    switch (event.type) {
      case 'AssessmentRecorded': {
        const { score, factId, assessedOn, agencyId } = event.data;
        if (current.assessment !== null && current.assessment.assessedOn > assessedOn) return current;
        return { ...current, agencyId, assessment: { score, factId, assessedOn } };
      }
      case 'DisciplinaryPenaltyRecorded': {
        const { factId, level, from, until } = event.data;
        return { ...current, penalties: [...current.penalties.filter((p) => p.factId !== factId), { factId, level, from, until }] };
      }
      default:
        return current;
    }
  },
};
