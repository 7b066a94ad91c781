export * from './inline.js';
export * from './kinds.js';
export * from './edit.js';
export * from './storable.js';
