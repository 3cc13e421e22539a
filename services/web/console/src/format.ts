/** Dates as Indonesians write them ("5 Desember 2026"), in the city's time zone. */
let cityZone = 'Asia/Jakarta';

export function setCityTimeZone(zone: string): void {
  cityZone = zone;
}

export function cityTimeZone(): string {
  return cityZone;
}

/** A calendar date (YYYY-MM-DD) is a day, not an instant: no time zone shift. */
export function formatDate(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = day ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: day ? 'UTC' : cityZone }).format(date);
}

/** An instant with its time, in the city's zone, e.g. "5 Desember 2026 09.00 WIB". */
export function formatDateTime(value: string): string {
  return new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: cityZone, timeZoneName: 'short' }).format(
    new Date(value),
  );
}

/** Today in the city's time zone (YYYY-MM-DD). */
export function cityToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: cityZone }).format(new Date());
}

/** Whole days from one calendar date to another (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
