import { Projection } from '@kinerja/domain';
import { SurveyEvent } from '../survey.events';

/** IKM per unit and period: the latest revision, or the period still open with its response count. */
export interface IkmResultRow {
  key: string;
  unitId: string;
  periodId: string;
  agencyId: string;
  status: 'OPEN' | 'COMPUTED' | 'NOT_COMPUTED';
  responseCount: number;
  revision: number;
  ikm: string | null;
  grade: string | null;
  label: string | null;
  respondentCount: number | null;
  weight: string | null;
  ruleSetVersion: string | null;
  notComputedReason: string | null;
  computedAt: Date | null;
}

export const ikmResultKey = (unitId: string, periodId: string): string => `${unitId}/${periodId}`;

export const ikmResultProjection: Projection<IkmResultRow, SurveyEvent> = {
  name: 'feedback-intake.get-ikm',
  handles: ['SurveyPeriodOpened', 'SurveyResponseRecorded', 'IkmComputed', 'IkmNotComputed'],
  keys: (event) => [ikmResultKey(event.data.unitId, event.data.periodId)],
  evolve(row, event, key) {
    switch (event.type) {
      case 'SurveyPeriodOpened': {
        const { unitId, periodId, agencyId } = event.data;
        return {
          key,
          unitId,
          periodId,
          agencyId,
          status: 'OPEN',
          responseCount: 0,
          revision: 0,
          ikm: null,
          grade: null,
          label: null,
          respondentCount: null,
          weight: null,
          ruleSetVersion: null,
          notComputedReason: null,
          computedAt: null,
        };
      }
      case 'SurveyResponseRecorded':
        return row && { ...row, responseCount: row.responseCount + 1 };
      case 'IkmComputed': {
        const d = event.data;
        return (
          row && {
            ...row,
            status: 'COMPUTED',
            revision: d.revision,
            ikm: d.ikm,
            grade: d.grade,
            label: d.label,
            respondentCount: d.respondentCount,
            weight: d.weight,
            ruleSetVersion: d.ruleSetVersion,
            notComputedReason: null,
            computedAt: new Date(d.computedAt),
          }
        );
      }
      case 'IkmNotComputed': {
        const d = event.data;
        return (
          row && {
            ...row,
            status: 'NOT_COMPUTED',
            revision: d.revision,
            ikm: null,
            grade: null,
            label: null,
            respondentCount: d.respondentCount,
            weight: null,
            ruleSetVersion: d.ruleSetVersion,
            notComputedReason: d.reason,
            computedAt: new Date(d.computedAt),
          }
        );
      }
      default:
        return row;
    }
  },
};
