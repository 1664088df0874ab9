import type { Answerer } from '../answer/index.js';

/**
 * One answer computed at a time, each started on a fresh turn of the event loop. The answer
 * path is CPU-bound and largely synchronous (tokenizer, ONNX run, ranking), and ONNX Runtime
 * already spreads one run over the cores; several answers started together only make the event
 * loop stall for all of them at once, and a webhook acknowledgement or an incoming update waits
 * behind the lot. Between two answers, whatever I/O is waiting is served. The dispatcher still
 * runs several chats at once, so their Telegram round trips overlap.
 */
export function createAnswerGate(): (answerer: Answerer) => Answerer {
  // one queue for every answerer it wraps: each library snapshot has its own answerer, and the
  // CPU they compete for is the same
  let tail: Promise<unknown> = Promise.resolve();
  return (answerer) => ({
    ...answerer,
    answer(request) {
      const run = tail.then(() => new Promise<void>((r) => setImmediate(r))).then(() => answerer.answer(request));
      tail = run.catch(() => undefined);
      return run;
    },
  });
}
