// Host names ("export.lcs.mit.edu", "ftp.uu.net:/graphics/jpeg", "github.com/user/repo") and file paths
// ("/pub/contrib/xv.tar.Z", "~/src/main.c") written without a scheme: their pieces ("edu",
// "pub", "contrib") group posts by site instead of by subject. Found by reading each "." and
// "/" with its neighbours, so ordinary prose costs one indexOf per sentence.

/**
 * A host: three labels or more ending in a generic top-level domain or in two letters (a
 * country's). A name of two labels ("Amazon.com", "arXiv.org") is a site as news names a
 * company: it is a host only with a path after it ({@link SITE}).
 */
const HOST = /^(?:[a-z0-9-]+\.){2,}(?:com|edu|org|net|gov|mil|[a-z]{2})$/i;
const SITE = /^[a-z0-9-]+\.(?:com|edu|org|net|gov|mil|[a-z]{2})$/i;

/**
 * A label of a host name has two characters or more and a letter, and is no unit's power: so
 * "1.1.We" (a missing space) and "ml.min-1.kg", "dynes.s.cm" (units) are no hosts.
 */
function isHostLabel(label: string): boolean {
  return label.length >= 2 && /[a-z]/i.test(label) && !/-\d+$/.test(label);
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** A letter, digit, "-" or ".": what a host name is written with. */
function isHostChar(c: number): boolean {
  return isAlnum(c) || c === 0x2d || c === 0x2e;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0;
}

/** The end of the run of characters from `from` that is not white space. */
function runEnd(s: string, from: number): number {
  let end = from;
  while (end < s.length && !isSpace(s.charCodeAt(end))) end++;
  return end;
}

/** Spans [start, end) of `s` that are host names (with any path written after them). */
function hostSpans(s: string, spans: number[]): void {
  for (let dot = s.indexOf("."); dot > 0; dot = s.indexOf(".", dot + 1)) {
    if (!isAlnum(s.charCodeAt(dot - 1)) || !isAlnum(s.charCodeAt(dot + 1))) continue;
    let start = dot;
    while (start > 0 && isHostChar(s.charCodeAt(start - 1))) start--;
    let end = dot + 1;
    while (end < s.length && isHostChar(s.charCodeAt(end))) end++;
    let host = end;
    while (host > start && s.charCodeAt(host - 1) === 0x2e) host--;
    // "ftp.uu.net:/graphics/jpeg", "github.com/user/repo": a path goes with its host.
    const next = s.charCodeAt(end);
    const path = next === 0x2f || (next === 0x3a && s.charCodeAt(end + 1) === 0x2f);
    const name = s.slice(start, host);
    if ((HOST.test(name) || (path && SITE.test(name))) && name.split(".").every(isHostLabel)) {
      if (path) end = runEnd(s, end);
      spans.push(start, end);
    }
    // The next "." worth reading is past this name (and the path that goes with it).
    dot = end - 1;
  }
}

/** Spans of `s` that are file paths: from a "/" (or "~/") that starts a word, with a second "/" further in. */
function pathSpans(s: string, spans: number[]): void {
  for (let slash = s.indexOf("/"); slash >= 0; slash = s.indexOf("/", slash + 1)) {
    let start = slash;
    if (start > 0 && s.charCodeAt(start - 1) === 0x7e) start--;
    if (start > 0 && !isSpace(s.charCodeAt(start - 1))) continue;
    const end = runEnd(s, slash);
    // A second "/" with a character before it and after it, within the word ("//" is no path).
    if (s.charCodeAt(slash + 1) !== 0x2f && s.lastIndexOf("/", end - 2) > slash + 1) spans.push(start, end);
    slash = end;
  }
}

/** `s` with its host names and file paths replaced by spaces (the same text when it has none). */
export function withoutHostsAndPaths(s: string): string {
  const spans: number[] = [];
  hostSpans(s, spans);
  if (s.includes("/")) pathSpans(s, spans);
  if (spans.length === 0) return s;
  const order = Array.from({ length: spans.length / 2 }, (_, i) => i).sort(
    (a, b) => (spans[2 * a] as number) - (spans[2 * b] as number),
  );
  let out = "";
  let at = 0;
  for (const i of order) {
    const start = Math.max(at, spans[2 * i] as number);
    const end = spans[2 * i + 1] as number;
    if (end <= start) continue;
    out += `${s.slice(at, start)} `;
    at = end;
  }
  return out + s.slice(at);
}
