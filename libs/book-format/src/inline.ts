import type { InlineContent } from '#libs/content';

/** Splits content at a separator character in its text: hard line breaks (`\n`), table cells (`\t`). */
export function splitAt(content: InlineContent, separator: string): InlineContent[] {
  const parts: InlineContent[] = [[]];
  for (const node of content) {
    if (node.type !== 'text' || !node.text.includes(separator)) {
      parts[parts.length - 1]!.push(node);
      continue;
    }
    node.text.split(separator).forEach((piece, i) => {
      if (i > 0) parts.push([]);
      if (piece) parts[parts.length - 1]!.push({ ...node, text: piece });
    });
  }
  return parts;
}

/** Rows and cells of a table segment (rows are lines, cells are separated by TABs). */
export const tableRows = (content: InlineContent): InlineContent[][] => splitAt(content, '\n').map((row) => splitAt(row, '\t'));

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Characters XML 1.0 cannot carry at all (controls other than TAB, LF, CR; lone surrogates). */
export const stripInvalidXmlChars = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

/** Safe piece of a file name. */
export const fileSlug = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'edition';
