import { evaluationPeriod } from './evaluation-period.rules';

describe('evaluation periods (until the evaluation service copy)', () => {
  it('reads annual, semester, quarter and month ids of the one vocabulary', () => {
    expect(evaluationPeriod('2024', 10)).toMatchObject({ start: '2024-01-01', end: '2024-12-31', deadline: '2025-01-10T16:59:59.999Z' });
    expect(evaluationPeriod('2024-S2', 10)).toMatchObject({ start: '2024-07-01', end: '2024-12-31' });
    expect(evaluationPeriod('2024-Q1', 10)).toMatchObject({ start: '2024-01-01', end: '2024-03-31', deadline: '2024-04-10T16:59:59.999Z' });
    expect(evaluationPeriod('2024-M02', 10)).toMatchObject({ start: '2024-02-01', end: '2024-02-29', finalized: false });
  });
  it("refuses anything else, the evaluation service's agency calendar ids included", () => {
    for (const id of ['2024-Q5', '2024-13', '2024-02', '24', '2024-S3', '', 'DINKES:2024:M02', 'DINKES:2024:ANNUAL', 'DINKES:2024'])
      expect(evaluationPeriod(id, 10)).toBeNull();
  });
});
