import { BotError, GrammyError, HttpError } from 'grammy';

/** A bot token anywhere in a string, e.g. inside the URL node-fetch puts in its error messages. */
const TOKEN_IN_TEXT = /\d{5,}:[A-Za-z0-9_-]{30,}/g;
const untoken = (s: string | undefined) => s?.replace(TOKEN_IN_TEXT, '[REDACTED]');

/**
 * What an error may put in the log. Never the raw object: a `GrammyError` carries the payload
 * (the reply, which quotes the user's question), a `BotError` the whole context (the update's
 * text, the API client with its token), an `HttpError` node-fetch's message with the request
 * URL, and the URL holds the token.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  if (e instanceof BotError) return { ...loggableError(e.error), update: e.ctx?.update?.update_id };
  if (e instanceof GrammyError) return { type: 'GrammyError', method: e.method, code: e.error_code, description: untoken(e.description) };
  if (e instanceof HttpError) {
    const cause = e.error as { name?: string; code?: string; type?: string } | undefined;
    return { type: 'HttpError', message: untoken(e.message), cause: cause && { name: cause.name, code: cause.code ?? cause.type } };
  }
  if (e instanceof Error) return { type: e.name, message: untoken(e.message), stack: untoken(e.stack) };
  return { type: typeof e };
}

/** The error's kind for the log and for deciding what the user is told. */
export function errorKind(e: unknown): 'blocked' | 'api-refused' | 'network' | 'handler' {
  if (e instanceof GrammyError) return e.error_code === 403 ? 'blocked' : 'api-refused';
  return e instanceof HttpError ? 'network' : 'handler';
}
