/** Calendar dates in the city's time zone: one implementation for every service, in `@kinerja/domain`. */
export { addDays, daysBetween, endOfLocalDay, isLocalDate, isValidTimeZone, lastDayOfMonth, localDate, localDateOf, startOfLocalDay } from '@kinerja/domain';
export type { LocalDate } from '@kinerja/domain';
