/**
 * Days left in words, the same way the backend words a certificate's
 * `statusText`, for places that only have the number (the fleet list).
 */
export function expiryText(daysLeft: number): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return daysLeft < 0
    ? `expired ${days(-daysLeft)} ago`
    : `expires in ${days(daysLeft)}`;
}

/** An ISO timestamp as its calendar date (UTC), e.g. `2026-12-17`. */
export function formatDate(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}

/** How long ago, coarse: "just now", "5 minutes ago", "3 days ago". */
export function formatAge(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
  const units: Array<[string, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}
