import { describe, expect, it } from 'vitest';
import { calibratedReason, fitAbstainModel, SIGNAL_NAMES, type AbstainSignals, type LabelledSignals } from '../../src/answer/index.js';
import { seededRandom } from '../../src/eval/folds.js';

/** Signals drawn around two centres: answerable questions close and covered, others far and uncovered. */
function sample(rnd: () => number, answerable: boolean): AbstainSignals {
  const s = Object.fromEntries(SIGNAL_NAMES.map((n) => [n, 0])) as unknown as AbstainSignals;
  s.similarity = (answerable ? 0.72 : 0.5) + (rnd() - 0.5) * 0.2;
  s.termCoverage = (answerable ? 0.6 : 0.3) + (rnd() - 0.5) * 0.4;
  s.anchorMargin = (answerable ? 0.25 : -0.05) + (rnd() - 0.5) * 0.2;
  s.hanShare = 1;
  return s;
}

describe('fitAbstainModel', () => {
  const rnd = seededRandom(3);
  const real: LabelledSignals[] = [...Array.from({ length: 150 }, () => ({ signals: sample(rnd, true), answerable: true })), ...Array.from({ length: 40 }, () => ({ signals: sample(rnd, false), answerable: false }))];

  it('turns away at most the allowed share of answerable questions it was fitted on', () => {
    const m = fitAbstainModel(real, { maxFalseAbstain: 0.02 });
    const turnedAway = real.filter((x) => x.answerable && calibratedReason(m, x.signals) !== null).length;
    expect(turnedAway).toBeLessThanOrEqual(Math.floor(0.02 * 150));
    const caught = real.filter((x) => !x.answerable && calibratedReason(m, x.signals) !== null).length;
    expect(caught).toBeGreaterThan(20);
  });

  it('easy written positives that do not set the threshold leave it where the real questions put it', () => {
    const easy: LabelledSignals[] = Array.from({ length: 100 }, () => ({ signals: { ...sample(rnd, true), similarity: 0.95, termCoverage: 1 }, answerable: true, setsThreshold: false }));
    const counted = fitAbstainModel([...real, ...easy.map((e) => ({ ...e, setsThreshold: true }))]);
    const notCounted = fitAbstainModel([...real, ...easy]);
    const away = (m: ReturnType<typeof fitAbstainModel>) => real.filter((x) => x.answerable && calibratedReason(m, x.signals) !== null).length;
    expect(away(notCounted)).toBeLessThanOrEqual(3);
    expect(away(counted)).toBeGreaterThanOrEqual(away(notCounted));
  });

  it('a feature left out keeps weight 0', () => {
    const m = fitAbstainModel(real, { use: ['similarity', 'termCoverage'] });
    expect(m.weights[m.features.indexOf('anchorMargin')]).toBe(0);
    expect(m.weights[m.features.indexOf('similarity')]).not.toBe(0);
  });
});
