import { RULE_SET_2022_1 } from '../../rule-sets/default-rule-set';
import { ObjectionView } from './evaluation-view.projection';
import { objectionProgress } from './objection-queue.rules';

const filed: ObjectionView = { reasons: 'Tidak sesuai', atasanId: 'a', filedAt: '2027-01-20T20:00:00.000Z', dayOfWindow: 3, explanations: [], decision: null };
const withDays = { ...RULE_SET_2022_1, objection: { ...RULE_SET_2022_1.objection, decisionDays: 14 } };
const explained = (from: string) => ({ from, partyId: 'x', question: 'Mengapa?', requestedAt: '2027-01-22T03:00:00.000Z', explanation: 'Karena.', givenAt: '2027-01-23T03:00:00.000Z' });

describe('the atasan’s keberatan queue: stage and deadline', () => {
  it('asks for the explanations the rule set requires first; 2022.1 sets no deadline', () => {
    expect(objectionProgress(filed, RULE_SET_2022_1, '2027-01-25', 'Asia/Jakarta')).toEqual({
      stage: 'ASK_EXPLANATIONS',
      stageLabel: 'Minta penjelasan',
      toAsk: ['PEJABAT_PENILAI', 'PEGAWAI'],
      awaitingExplanationFrom: [],
      decideBy: null,
      overdue: false,
    });
    const asked = { ...filed, explanations: [{ from: 'PEGAWAI', partyId: 'x', question: 'Mengapa?', requestedAt: '2027-01-22T03:00:00.000Z' }, explained('PEJABAT_PENILAI')] };
    expect(objectionProgress(asked, RULE_SET_2022_1, '2027-01-25', 'Asia/Jakarta')).toMatchObject({ stage: 'READY_TO_DECIDE', toAsk: [], awaitingExplanationFrom: ['PEGAWAI'] });
  });

  it('is ready once both explained, and counts the deadline from the local filing day', () => {
    const ready = { ...filed, explanations: [explained('PEJABAT_PENILAI'), explained('PEGAWAI')] };
    // Filed 21 January 03:00 in Jakarta: 14 days later is 4 February.
    expect(objectionProgress(ready, withDays, '2027-02-04', 'Asia/Jakarta')).toMatchObject({ stage: 'READY_TO_DECIDE', stageLabel: 'Siap diputuskan', decideBy: '2027-02-04', overdue: false });
    expect(objectionProgress(ready, withDays, '2027-02-05', 'Asia/Jakarta')).toMatchObject({ overdue: true });
  });

  it('is never overdue once decided', () => {
    const decided = { ...filed, decision: { outcome: 'KEEP' as const, reasons: 'Tetap', decidedBy: 'a', decidedAt: '2027-02-10T03:00:00.000Z', previous: { ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', predicate: 'BAIK' } } };
    expect(objectionProgress(decided, withDays, '2027-03-01', 'Asia/Jakarta')).toMatchObject({ stage: 'DECIDED', overdue: false });
  });
});
