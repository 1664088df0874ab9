/*
 * What a user types, made safe to search and to echo. Control characters (C0, DEL, C1, so
 * also ESC and its terminal sequences) and Unicode format characters (\p{Cf}: bidi embeddings,
 * overrides and isolates U+202A–202E / U+2066–2069, LRM/RLM/ALM, zero-width space/joiners, word
 * joiner, BOM, soft hyphen, tag characters) are invisible in a question but can reverse the rest
 * of a reply line, hide text, or drive a terminal, and they split words the index knows
 * ("居\u200b住证"). Line breaks and tabs become spaces; a lone surrogate (not valid UTF-8, which
 * Telegram refuses) becomes U+FFFD.
 */
const CONTROL_OR_FORMAT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\p{Cf}]/gu;
const BREAKS = /[\t\n\r\u2028\u2029]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Pure: user input without control or invisible formatting characters. */
export function cleanInput(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(BREAKS, ' ').replace(CONTROL_OR_FORMAT, '');
}
