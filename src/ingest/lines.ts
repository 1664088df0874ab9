/** One non-blank line of a source file, trimmed, with its offsets into the file's text. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    lines.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return lines;
}
