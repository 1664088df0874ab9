import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Logger } from '../config/index.js';
import type { Dispatcher } from './dispatch.js';

export interface WebhookServerOptions {
  /** The URL's path; anything else gets 404. */
  path: string;
  /** Telegram's `X-Telegram-Bot-Api-Secret-Token`; a wrong or missing one gets 401 before the body is read. */
  secret: string;
  dispatcher: Dispatcher;
  /** Largest body read, in bytes; a larger one gets 413 and is not buffered. Default 1 MB (an update is a few KB). */
  maxBodyBytes?: number;
  logger?: Logger;
}

export const DEFAULT_MAX_BODY_BYTES = 1 << 20;

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isUpdate(value: unknown): value is Update {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Number.isInteger((value as { update_id?: unknown }).update_id);
}

/**
 * The webhook endpoint. An update is acknowledged (200) as soon as it is queued and answered
 * afterwards: Telegram waits for the acknowledgement, not for the answer, so a slow answer
 * never makes it time out and re-send. Answers: 200 accepted (or busy, told to the user),
 * 400 not an update, 401 wrong secret, 404 wrong path or method, 413 too large, 503 shutting
 * down (Telegram re-sends it to the next instance).
 */
export function createWebhookServer(o: WebhookServerOptions): Server {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const end = (res: ServerResponse, status: number, reason?: string) => {
    if (reason) o.logger?.warn({ status, reason }, 'webhook request refused');
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '' : JSON.stringify({ ok: false, status }));
  };
  // refuse without reading the rest: close the connection once the answer is out
  const tooLarge = (req: IncomingMessage, res: ServerResponse) => {
    res.shouldKeepAlive = false;
    res.on('finish', () => req.destroy());
    end(res, 413, 'body too large');
  };

  const server = createServer((req, res) => {
    req.on('error', () => undefined); // a client gone mid-body is its own problem
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== o.path) return end(res, 404);
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], o.secret)) return end(res, 401);
    if (Number(req.headers['content-length']) > max) return tooLarge(req, res);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      bytes += chunk.length;
      if (bytes > max) {
        refused = true;
        chunks.length = 0;
        return tooLarge(req, res);
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      let update: unknown;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return end(res, 400, 'body is not JSON');
      }
      if (!isUpdate(update)) return end(res, 400, 'body is not an update');
      const offer = o.dispatcher.offer(update);
      end(res, offer === 'closed' ? 503 : 200);
    });
  });
  // slow or half-open clients must not hold sockets for Node's default five minutes
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.on('clientError', (_e, socket) => socket.destroy());
  return server;
}
