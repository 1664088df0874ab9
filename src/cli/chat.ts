import { createInterface } from 'node:readline';
import { ANSI, checkQuestion, cleanInput, fill, PLAIN, type Answer, type Markup } from '../answer/index.js';
import { dialogueFor, type Runtime } from '../app/runtime.js';

export interface TerminalChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * The terminal chat on the built-in corpus: the bot's answer path, with commands instead of
 * buttons (/full N, /source N, /more).
 */
export async function runTerminalChat(rt: Runtime, o: TerminalChatOptions): Promise<void> {
  const m: Markup = o.output.isTTY ? ANSI : PLAIN;
  const p = rt.prompts;
  const chat = 'terminal';
  const dialogue = dialogueFor(rt);
  const say = (text: string) => o.output.write(text + '\n');
  let last: Answer | null = null;
  const clauseAt = (arg: string | undefined) => {
    const n = Number(arg ?? '1');
    if (!last || last.status !== 'answered') return null;
    return last.excerpts[n - 1]?.clauseId ?? dialogue.clauseAt(chat, n);
  };

  say(p.chatWelcome);
  const rl = createInterface({ input: o.input, output: o.output, prompt: p.chatPrompt, terminal: !!o.output.isTTY });
  rl.prompt();
  for await (const line of rl) {
    // cleaned before anything is echoed: "/full <ESC>…" would otherwise reach the terminal raw
    const text = cleanInput(line).trim();
    const [command, arg] = text.split(/\s+/);
    if (!text) {
      rl.prompt();
      continue;
    }
    if (command === '/quit' || command === '/exit') break;
    if (command === '/help' || command === '/start') say(p.chatHelp);
    else if (command === '/docs') say(dialogue.documents(m));
    else if (command === '/new') say(dialogue.reset(chat));
    else if (command === '/more') say(dialogue.more(chat, m));
    else if ((command === '/full' || command === '/source') && arg !== undefined && !/^\d+$/.test(arg)) say(fill(p.chatNeedNumber, { command }));
    else if (command === '/full' || command === '/source') {
      const id = clauseAt(arg);
      const out = id ? (command === '/full' ? dialogue.full(id, m) : dialogue.source(id, m)) : null;
      say(out ?? fill(p.chatNoExcerpt, { n: arg ?? '1' }));
    } else if (command !== '/ask' && command!.startsWith('/')) say(p.chatUnknownCommand);
    else {
      // /ask works here as in a group, so that the commands the help names all work
      const check = checkQuestion(command === '/ask' ? text.slice(4) : text, p);
      if (!check.ok) say(check.reply);
      else {
        const { answer, reply, isNewTopic } = await dialogue.ask(chat, check.question, m);
        if (!isNewTopic) last = answer;
        say(reply);
        if (answer.status === 'answered') say(p.chatAnswerHint);
      }
    }
    rl.prompt();
  }
  rl.close();
  say(p.chatBye);
}
