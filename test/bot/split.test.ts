import { describe, expect, it } from 'vitest';
import { RateLimiter, splitMessage, TELEGRAM_MAX_TEXT } from '../../src/bot/index.js';
import { telegramHtmlProblem } from '../../src/answer/telegram-html.js';

/** A seeded generator, so a failing case can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const visible = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, '');

describe('splitMessage (issue 12 item 14)', () => {
  it('a single sentence far over 4096 characters is never sent as one message over the limit', () => {
    const parts = splitMessage(`<blockquote>「${'居住证持有人享有公共服务'.repeat(1000)}」</blockquote>`);
    expect(parts.length).toBeGreaterThan(2);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
  });

  it('over generated long replies: every part ≤ 4096, valid Telegram HTML, no text lost', () => {
    const pieces = ['居住证', '条件。', '&amp;', '&lt;', '&gt;', '😀', '；', '\n', '申请人', 'ABC ', '（一）', '！'];
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const paragraphs = Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
        const n = Math.floor(r() * 3000) + (r() < 0.3 ? 5000 : 1);
        let text = '';
        for (let i = 0; i < n; i++) {
          const piece = pieces[Math.floor(r() * (r() < 0.5 ? 3 : pieces.length))]!;
          text += r() < 0.05 ? `<b>${piece}</b>` : piece;
        }
        // our markup never spans a blank line (the splitter's premise), so neither does the generator's
        text = text.replace(/\n{2,}/g, '\n');
        return r() < 0.5 ? `<blockquote>${text}</blockquote>` : text;
      });
      const html = paragraphs.join('\n\n');
      const parts = splitMessage(html);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
        expect(telegramHtmlProblem(part), `seed ${seed}`).toBeNull();
        expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }
      expect(visible(parts.join('')), `seed ${seed}`).toBe(visible(html));
    }
  });
});

describe('RateLimiter.sweep (issue 12 item 14)', () => {
  it('forgets the warnings of a million refused users once their window has passed', () => {
    let now = 0;
    const rl = new RateLimiter(1, 60_000, () => now);
    for (let i = 0; i < 1_000_000; i++) {
      rl.hit(`u:${i}`);
      rl.hit(`u:${i}`);
    }
    expect(rl.size).toEqual({ events: 1_000_000, warned: 1_000_000 });
    now = 60_000;
    rl.sweep();
    expect(rl.size).toEqual({ events: 0, warned: 0 });
  });
});
