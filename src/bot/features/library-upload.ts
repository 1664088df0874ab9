import { Composer, InlineKeyboard } from 'grammy';
import { HTML, fill } from '../../answer/index.js';
import { FormatError } from '../../ingest/formats/index.js';
import { documentsOf, LibraryError, refusalOf, type AddReport, type Library, type LibraryPrompts } from '../../library/index.js';
import type { BotContext } from '../context.js';

export interface LibraryUploadDeps {
  library: Library;
  prompts: LibraryPrompts;
  /** Telegram user ids of the staff who may change the library. */
  adminIds: readonly number[];
  maxBytes: number;
  /** Download URL of a file the Bot API's getFile returned (it carries the token: never logged). */
  fileUrl: (filePath: string) => string;
}

const UNDO = /^lib-undo:(L[0-9a-f]{7,})$/;

/**
 * Staff send a policy file in a private chat: it is added to the library as `npm run docs -- add`
 * would, and the reply says what was found, with an undo button. Anyone else's file goes on to
 * the usual "I only answer questions" reply.
 */
export function libraryUploadFeature(deps: LibraryUploadDeps): Composer<BotContext> {
  const p = deps.prompts;
  const c = new Composer<BotContext>();
  const isAdmin = (id: number | undefined) => id !== undefined && deps.adminIds.includes(id);
  const reasonOf = (e: unknown): string | null => refusalOf(e, p, (deps.maxBytes / 1024 / 1024).toFixed(0));

  c.chatType('private').on('message:document', async (ctx, next) => {
    if (!isAdmin(ctx.from.id)) return next();
    const doc = ctx.msg.document;
    const fileName = doc.file_name ?? 'document';
    const max = (deps.maxBytes / 1024 / 1024).toFixed(0);
    // refused before downloading: a huge file costs nothing
    if (doc.file_size !== undefined && doc.file_size > deps.maxBytes) {
      await ctx.reply(HTML.escape(fill(p.failed, { reason: fill(p.reasons.TOO_LARGE, { size: (doc.file_size / 1024 / 1024).toFixed(1), max }) })), { parse_mode: 'HTML' });
      return;
    }
    await ctx.reply(HTML.escape(fill(p.working, { fileName })), { parse_mode: 'HTML' });
    let bytes: Buffer;
    try {
      const file = await ctx.getFile();
      const res = await fetch(deps.fileUrl(file.file_path!), { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`download: HTTP ${res.status}`);
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      ctx.log.warn({ err: (e as Error).message.replace(/bot\d+:[\w-]+/g, 'bot<token>') }, 'library upload: download failed');
      await ctx.reply(HTML.escape(fill(p.failed, { reason: p.reasons.DOWNLOAD })), { parse_mode: 'HTML' });
      return;
    }
    try {
      const { reports } = await deps.library.add([{ name: fileName, bytes }]);
      const r = reports[0]!;
      ctx.log.info({ libraryDoc: r.entry.id, status: r.status, clauses: r.entry.clauses }, 'library upload');
      const keyboard = r.status === 'unchanged' ? undefined : new InlineKeyboard().text(p.undoButton, `lib-undo:${r.entry.id}`);
      await ctx.reply(HTML.escape(renderReport(r, p)), { parse_mode: 'HTML', reply_markup: keyboard });
    } catch (e) {
      const reason = reasonOf(e);
      if (!reason) throw e;
      ctx.log.info({ code: (e as FormatError).code }, 'library upload refused');
      await ctx.reply(HTML.escape(fill(p.failed, { reason })), { parse_mode: 'HTML' });
    }
  });

  c.callbackQuery(UNDO, async (ctx, next) => {
    if (!isAdmin(ctx.from.id)) return next();
    const id = UNDO.exec(ctx.callbackQuery.data)![1]!;
    try {
      const { removed, restored } = await deps.library.undo(id);
      await ctx.answerCallbackQuery();
      const restoredText = restored.length ? fill(p.restored, { titles: restored.map((e) => `《${e.title}》`).join('、') }) : '';
      await ctx.reply(HTML.escape(fill(p.undone, { id: removed.id, title: removed.title, restored: restoredText })), { parse_mode: 'HTML' });
    } catch (e) {
      if (!(e instanceof LibraryError)) throw e;
      await ctx.answerCallbackQuery({ text: e.code === 'BUSY' ? p.busy : fill(p.nothingToUndo, { id }) });
    }
  });
  return c;
}

export function renderReport(r: AddReport, p: LibraryPrompts): string {
  const e = r.entry;
  if (r.status === 'unchanged') return fill(p.unchanged, { id: e.id, title: e.title });
  const unknown = p.unknownValue;
  // a file of several documents (a notice issuing two plans): each title, each 文号 and date once
  const docs = documentsOf(e);
  const once = (xs: (string | null)[]) => [...new Set(xs.map((x) => x ?? unknown))].join('、');
  return fill(r.status === 'replaced' ? p.replaced : p.added, {
    id: e.id,
    title: docs.map((d) => d.title).join('》、《'),
    docNumber: once(docs.map((d) => d.docNumber)),
    date: once(docs.map((d) => d.date)),
    region: e.region ?? unknown,
    clauses: e.clauses,
    outline: r.outline.join(' / ') || unknown,
    replaced: r.replaced.map((x) => `《${x.title}》${x.docNumber ?? ''}`).join('、'),
  });
}
