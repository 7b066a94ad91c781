import { createHash } from 'node:crypto';
import { canonicalContentJson, type InlineContent } from '#libs/content';

/** The hash an approval is bound to: SHA-256 of the canonical content (text, marks and references). */
export const contentHash = (content: InlineContent): string =>
  createHash('sha256').update(canonicalContentJson(content)).digest('hex');
