/**
 * Interlinea's Markdown export format, v1. Plain CommonMark with footnotes (`[^key]`, `[^key]: body`),
 * plus HTML comments that only Interlinea reads:
 *
 *   <!-- interlinea:markdown v1 {"language":"en","title":"…"} -->      first line
 *   <!-- interlinea {"document":"chapter","title":"4. …"} -->          opens a document
 *   <!-- interlinea {"kind":"caption","lang":"ru","pages":["13"]} -->   on the line before a segment
 *   <!-- interlinea {"label":"2"} -->                                   before a `[^key]:` definition
 *   <!-- interlinea {"kind":"heading","level":2,"empty":true} -->        a segment without text
 *   <!---->                                                             separates two emphasis runs
 *
 * Comment payloads are JSON with `<` and `>` escaped, so they never close the comment early.
 */
export const EXPORT_HEADER = '<!-- interlinea:markdown v1';
export const DIRECTIVE_PREFIX = '<!-- interlinea ';
export const EMPHASIS_SEPARATOR = '<!---->';

export interface DocumentDirective {
  document: string;
  title: string;
}

export interface SegmentDirective {
  kind?: string;
  lang?: string;
  pages?: string[];
  /** Footnote definitions: the printed label when it differs from the key. */
  label?: string;
  /** A segment without text (e.g. not translated yet): the directive alone stands for it. */
  empty?: true;
  /** Headings: their level, for an empty heading (a non-empty one says it with its `#`s). */
  level?: number;
}

export function encodeDirective(value: object, prefix = DIRECTIVE_PREFIX): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `${prefix}${json} -->`;
}

/** The JSON payload of a directive line, or null when the line is not one. */
export function decodeDirective(line: string, prefix = DIRECTIVE_PREFIX): Record<string, unknown> | null {
  const t = line.trim();
  if (!t.startsWith(prefix) || !t.endsWith('-->')) return null;
  const json = t.slice(prefix.length, -3).trim();
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
