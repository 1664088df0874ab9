import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { env, pipeline } from '@xenova/transformers';
import { IndexError, locateModel, createTransformersEmbedder } from '../../src/index/index.js';

const MODEL = resolve('embeddings/models/BAAI/bge-small-zh-v1.5');

describe('the embedding model', () => {
  it('is found and verified where the install put it', () => {
    expect(locateModel(MODEL).sha256).toBe('15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc');
  });

  it('missing: one clear error that says how to fix it', () => {
    const e = (() => { try { locateModel('/nowhere/bge'); } catch (x) { return x; } })() as IndexError;
    expect(e).toBeInstanceOf(IndexError);
    expect(e.code).toBe('MODEL_MISSING');
    expect(e.fix).toContain('npm install');
    expect(e.fix).toContain('MODEL_DIR');
  });

  it('damaged: refused before loading', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'model-')), 'bge');
    cpSync(MODEL, copy, { recursive: true });
    truncateSync(join(copy, 'onnx/model_quantized.onnx'), 1000);
    expect(() => locateModel(copy)).toThrowError(/damaged/);
  });

  it('embeds queries as unit vectors, near for paraphrases, far for unrelated text', async () => {
    const e = await createTransformersEmbedder({ modelDir: MODEL });
    const [a, b, c] = await Promise.all(['老人投靠子女落户', '父母投靠成年子女迁户口', '红烧肉的做法'].map((t) => e.embedQuery(t)));
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(a!.length).toBe(512);
    expect(dot(a!, a!)).toBeCloseTo(1, 3);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.15);
    const [p] = await e.embedPassages(['父母投靠成年子女迁户口']);
    expect(dot(p!, b!)).toBeCloseTo(1, 3); // passages and queries share one space (no instruction by default)
  });

  it('gives the vectors of Transformers.js CLS pooling + normalise; a padded batch stays close', async () => {
    const e = await createTransformersEmbedder({ modelDir: MODEL });
    const texts = ['居住证', '外地户口在本市连续居住满半年以上，符合有合法稳定就业条件的，可以申领居住证'];
    env.localModelPath = resolve(MODEL, '../..');
    const reference = await pipeline('feature-extraction', 'BAAI/bge-small-zh-v1.5', { quantized: true });
    const passages = await e.embedPassages(texts);
    for (const [i, text] of texts.entries()) {
      const expected = (await reference(text, { pooling: 'cls', normalize: true })).data as Float32Array;
      const query = await e.embedQuery(text);
      expect(expected.reduce((m, x, d) => Math.max(m, Math.abs(x - query[d]!)), 0)).toBeLessThan(1e-5);
      // the int8 model quantises activations per call, so padding shifts a batched vector a little
      expect(expected.reduce((s, x, d) => s + x * passages[i]![d]!, 0)).toBeGreaterThan(0.99);
    }
  });
});
