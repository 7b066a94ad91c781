export * from './roles.js';
export * from './api.js';
export * from './content.js';
export * from './imports.js';
export * from './review.js';
export * from './exports.js';
export * from './variant-state.js';
export * from './identifiers.js';
