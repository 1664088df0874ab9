import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Update } from 'grammy/types';
import { PROJECT_ROOT } from '../app/paths.js';
import { createRuntime } from '../app/runtime.js';
import { readBatch } from './batch.js';
import { FakeBotApi, type ApiCall } from './fake-bot-api.js';

/*
 * `npm run bench -- --load`: the bot as a separate process (`src/main.ts`, as `npm start`
 * runs it) against a fake Bot API on loopback, closed-loop load from 1 / 10 / 50 chats
 * (each chat asks, waits for the reply, asks again), polling and webhook mode. The same
 * questions through `answerer.answer` alone give the bare answer path's CPU time, so the bot's
 * own cost (Telegram I/O, queue, dialogue, rendering) shows as a ratio. Figures, not pass/fail.
 */
const TOKEN = '123456789:BENCHbenchBENCHbenchBENCHbench0000';
const SECRET = 'bench-webhook-secret-0000';
const LEVELS = [1, 10, 50];
/** Telegram's round trip for a sendMessage, roughly, from a server in the same region. */
const SEND_DELAY_MS = 20;
const CLK_TCK = 100; // Linux USER_HZ

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
function procCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime + stime
}
const procPeakRssMb = (pid: number) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

interface LevelResult {
  mode: string;
  chats: number;
  answers: number;
  perSecond: number;
  replyP50: number;
  replyP95: number;
  ackP95: number | null;
  peakRssMb: number;
  cpuMsPerAnswer: number;
}

/** The bot process: the real entry point, the fake API as its Bot API. */
async function startBotProcess(fake: FakeBotApi, webhookPort: number | null): Promise<ChildProcess> {
  const env: Record<string, string | undefined> = { ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', WEBHOOK_URL: undefined, WEBHOOK_SECRET: undefined, PORT: undefined };
  if (webhookPort) Object.assign(env, { WEBHOOK_URL: 'https://bench.example.org/hook', WEBHOOK_SECRET: SECRET, PORT: String(webhookPort) });
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'src/main.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  await fake.waitFor((c) => c.method === (webhookPort ? 'setWebhook' : 'getUpdates'), 1, 120_000);
  return child;
}

async function runLevel(mode: 'polling' | 'webhook', fake: FakeBotApi, bot: ChildProcess, port: number, chats: number, questions: string[], perChat: number, firstChat: number): Promise<LevelResult> {
  const waiting = new Map<number, (c: ApiCall) => void>();
  const off = fake.onCall((c) => {
    if (c.method === 'sendMessage') waiting.get(Number(c.payload.chat_id))?.(c);
  });
  const replies: number[] = [];
  const acks: number[] = [];
  let updateId = 1_000_000 * firstChat;
  let next = 0;
  let levelStart = performance.now();
  const ask = async (chat: number) => {
    const text = questions[next++ % questions.length]!;
    const update = { update_id: updateId++, message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private', first_name: 'B' }, from: { id: chat, is_bot: false, first_name: 'B' }, text } } as Update;
    const replied = new Promise<ApiCall>((r) => waiting.set(chat, r));
    const t0 = performance.now();
    if (mode === 'polling') fake.push({ message: update.message });
    else {
      const res = await fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
      await res.arrayBuffer();
      acks.push(performance.now() - t0);
      if (process.env.BENCH_LOAD_DEBUG && acks.at(-1)! > 200) console.error(`slow ack ${acks.at(-1)!.toFixed(0)} ms at +${(t0 - levelStart).toFixed(0)} ms, chat ${chat}`);
    }
    const reply = await replied;
    waiting.delete(chat);
    replies.push(reply.at - t0);
  };
  const cpu0 = procCpuMs(bot.pid!);
  levelStart = performance.now();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: chats }, async (_, i) => {
    for (let k = 0; k < perChat; k++) await ask(firstChat + i);
  }));
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = procCpuMs(bot.pid!) - cpu0;
  off();
  return { mode, chats, answers: replies.length, perSecond: replies.length / seconds, replyP50: pct(replies, 50), replyP95: pct(replies, 95), ackP95: acks.length ? pct(acks, 95) : null, peakRssMb: procPeakRssMb(bot.pid!), cpuMsPerAnswer: cpuMs / replies.length };
}

