import { annualPeriod, periodFromAssignment } from './skp-period.rules';

describe('SKP periods', () => {
  it('the annual SKP runs 1 January – 31 December', () => {
    expect(annualPeriod(2024)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
  });
  it('a mid-year assignment change starts a new SKP to the end of that year', () => {
    expect(periodFromAssignment('2024-07-15')).toEqual({ start: '2024-07-15', end: '2024-12-31' });
  });
});
