export * from './types.js';
export { TermIndex, type IndexOptions } from './term-index.js';
export { checkVariant, type VariantToCheck } from './checks.js';
export { consistencyReport, transliterationKey, type Cluster, type ClusterForm, type FormLocation, type ReportSegment, type ReportOptions } from './consistency.js';
export { russianForms, russianParadigm, latinSuffixes } from './inflection.js';
export { tokenize, formKey, editDistance } from './text.js';
