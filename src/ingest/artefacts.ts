/*
 * Yearbook pages print a 文号 in the running header; text extraction sometimes lands it
 * inside a sentence: "让农慈党〔2018〕1号业成为". A genuine reference to another document
 * is introduced by a bracket or 《》, or followed by 文件/文: "浙政办发〔2014〕46号文件".
 * So a 文号 squeezed between two Han characters, not followed by 文, is an artefact.
 */
const INJECTED_DOC_NUMBER = /(?<=\p{Script=Han})(\p{Script=Han}{1,6}〔\d{4}〕\d{1,4}号)(?=\p{Script=Han})(?!文)/gu;

export interface ArtefactRemoval {
  text: string;
  /** Removed strings with their offsets into the input text. */
  removed: { text: string; start: number; end: number }[];
}

export function removeArtefacts(text: string): ArtefactRemoval {
  const removed: ArtefactRemoval['removed'] = [];
  const out = text.replace(INJECTED_DOC_NUMBER, (match: string, _g: string, offset: number) => {
    // Issuer prefixes start after the last Han char that cannot belong to one; keep it narrow:
    // an issuer is 1–4 chars of 慈/甬/浙/奉/象 + 党/政/办/发 etc.
    const issuer = /[慈甬浙奉象国][\p{Script=Han}]{0,4}〔/u.exec(match);
    const cut = issuer ? match.slice(issuer.index) : match;
    const keep = match.slice(0, match.length - cut.length);
    removed.push({ text: cut, start: offset + keep.length, end: offset + match.length });
    return keep;
  });
  return { text: out, removed };
}
