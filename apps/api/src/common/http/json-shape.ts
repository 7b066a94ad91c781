import { codePointName, firstUnstorable } from '#libs/content';

/** How deep a request body or query may nest: the deepest real body (content in a map) needs 5. */
export const MAX_JSON_DEPTH = 32;

/** The longest array any body may hold: ten times a variant's most nodes (CONTENT_LIMITS). */
export const MAX_ARRAY_LENGTH = 20_000;

/** Keys that name an object's machinery, never data: refused wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonShapeProblem =
  | { kind: 'tooDeep'; limit: number }
  | { kind: 'tooLong'; field: string; limit: number }
  | { kind: 'forbiddenKey'; field: string; key: string }
  | { kind: 'unstorable'; field: string; character: string };

/**
 * The first thing in a parsed body (or query) that must not go further: nesting deeper than
 * `maxDepth`, an array longer than MAX_ARRAY_LENGTH, a key such as `__proto__`, or a string (value or key) holding a character the store
 * cannot keep (NUL, a lone surrogate). Iterative, so a hostile nesting cannot overflow the stack
 * here; later stages (class-transformer, class-validator) recurse and are only reached by bodies
 * that passed. Fields are named like validation errors: `variants.ru[3].text`.
 */
export function checkJsonShape(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const at = firstUnstorable(v);
      if (at >= 0) return { kind: 'unstorable', field: path || 'body', character: codePointName(v, at) };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) return { kind: 'tooDeep', limit: maxDepth };
    if (Array.isArray(v)) {
      if (v.length > MAX_ARRAY_LENGTH) return { kind: 'tooLong', field: path || 'body', limit: MAX_ARRAY_LENGTH };
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbiddenKey', field, key };
      const at = firstUnstorable(key);
      if (at >= 0) return { kind: 'unstorable', field: path || 'body', character: codePointName(key, at) };
      stack.push({ value: (v as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Does the decoded path hold a character the store cannot hold? Such a path names nothing that can
 * exist (ids and slugs are stored), so it is answered 404 before any lookup sends it to PostgreSQL.
 */
export function pathIsUnstorable(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false; // a malformed escape: Express answers it itself (400)
  }
  return firstUnstorable(decoded) >= 0;
}
