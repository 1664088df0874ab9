/**
 * Adds `item` to `top`, the k best seen so far, best first; `ahead(a, b)`: a ranks before b.
 * A bounded insertion list: a long stream of candidates is never sorted whole.
 */
export function keepBest<T>(top: T[], item: T, k: number, ahead: (a: T, b: T) => boolean): void {
  if (k <= 0 || (top.length === k && !ahead(item, top[k - 1]!))) return;
  let at = top.length;
  while (at > 0 && ahead(item, top[at - 1]!)) at--;
  top.splice(at, 0, item);
  if (top.length > k) top.pop();
}
