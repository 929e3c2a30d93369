/**
 * Orders strings by Unicode code point, as Python's `sorted` does. JavaScript's
 * default comparison uses UTF-16 code units, which disagrees for characters above
 * U+FFFF versus U+E000–U+FFFF; the fast path below is exact whenever no surrogate
 * is involved at the first difference.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
      return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
    }
    return x - y;
  }
  return a.length - b.length;
}
