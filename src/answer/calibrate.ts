import { FEATURE_NAMES, signalVector, type AbstainModel, type AbstainSignals } from './abstain.js';

export interface LabelledSignals {
  signals: AbstainSignals;
  /** The gold says the corpus answers it. */
  answerable: boolean;
  /** Weight in the fit (default 1): generated noise counts less than a real question. */
  weight?: number;
  /**
   * Counts towards the threshold's false-abstention budget (default true). Written in-domain
   * questions do not: they are easy, and counting them would let the threshold turn away more
   * of the real questions.
   */
  setsThreshold?: boolean;
}

export interface FitOptions {
  /** Share of answerable training questions the threshold may turn away. */
  maxFalseAbstain: number;
  /** L2 penalty on the standardised weights. */
  l2: number;
  iterations: number;
  fittedOn: string;
  /** Features the model may use (default: all); the others keep weight 0. Chosen on the training folds. */
  use?: readonly string[];
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
  const answerableSims = samples.filter((s) => s.answerable).map((s) => s.signals.similarity).sort((a, b) => a - b);
  const knot = answerableSims.length ? answerableSims[Math.floor(0.05 * answerableSims.length)]! : 0;
  const X = samples.map((s) => signalVector(s.signals, knot));
  const y: number[] = samples.map((s) => (s.answerable ? 1 : 0));
  const sw = samples.map((s) => s.weight ?? 1);
  const d = FEATURE_NAMES.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((a, x) => a + x[j]!, 0) / X.length);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((a, x) => a + (x[j]! - mean[j]!) ** 2, 0) / X.length) || 1);
  const used = FEATURE_NAMES.map((n) => !opt.use || opt.use.includes(n));
  const Z = X.map((x) => x.map((v, j) => (used[j] ? (v - mean[j]!) / scale[j]! : 0)));
  const pos = y.reduce((a, v, i) => a + (v ? sw[i]! : 0), 0);
  const neg = y.reduce((a, v, i) => a + (v ? 0 : sw[i]!), 0);
  const cw = y.map((v, i) => sw[i]! * ((pos + neg) / (2 * Math.max(v ? pos : neg, 1e-9))));
  const w = new Float64Array(d);
  let b = 0;
  const rate = 0.5;
  for (let it = 0; it < opt.iterations; it++) {
    const gw = new Float64Array(d);
    let gb = 0;
    Z.forEach((z, i) => {
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * z[j]!;
      const err = (1 / (1 + Math.exp(-s)) - y[i]!) * cw[i]!;
      for (let j = 0; j < d; j++) gw[j]! += err * z[j]!;
      gb += err;
    });
    for (let j = 0; j < d; j++) w[j] = w[j]! - rate * (gw[j]! / Z.length + opt.l2 * w[j]!);
    b -= rate * (gb / Z.length);
  }
  const model: AbstainModel = { version: 1, features: [...FEATURE_NAMES], mean, scale, weights: [...w], bias: b, threshold: 0, relatedFloor: 0, similarityKnot: +knot.toFixed(6), fittedOn: opt.fittedOn };
  const probs = Z.map((z) => 1 / (1 + Math.exp(-(b + z.reduce((a, v, j) => a + w[j]! * v, 0)))));
  const answerable = probs.filter((_, i) => y[i] && samples[i]!.setsThreshold !== false).sort((a, c) => a - c);
  // the k-th lowest answerable probability: at most k of them fall below it
  const k = Math.floor(opt.maxFalseAbstain * answerable.length);
  const threshold = answerable.length ? answerable[k]! : 0.5;
  // rounded down: rounding up could lift the threshold past the k-th question and turn away one more
  model.threshold = Math.floor(threshold * 1e6) / 1e6;
  // below half the threshold even related reading would mislead; unanswerable noise lands there
  model.relatedFloor = +(threshold / 2).toFixed(6);
  return model;
}
