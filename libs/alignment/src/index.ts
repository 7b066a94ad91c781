export { alignDocument, alignSentences, alignUnits } from './align.js';
export type { AlignOptions, AlignUnit, Bead, DocumentAlignment, SentenceBead, SentenceRef } from './align.js';
export { FOOTNOTE_MARK, type WordPair } from './anchors.js';
export { PARAGRAPH_SHAPES, SENTENCE_SHAPES, type BeadShape } from './banded-dp.js';
export { DEFAULT_LENGTH_MODEL, FITTED_LENGTH_MODELS, fitLengthModel, lengthModelFor, textLength, type LengthModel } from './length-model.js';
export { nameSkeleton, skeletonNameKey, type NameKey } from './name-key.js';
export { splitSentences, type Sentence } from './sentences.js';
export { goldFromRanges, laxScore, referenceScore, perturbLines, seededRandom, strictScore, type Perturbed, type Score } from './evaluation.js';
export { learnWordPairs, type LexiconOptions } from './lexicon.js';
