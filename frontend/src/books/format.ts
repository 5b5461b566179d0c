/** Dates as the API sends them (ISO), shown in the reader's locale. */

export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(undefined, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

export function formatDateTime(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime()) ? isoDateTime : date.toLocaleString();
}

/** The day of an ISO date-time, in the reader's locale and time zone. */
export function formatDayOf(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime())
    ? isoDateTime
    : date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}
