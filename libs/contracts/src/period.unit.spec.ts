import { isPeriodId, parsePeriod, periodContaining, periodOfEvaluationCode, periodWithin } from './period';

describe('the period vocabulary', () => {
  it('names the year, semesters, quarters and months', () => {
    expect(parsePeriod('2026')).toEqual({ id: '2026', year: 2026, kind: 'ANNUAL', index: 1, start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2026-S2')).toMatchObject({ kind: 'SEMESTER', index: 2, start: '2026-07-01', end: '2026-12-31' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ kind: 'QUARTER', index: 1, start: '2026-01-01', end: '2026-03-31' });
    expect(parsePeriod('2024-M02')).toMatchObject({ kind: 'MONTH', index: 2, start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2026-M12')).toMatchObject({ start: '2026-12-01', end: '2026-12-31' });
  });

  it('refuses every other form', () => {
    for (const id of ['2026-S3', '2026-Q5', '2026-M13', '2026-M1', '2026-03', '26', 'DINKES:2026:S1', '2026:ANNUAL', ' 2026', '', 2026, null])
      expect([id, isPeriodId(id), parsePeriod(id)]).toEqual([id, false, null]);
  });

  it("maps the evaluation calendar's codes", () => {
    expect(periodOfEvaluationCode(2026, 'ANNUAL')).toBe('2026');
    expect(periodOfEvaluationCode(2026, 'S1')).toBe('2026-S1');
    expect(periodOfEvaluationCode(2026, 'M07')).toBe('2026-M07');
    expect(periodOfEvaluationCode(2026, 'X')).toBeNull();
  });

  it('knows which periods lie within another and which contains a day', () => {
    const year = parsePeriod('2026')!;
    expect(periodWithin(parsePeriod('2026-Q3')!, year)).toBe(true);
    expect(periodWithin(parsePeriod('2026-S1')!, parsePeriod('2026-Q2')!)).toBe(false);
    expect(periodWithin(parsePeriod('2026-S2')!, { start: '2026-03-01', end: '2026-12-31' })).toBe(true);
    expect(periodContaining('2026-05-02', 'SEMESTER')).toBe('2026-S1');
    expect(periodContaining('2026-10-31', 'QUARTER')).toBe('2026-Q4');
    expect(periodContaining('2026-10-31', 'MONTH')).toBe('2026-M10');
    expect(periodContaining('2026-10-31', 'ANNUAL')).toBe('2026');
  });
});
