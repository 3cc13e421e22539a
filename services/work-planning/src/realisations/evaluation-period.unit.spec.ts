import { evaluationPeriod } from './evaluation-period.rules';

describe('evaluation periods (until the evaluation service copy)', () => {
  it('reads annual, semester, quarter and month ids', () => {
    expect(evaluationPeriod('2024', 10)).toMatchObject({ start: '2024-01-01', end: '2024-12-31', deadline: '2025-01-10T16:59:59.999Z' });
    expect(evaluationPeriod('2024-S2', 10)).toMatchObject({ start: '2024-07-01', end: '2024-12-31' });
    expect(evaluationPeriod('2024-Q1', 10)).toMatchObject({ start: '2024-01-01', end: '2024-03-31', deadline: '2024-04-10T16:59:59.999Z' });
    expect(evaluationPeriod('2024-02', 10)).toMatchObject({ start: '2024-02-01', end: '2024-02-29', finalized: false });
  });
  it("reads the evaluation service's period ids", () => {
    expect(evaluationPeriod('DINKES:2024:Q2', 10)).toMatchObject({ periodId: 'DINKES:2024:Q2', start: '2024-04-01', end: '2024-06-30' });
    expect(evaluationPeriod('DINKES:2024:M02', 10)).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(evaluationPeriod('DINKES:2024:ANNUAL', 10)).toMatchObject({ start: '2024-01-01', end: '2024-12-31' });
    expect(evaluationPeriod('DINKES:2024:S2', 10)).toMatchObject({ start: '2024-07-01' });
  });
  it('refuses anything else', () => {
    for (const id of ['2024-Q5', '2024-13', '24', '2024-S3', '', 'DINKES:2024:M13', 'DINKES:2024']) expect(evaluationPeriod(id, 10)).toBeNull();
  });
});
