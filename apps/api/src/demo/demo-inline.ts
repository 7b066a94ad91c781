import { footnoteRef, type InlineContent, normalizeContent, text } from '#libs/content';

/** The demo's notation (*italic*, [^n]) as inline content; footnote n is `footnoteIds[n - 1]`. */
export function demoInline(source: string, footnoteIds: string[]): InlineContent {
  const out: InlineContent = [];
  const pattern = /\*([^*]+)\*|\[\^(\d+)\]/g;
  let last = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match.index > last) out.push(text(source.slice(last, match.index)));
    if (match[1] !== undefined) out.push(text(match[1], ['italic']));
    else {
      const id = footnoteIds[Number(match[2]) - 1];
      if (!id) throw new Error(`demo text refers to footnote ${match[2]}, which the chapter does not have`);
      out.push(footnoteRef(id));
    }
    last = match.index + match[0].length;
  }
  if (last < source.length) out.push(text(source.slice(last)));
  return normalizeContent(out);
}
