import { orUsage, parseCommandLine } from './cli/args.js';
import { exitWith } from './cli/fail.js';
import { runTerminalChat } from './cli/chat.js';
import { createRuntime } from './app/runtime.js';
import { printIndexEvent } from './cli/progress.js';
import { createConfig, readEnv } from './config/index.js';
import { PROJECT_ROOT } from './app/paths.js';

/**
 * `npm start`: with BOT_TOKEN, the Telegram bot; without, a terminal chat on the built-in
 * corpus. Either way the index is opened, or built first with progress shown.
 */
async function main(): Promise<void> {
  orUsage('用法：npm start（设置 BOT_TOKEN 时运行 Telegram 机器人，否则在终端里对话；设置见 .env.example）', () => parseCommandLine(process.argv.slice(2), {}, 0));
  const config = createConfig(readEnv(PROJECT_ROOT), PROJECT_ROOT);
  const rt = await createRuntime({ onIndexEvent: printIndexEvent });
  if (!config.botToken) {
    await runTerminalChat(rt, { input: process.stdin, output: process.stdout });
    return;
  }
  const { startBot } = await import('./bot/start.js');
  await startBot(rt);
  // stopped on a signal with the accepted updates answered; the model's threads would keep Node alive
  process.exit(0);
}

/** Whatever fails, its message and stack reach stderr without the token (node-fetch puts it in URLs). */
function withoutToken(e: unknown): unknown {
  // the token may come from .env as well as the environment
  const token = readEnv(PROJECT_ROOT).BOT_TOKEN;
  if (!token || !(e instanceof Error)) return e;
  const clean = (s: string | undefined) => s?.split(token).join('[REDACTED]');
  const copy = Object.assign(Object.create(Object.getPrototypeOf(e) as object) as Error, e, { name: e.name, message: clean(e.message) ?? '' });
  copy.stack = clean(e.stack);
  return copy;
}

main().catch((e) => exitWith(withoutToken(e)));
