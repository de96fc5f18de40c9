/**
 * "1,234,567": digits grouped by three with commas, as en-US writes them. Hand-written because
 * `toLocaleString('en-US')` initialises ICU on its first call (about 20–35 ms), which the
 * extension would pay at activation (message constants) or in the middle of a run report.
 */
export function groupDigits(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
