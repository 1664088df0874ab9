import { Readability } from '@mozilla/readability';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';

/** The charset a saved page declares (`<meta charset>` or http-equiv), read from its ASCII head. */
export function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

export function decodeHtml(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const charset = declaredCharset(bytes);
  // GB18030 reads GB2312 and GBK as well: pages often declare the older name and use the newer set
  if (charset && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(charset)) return iconv.decode(bytes, 'gb18030');
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  return bytes.toString('utf8');
}

/** Site furniture by element: never part of a document's text. */
const FURNITURE_TAGS = 'script, style, noscript, template, iframe, form, nav, header, footer, aside, button, select, object';
/** …and by the class or id government CMSes give it. */
const FURNITURE_NAME = /(^|[-_\s])(nav|navbar|menu|top|header|head|foot|footer|bottom|breadcrumb|crumb|position|location|share|sharing|related|relate|xgxw|xglj|sidebar|side|toolbar|print|copyright|banner|search|login)([-_\s\d]|$)/i;
/** A block that opens with one of these headings is a list of links, not the document. */
const LINK_LIST_HEADING = /^(相关新闻|相关链接|相关文章|相关文件|相关阅读|延伸阅读|热点新闻|推荐阅读|上一篇|下一篇)/;
/** Page chrome inside the article's own block: font-size switches, print and close links, view counters. */
const CHROME_LINE = /字体\s*[:：]?\s*[[【(（]?\s*大\s*中\s*小|^\s*(打印本页|打印|关闭窗口|关闭|返回顶部|分享到|【?打印】?|【?关闭】?)\s*$|浏览次数|访问量|阅读次数/;
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt', 'center', 'tbody', 'thead']);

/**
 * The document text of a saved government web page, one paragraph per line. The furniture rules
 * strip what they know; Readability then finds the article block among what is left (a CMS's own
 * class names for its menus, sidebars, info tables and share bars are too many to list). Where
 * Readability finds no article, or one that lost prose the page has (it took one block of a body
 * split in two), the stripped page is read whole.
 */
export function htmlToText(html: string): string {
  const stripped = withoutFurniture(html);
  const whole = textOf(stripped);
  const article = readableArticle(stripped);
  if (article === null) return whole;
  const text = textOf(article);
  return proseChars(text) >= KEEP_SHARE * proseChars(whole) ? text : whole;
}

/** Share of the page's prose Readability's article must keep to be used. */
const KEEP_SHARE = 0.9;
/** A line of running text: long, with sentence punctuation (menus, link lists, breadcrumbs and 索引号：… info rows have none). */
const PROSE_LINE = /^(?=.{16,}).*[。；，]/u;
const proseChars = (text: string) => text.split('\n').filter((l) => PROSE_LINE.test(l)).reduce((n, l) => n + l.length, 0);

function readableArticle(html: string): string | null {
  try {
    const { document } = parseHTML(html);
    // a policy is often short: the default 500-character floor would reject a five-article notice
    const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
    return article?.content ?? null;
  } catch {
    return null; // a page Readability cannot walk is read without it
  }
}

/** The page without the elements the furniture rules recognise, as HTML. */
function withoutFurniture(html: string): string {
  const $ = cheerio.load(html);
  $(FURNITURE_TAGS).remove();
  $('[class], [id]').each((_, el) => {
    const name = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (FURNITURE_NAME.test(name) && !/(content|article|zoom|text|main|detail)/i.test(name)) $(el).remove();
  });
  $('div, section, ul, dl, table').each((_, el) => {
    const first = $(el).text().trim().slice(0, 12);
    if (LINK_LIST_HEADING.test(first) && $(el).find('a').length >= 1) $(el).remove();
  });
  return $.html();
}

/** Text by blocks, one per line, the page's chrome lines (字体[大 中 小], 打印, counters) left out. */
function textOf(html: string): string {
  const $ = cheerio.load(html);
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) lines.push(current.replace(/[\s\u00a0\u3000]+/g, ' ').trim());
    current = '';
  };
  const walk = (nodes: ReturnType<typeof $>) => {
    nodes.each((_, node) => {
      if (node.type === 'text') current += (node as unknown as { data: string }).data.replace(/\s+/g, ' ');
      else if (node.type === 'tag') {
        const tag = (node as unknown as { tagName: string }).tagName.toLowerCase();
        const block = BLOCK.has(tag);
        if (block) flush();
        if (tag === 'td' || tag === 'th') current += ' ';
        walk($(node).contents());
        if (block) flush();
      }
    });
  };
  walk($('body').length ? $('body').contents() : $.root().contents());
  flush();
  return lines.filter((l) => !CHROME_LINE.test(l)).join('\n');
}
