/** `target.push(...items)` without spreading into arguments, which overflows the stack for long arrays. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

export function maxOf(values: Iterable<number>, fallback: number): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max === -Infinity ? fallback : max;
}
