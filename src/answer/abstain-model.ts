import type { AbstainModel } from './abstain.js';

/** Fitted by `npm run eval -- --folds 5 --write-model` (calibrate.ts); do not edit by hand. */
export const ABSTAIN_MODEL: AbstainModel = {
  "version": 1,
  "features": [
    "similarity",
    "margin",
    "termCoverage",
    "bigramCoverage",
    "amountMissing",
    "durationMissing",
    "kindMissing",
    "hanShare",
    "knownShare",
    "corpusTerm",
    "belowKnot"
  ],
  "mean": [
    0.61621,
    0.056117,
    0.495868,
    0.303411,
    0.02381,
    0.011905,
    0.047619,
    0.748096,
    0.684884,
    0.747024,
    0.033199
  ],
  "scale": [
    0.141811,
    0.041899,
    0.329525,
    0.289784,
    0.152455,
    0.108458,
    0.212959,
    0.360211,
    0.355311,
    0.434717,
    0.059475
  ],
  "weights": [
    0.349997,
    0.113087,
    0.285189,
    0.076269,
    -0.431799,
    -0.13902,
    -0.337888,
    0.303181,
    0.303016,
    0.391863,
    -0.593647
  ],
  "bias": -0.061807,
  "threshold": 0.231214,
  "relatedFloor": 0.115607,
  "similarityKnot": 0.534909,
  "fittedOn": "256 dev questions + 80 generated noise lines, settings \"defaults\""
};
