import type { AbstainModel } from './abstain.js';

/** Provisional until `npm run eval -- --folds 5 --write-model` fits it. */
export const ABSTAIN_MODEL: AbstainModel = {
  version: 1,
  features: ['similarity', 'margin', 'termCoverage', 'bigramCoverage', 'kindMissing', 'hanShare', 'knownShare', 'corpusTerm'],
  mean: [0, 0, 0, 0, 0, 0, 0, 0],
  scale: [1, 1, 1, 1, 1, 1, 1, 1],
  weights: [20, 0, 0, 0, -1, 0, 0, 0],
  bias: -8.4,
  threshold: 0.5,
  relatedFloor: 0.25,
  fittedOn: 'provisional',
};
