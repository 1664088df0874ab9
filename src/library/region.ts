import { placeOf, type DocumentMeta, type Region } from '../ingest/index.js';

/**
 * The configured place a library document belongs to, read from its own text, or null (a
 * provincial or national text, or one that names no place: it applies wherever it is asked).
 *
 * The header decides first: the issuer or title that starts with a place ("象山县民政局",
 * "宁波市奉化区…") gives that place, and a header naming a place that is not configured
 * ("浙江省人民政府") gives null — such a text merely mentioning a county in its body is still
 * not that county's rule. Only a header that names no place at all lets the body decide: the
 * one configured place it names more often than any other.
 */
export function regionFromText(doc: Pick<DocumentMeta, 'title' | 'issuer'>, text: string, places: readonly string[]): Region | null {
  for (const name of [doc.issuer, doc.title]) {
    if (!name) continue;
    const lead = placeOf(name);
    if (lead !== null) return places.includes(lead) ? lead : null;
  }
  // a title that names its place later ("关于慈溪市…的通知")
  const named = places.filter((p) => doc.title.includes(p) || doc.issuer?.includes(p));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) return null;
  const counts = places.map((p) => ({ p, n: text.split(p).length - 1 })).sort((a, b) => b.n - a.n);
  const [first, second] = counts;
  return first && first.n > 0 && (!second || first.n > second.n) ? first.p : null;
}
