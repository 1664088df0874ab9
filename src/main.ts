import { exitWith } from './cli/fail.js';
import { runTerminalChat } from './cli/chat.js';
import { createRuntime, printIndexEvent } from './cli/runtime.js';
import { createConfig } from './config/index.js';
import { PROJECT_ROOT } from './cli/paths.js';

/**
 * `npm start`: with BOT_TOKEN, the Telegram bot; without, a terminal chat on the built-in
 * corpus. Either way the index is opened, or built first with progress shown.
 */
async function main(): Promise<void> {
  const config = createConfig(process.env, PROJECT_ROOT);
  const rt = await createRuntime({ onIndexEvent: printIndexEvent });
  if (!config.botToken) {
    await runTerminalChat(rt, { input: process.stdin, output: process.stdout });
    return;
  }
  const { startBot } = await import('./bot/start.js');
  await startBot(rt);
}

main().catch(exitWith);