/** CPU time per question through the bare answer path, in this process, warm. */
async function bareAnswerPath(questions: string[]): Promise<{ cpuMsPerAnswer: number; wallMsPerAnswer: number }> {
  const rt = await createRuntime({ env: { ...process.env, BOT_TOKEN: undefined, WEBHOOK_URL: undefined, LOG_LEVEL: 'silent' } });
  for (const q of questions.slice(0, 10)) await rt.answerer.answer({ question: q });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const q of questions) await rt.answerer.answer({ question: q });
  const c = process.cpuUsage(c0);
  return { cpuMsPerAnswer: (c.user + c.system) / 1000 / questions.length, wallMsPerAnswer: (performance.now() - t0) / questions.length };
}

export async function runLoadBench(questionsFile: string): Promise<void> {
  const questions = readBatch(questionsFile).filter((q) => !q.context?.length).map((q) => q.question);
  console.log(`load benchmark: ${questions.length} questions, closed loop per chat, fake Bot API on loopback (sendMessage ${SEND_DELAY_MS} ms)`);
  const bare = await bareAnswerPath(questions.slice(0, 200));
  const results: LevelResult[] = [];
  // for a quicker look at one case: BENCH_LOAD_MODES=webhook BENCH_LOAD_LEVELS=50
  const modes = (process.env.BENCH_LOAD_MODES?.split(',') ?? ['polling', 'webhook']) as ('polling' | 'webhook')[];
  const levels = process.env.BENCH_LOAD_LEVELS?.split(',').map(Number) ?? LEVELS;
  for (const mode of modes) {
    const fake = await new FakeBotApi({ token: TOKEN, sendDelayMs: SEND_DELAY_MS }).start();
    const port = await freePort();
    const bot = await startBotProcess(fake, mode === 'webhook' ? port : null);
    // warm-up: the first answers pay for lazy loading and JIT
    await runLevel(mode, fake, bot, port, 4, questions, 3, 9_000);
    let firstChat = 10_000;
    for (const chats of levels) {
      const r = await runLevel(mode, fake, bot, port, chats, questions, Math.max(4, Math.ceil(120 / chats)), firstChat);
      firstChat += chats;
      results.push(r);
      console.error(`  ${mode} ${chats} chats done`);
    }
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
    await fake.stop();
  }
  const f = (x: number | null, d = 0) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(d));
  console.log(`
bare answer path    ${f(bare.cpuMsPerAnswer, 1)} ms CPU per answer (${f(bare.wallMsPerAnswer, 1)} ms wall), answerer.answer alone
mode     chats  answers  answers/s  reply p50  reply p95  ack p95  peak RSS  bot CPU/answer  overhead vs bare
${results.map((r) => `${r.mode.padEnd(8)} ${String(r.chats).padStart(5)}  ${String(r.answers).padStart(7)}  ${f(r.perSecond, 1).padStart(9)}  ${f(r.replyP50).padStart(6)} ms  ${f(r.replyP95).padStart(6)} ms  ${(r.ackP95 === null ? '—' : `${f(r.ackP95, 1)} ms`).padStart(7)}  ${String(r.peakRssMb).padStart(5)} MB  ${f(r.cpuMsPerAnswer, 1).padStart(10)} ms  ${`${f(100 * (r.cpuMsPerAnswer / bare.cpuMsPerAnswer - 1))} %`.padStart(8)}`).join('\n')}
targets (2 cores): webhook ack p95 < 100 ms at 50 chats; reply p95 ≤ 1.5 s at 50 chats; bot overhead ≤ 25 %`);
}
