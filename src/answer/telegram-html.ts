/*
 * Telegram's HTML parse mode (core.telegram.org/bots/api#html-style): a small set of tags,
 * properly nested, and every <, > and & that is not part of a tag or entity escaped. Telegram
 * refuses the whole message otherwise, so a template that breaks this breaks every answer.
 */
const PLAIN_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'tg-spoiler', 'code', 'pre']);
/** Tags with the attributes Telegram reads; anything else in the tag is refused. */
const ATTRIBUTE_TAGS: Record<string, RegExp> = {
  a: /^\s+href="[^"<>]*"\s*$/,
  span: /^\s+class="tg-spoiler"\s*$/,
  'tg-emoji': /^\s+emoji-id="\d+"\s*$/,
  blockquote: /^(\s+expandable)?\s*$/,
  code: /^(\s+class="language-[\w+-]+")?\s*$/,
};
const NAMED_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot']);
const TOKEN = /<(\/?)([a-z][a-z-]*)([^<>]*)>|&(#\d+|#x[0-9a-f]+|[a-z]+);|[<>&]/gi;

/** Pure: why `html` would be refused in Telegram's HTML parse mode, or null if it is valid. */
export function telegramHtmlProblem(html: string): string | null {
  const open: string[] = [];
  for (const m of html.matchAll(TOKEN)) {
    const at = `at ${m.index}`;
    const [whole, closing, rawName, attrs = '', entity] = m;
    if (entity !== undefined) {
      if (!entity.startsWith('#') && !NAMED_ENTITIES.has(entity.toLowerCase())) return `unknown entity &${entity}; ${at}`;
      continue;
    }
    if (rawName === undefined) return `unescaped "${whole}" ${at} (write ${whole === '<' ? '&lt;' : whole === '>' ? '&gt;' : '&amp;'})`;
    const name = rawName.toLowerCase();
    if (closing) {
      if (attrs.trim()) return `closing tag </${name}> with attributes ${at}`;
      if (open.pop() !== name) return `</${name}> does not close the open tag ${at}`;
      continue;
    }
    const attrRule = ATTRIBUTE_TAGS[name];
    if (attrRule ? !attrRule.test(attrs) : !PLAIN_TAGS.has(name) || attrs.trim()) return `tag <${name}${attrs}> not allowed by Telegram ${at}`;
    open.push(name);
  }
  return open.length ? `<${open[open.length - 1]}> is never closed` : null;
}
