import { SIGNAL_NAMES, signalVector, type AbstainModel, type AbstainSignals } from './abstain.js';

export interface LabelledSignals {
  signals: AbstainSignals;
  /** The gold says the corpus answers it. */
  answerable: boolean;
}

export interface FitOptions {
  /** Share of answerable training questions the threshold may turn away. */
  maxFalseAbstain: number;
  /** L2 penalty on the standardised weights. */
  l2: number;
  iterations: number;
  fittedOn: string;
}
export const DEFAULT_FIT: FitOptions = { maxFalseAbstain: 0.02, l2: 0.05, iterations: 3000, fittedOn: '' };

/**
 * Logistic regression by gradient descent on standardised signals, the two classes weighed
 * equally (out-of-scope questions are few). The threshold is the highest that turns away at most
 * `maxFalseAbstain` of the answerable training questions: a false "not found" costs a citizen
 * more than a loosely related quote under a clear citation. Pure and deterministic.
 */
export function fitAbstainModel(samples: LabelledSignals[], o: Partial<FitOptions> = {}): AbstainModel {
  const opt = { ...DEFAULT_FIT, ...o };
  const X = samples.map((s) => signalVector(s.signals));
  const y = samples.map((s) => (s.answerable ? 1 : 0));
  const d = SIGNAL_NAMES.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((a, x) => a + x[j]!, 0) / X.length);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((a, x) => a + (x[j]! - mean[j]!) ** 2, 0) / X.length) || 1);
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const pos = y.filter(Boolean).length;
  const neg = y.length - pos;
  const cw = y.map((v) => (v ? y.length / (2 * Math.max(pos, 1)) : y.length / (2 * Math.max(neg, 1))));
  const w = new Array(d).fill(0);
  let b = 0;
  const rate = 0.5;
  for (let it = 0; it < opt.iterations; it++) {
    const gw = new Array(d).fill(0);
    let gb = 0;
    Z.forEach((z, i) => {
      let s = b;
      for (let j = 0; j < d; j++) s += w[j] * z[j]!;
      const err = (1 / (1 + Math.exp(-s)) - y[i]!) * cw[i]!;
      for (let j = 0; j < d; j++) gw[j] += err * z[j]!;
      gb += err;
    });
    for (let j = 0; j < d; j++) w[j] -= rate * (gw[j] / Z.length + opt.l2 * w[j]);
    b -= rate * (gb / Z.length);
  }
  const model: AbstainModel = { version: 1, features: [...SIGNAL_NAMES], mean, scale, weights: w, bias: b, threshold: 0, relatedFloor: 0, fittedOn: opt.fittedOn };
  const probs = Z.map((z) => 1 / (1 + Math.exp(-(b + z.reduce((a, v, j) => a + w[j] * v, 0)))));
  const answerable = probs.filter((_, i) => y[i]).sort((a, c) => a - c);
  // the k-th lowest answerable probability: at most k of them fall below it
  const k = Math.floor(opt.maxFalseAbstain * answerable.length);
  const threshold = answerable.length ? answerable[k]! : 0.5;
  model.threshold = +threshold.toFixed(6);
  // below half the threshold even related reading would mislead; unanswerable noise lands there
  model.relatedFloor = +(threshold / 2).toFixed(6);
  return model;
}
