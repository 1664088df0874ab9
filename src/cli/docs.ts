import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { RegionSchema, type Region } from '../ingest/index.js';
import { fill } from '../answer/index.js';
import { documentsOf, loadLibraryPrompts, refusalOf, type AddReport, type LibraryEntry } from '../library/index.js';
import { createRuntime } from '../app/runtime.js';
import { PROJECT_ROOT } from '../app/paths.js';
import { createConfig, readEnv } from '../config/index.js';
import { orUsage, parseCommandLine, UsageError } from './args.js';
import { exitWith } from './fail.js';
import { printIndexEvent } from './progress.js';

const USAGE = `用法：npm run docs -- add 文件… [--region 地区] [--title 标题]
      （地区：配置项 PLACES 中的一个；不写时按文件内容判断；同一文件再次添加而不写 --region，沿用上次指定的地区）
      npm run docs -- remove ID
      npm run docs -- undo ID      （撤销一次添加：移除它，恢复被它替换的文件）
      npm run docs -- list
支持 .txt .md .html .docx .doc .pdf（有文字层的 PDF；扫描件需先 OCR）`;

/** One line per document; the documents of one file share its id (the unit `remove` takes). */
export function entryLines(e: LibraryEntry): string[] {
  const docs = documentsOf(e);
  return docs.map((d, i) => [e.id, `《${d.title}》`, d.docNumber ?? '（无文号）', d.date ?? '（无日期）', e.format, `${d.clauses}条款`, e.addedAt.slice(0, 16).replace('T', ' '), ...(docs.length > 1 ? [`（同一文件 ${i + 1}/${docs.length}）`] : [])].join('  '));
}

const titlesOf = (e: LibraryEntry) => documentsOf(e).map((d) => `《${d.title}》`).join('、');

export function reportLines(r: AddReport): string[] {
  const e = r.entry;
  const head = r.status === 'unchanged' ? `未改变：${r.entry.fileName} 已在文库中（${e.id}）` : `${r.status === 'replaced' ? '已替换' : '已添加'}：${e.fileName} → ${e.id}`;
  const docs = documentsOf(e);
  const many = docs.length > 1;
  return [
    head,
    ...(many ? [`  文件含 ${docs.length} 份文件（移除、撤销时一并处理）：`] : []),
    ...docs.flatMap((d, i) => [
      `  ${many ? `${i + 1}. ` : ''}标题：《${d.title}》`,
      `  ${many ? '   ' : ''}文号：${d.docNumber ?? '（未找到）'}`,
      `  ${many ? '   ' : ''}日期：${d.date ?? '（未找到）'}`,
      ...(many ? [`     条款：${d.clauses}`] : []),
    ]),
    `  地区：${e.region ?? '（未写明，适用于任何地区的提问）'}${e.regionOverride ? '（按 --region 指定）' : e.region ? '（据文件内容）' : ''}`,
    `  条款：${e.clauses}`,
    ...(r.outline.length ? [`  结构：${r.outline.join(' / ')}`] : []),
    ...r.replaced.filter((x) => x.id !== e.id).map((x) => `  替换了：${x.id} 《${x.title}》${x.docNumber ? ' ' + x.docNumber : ''}`),
    ...r.warnings.map((w) => `  注意：${w}`),
  ];
}

async function main(): Promise<void> {
  const { command, files, title, region } = orUsage(USAGE, () => {
    const { values, positionals } = parseCommandLine(process.argv.slice(2), { region: { type: 'string' }, title: { type: 'string' } });
    const [command, ...rest] = positionals;
    if (command !== 'add' && command !== 'remove' && command !== 'list' && command !== 'undo') throw new UsageError(command ? `不认识的命令：${command}` : '请给出命令');
    if (command === 'add' && !rest.length) throw new UsageError('请给出要添加的文件');
    if ((command === 'remove' || command === 'undo') && rest.length !== 1) throw new UsageError('请给出一个文件 ID（见 npm run docs -- list）');
    if (command === 'list' && rest.length) throw new UsageError(`多余的参数：${rest.join(' ')}`);
    let region: Region | undefined;
    if (values.region !== undefined) {
      const r = RegionSchema.safeParse(values.region);
      // whether it is a configured place is the library's check (the bot's uploads go through it too)
      if (!r.success) throw new UsageError('--region 需要一个地名，例如 --region 慈溪');
      region = r.data;
    }
    if (command === 'add' && rest.length > 1 && values.title) throw new UsageError('--title 只能用于一个文件');
    return { command, files: rest, title: values.title?.trim() || undefined, region };
  });
  const config = createConfig(readEnv(PROJECT_ROOT), PROJECT_ROOT);
  const prompts = loadLibraryPrompts(config.paths.prompts);
  const maxMb = (config.maxUploadBytes / 1024 / 1024).toFixed(0);
  const refuse = (reason: string): never => {
    process.stderr.write(`${fill(prompts.cliFailed, { reason })}\n`);
    process.exit(1);
  };
  // before the model and the index are loaded: a mistyped place costs nothing
  if (region !== undefined && !config.places.includes(region)) refuse(fill(prompts.reasons.BAD_REGION, { region, places: config.places.join('、') }));
  // a damaged catalog is found while the runtime opens the library
  const rt = await createRuntime({ onIndexEvent: printIndexEvent, watchMs: 0 }).catch((e: unknown) => {
    const reason = refusalOf(e, prompts, maxMb);
    return reason === null ? Promise.reject(e) : refuse(reason);
  });
  try {
    if (command === 'list') {
      const entries = rt.library.list();
      if (!entries.length) console.log('文库为空（内置文件见 seeds/；用 npm run docs -- add 文件 添加）');
      for (const e of entries) console.log(entryLines(e).join('\n'));
      if (entries.some((e) => documentsOf(e).length > 1)) console.log('（同一 ID 的几份文件来自同一个文件：remove / undo 以文件为单位，一并移除）');
      return;
    }
    if (command === 'remove' || command === 'undo') {
      const id = files[0]!;
      if (command === 'remove') {
        const { entry, change } = await rt.library.remove(id);
        console.log(`已移除：${entry.id} ${titlesOf(entry)}（${change.seconds} 秒）`);
      } else {
        const { removed, restored, change } = await rt.library.undo(id);
        console.log(`已撤销：${removed.id} ${titlesOf(removed)}${restored.map((e) => `\n  已恢复：${e.id} ${titlesOf(e)}`).join('')}（${change.seconds} 秒）`);
      }
      return;
    }
    const incoming = files.map((f) => {
      const path = resolve(f);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        return refuse(fill(prompts.fileReason, { file: f, reason: prompts.reasons.MISSING_FILE }));
      }
      if (!statSync(path).isFile()) return refuse(fill(prompts.fileReason, { file: f, reason: prompts.reasons.NOT_A_FILE }));
      // checked before reading: a huge file is refused without being loaded
      if (size > rt.config.maxUploadBytes) return refuse(fill(prompts.fileReason, { file: f, reason: fill(prompts.reasons.TOO_LARGE, { size: (size / 1024 / 1024).toFixed(1), max: maxMb }) }));
      return { name: basename(path), bytes: readFileSync(path) };
    });
    const { reports, change } = await rt.library.add(incoming, { title, region });
    for (const r of reports) console.log(reportLines(r).join('\n'));
    if (change) console.log(`索引已更新：嵌入 ${change.embeddedClauses} 条款，${change.seconds} 秒`);
  } catch (e) {
    const reason = refusalOf(e, prompts, maxMb);
    if (reason !== null) refuse(reason);
    throw e;
  }
}

main().catch(exitWith);
