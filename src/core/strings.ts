/**
 * A copy of `s` that shares no storage with a longer string it was cut from. Engines keep
 * a substring as a view of its parent (V8 from 13 characters on), so a vocabulary term
 * kept for the whole run would keep its whole document alive: at a million abstracts that
 * is more memory than everything else the pipeline holds. For strings kept long-term only.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Many short strings packed as UTF-8 in one growing byte array (about a byte a character
 * for Latin text, with no per-string header): the excerpts of a million streamed documents
 * in a fifth of the memory of as many strings.
 */
export class PackedStrings {
  private bytes = new Uint8Array(1 << 16);
  private ends = new Int32Array(1024);
  private used = 0;
  length = 0;

  push(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const need = this.used + 3 * s.length;
    if (need > this.bytes.length) {
      const next = new Uint8Array(Math.max(need, 2 * this.bytes.length));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    this.used += encoder.encodeInto(s, this.bytes.subarray(this.used)).written;
    if (this.length === this.ends.length) {
      const next = new Int32Array(2 * this.ends.length);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[this.length++] = this.used;
  }

  get(i: number): string {
    const start = i === 0 ? 0 : (this.ends[i - 1] as number);
    return decoder.decode(this.bytes.subarray(start, this.ends[i] as number));
  }
}

/**
 * Position of each of `named` in `list` (its first), for those it holds: a lookup of a few
 * strings in a vocabulary without a map of the whole vocabulary.
 */
export function indexOfNamed(list: readonly string[], named: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  list.forEach((s, i) => {
    if (named.has(s) && !out.has(s)) out.set(s, i);
  });
  return out;
}
