import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { withoutHostsAndPaths } from "../../src/text/hostsAndPaths.js";
import {
  createTokenizer,
  PHRASE_BREAK,
  SKLEARN_TOKEN_PATTERN,
  tokenize,
  withoutNonText,
} from "../../src/text/tokenize.js";
import { readFixture } from "../helpers/data.js";

describe("tokenize(text)", () => {
  it("keeps intra-word hyphens and strips possessives", () => {
    expect(tokenize("Adam's 1-bit variant of k-means on non-IID data picks the top-k")).toEqual([
      "adam",
      "1-bit",
      "variant",
      "of",
      "k-means",
      "on",
      "non-iid",
      "data",
      "picks",
      "the",
      "top-k",
    ]);
  });
  it("keeps accented and Devanagari words whole", () => {
    expect(tokenize("café naïve रामायण Ελληνικά")).toEqual(["café", "naïve", "रामायण", "ελληνικά"]);
  });
  it("drops one-character tokens, pure numbers and LaTeX debris", () => {
    expect(tokenize("a rate of \\mathcal{O}(h^{1/4}) with epsilon = 0.5 and ln n in 2023 for x_{ij}")).toEqual([
      "rate",
      "of",
      "with",
      "and",
      "in",
      "for",
    ]);
    expect(tokenize("mathcal mathbb ln cot")).toEqual([]);
  });
  it("marks, when asked, each run of dropped numbers after a word, and nothing a custom pattern reads", () => {
    const B = PHRASE_BREAK;
    const marking = createTokenizer({}, "test", "options", true);
    expect(marking("12 div 12 cts vs 10.5 cts, up 3 pct from 1,200 in 1987's")).toEqual([
      "div",
      B,
      "cts",
      "vs",
      B,
      "cts",
      "up",
      B,
      "pct",
      "from",
      B,
      "in",
      B,
    ]);
    // A dropped letter ("a", "x") is no break: one-letter stop words do not stop phrases.
    expect(marking("dlrs a barrel at x")).toEqual(["dlrs", "barrel", "at"]);
    expect(createTokenizer({ keepNumbers: true }, "test", "options", true)("up 30 pct")).toEqual(["up", "30", "pct"]);
    const custom = createTokenizer({ tokenPattern: SKLEARN_TOKEN_PATTERN }, "test", "options", true);
    expect(custom("up 3 pct in 1987")).toEqual(["up", "pct", "in", "1987"]);
    expect(() => createTokenizer({}, "test", "options", "yes" as unknown as boolean)).toThrow(
      /test: marking must be true or false; got "yes"/,
    );
    // Unmarked, the same text reads as before.
    expect(tokenize("div 12 cts vs 10.5 cts")).toEqual(["div", "cts", "vs", "cts"]);
  });
  it("folds ligatures and typographic apostrophes (NFKC)", () => {
    expect(tokenize("ﬁne-tuning the model’s weights")).toEqual(["fine-tuning", "the", "model", "weights"]);
  });
  it("keeps numbers when asked and respects minLength", () => {
    expect(tokenize("trained in 76 minutes", { keepNumbers: true })).toEqual(["trained", "in", "76", "minutes"]);
    expect(tokenize("an ab abc", { minLength: 3 })).toEqual(["abc"]);
  });
  it("drops e-mail addresses, message ids, URLs and encoded runs, never text in scripts without spaces", () => {
    const post =
      "Mail joe.smith@cs.uiuc.edu (Joe), see https://github.com/a/b?x=1 or www.example.org/page.\n" +
      "In article <1993Apr5.123@netcom.com> he wrote\n" +
      "M>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX\n" +
      "MEIH@$H^,#\",4*&?8%'U#6#,-V`W!H>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX>'AX\nend 中文文本中文文本中文文本中文文本中文文本中文文本中文文本中文文本中文文本中文文本";
    expect(tokenize(post, { segmentWords: false })).toEqual([
      "mail",
      "joe",
      "see",
      "or",
      "in",
      "article",
      "he",
      "wrote",
      "end",
      "中文文本".repeat(10),
    ]);
    // By default the Chinese run is split into its words, all of them kept.
    expect(tokenize(post).slice(9)).toEqual(Array.from({ length: 10 }, () => ["中文", "文本"]).flat());
    // Off: the pieces come back, as before the option existed.
    const kept = tokenize(post, { dropNonText: false, dropHostsAndPaths: false });
    for (const piece of ["uiuc", "edu", "github", "netcom", "ax", "example"]) expect(kept).toContain(piece);
    // A long hyphenated word or formula with spaces is text.
    expect(tokenize("a state-of-the-art method")).toEqual(["state-of-the-art", "method"]);
    expect(() => tokenize("x", { dropNonText: 1 as unknown as boolean })).toThrow(/options.dropNonText/);
  });
  it("drops host names and file paths, and keeps newsgroup names, abbreviations and word pairs", () => {
    const post =
      "Get it by anonymous ftp from export.lcs.mit.edu in /pub/contrib/xv-2.21.tar.Z, or from " +
      "ftp.uu.net:/graphics/jpeg (see github.com/user/repo and cs.cmu.edu.) into ~/src/main.c";
    expect(tokenize(post)).toEqual([
      "get",
      "it",
      "by",
      "anonymous",
      "ftp",
      "from",
      "in",
      "or",
      "from",
      "see",
      "and",
      "into",
    ]);
    const prose =
      "Posted to rec.sport.hockey and comp.windows.x, e.g. U.S.A. results and/or input/output, 0.5 Node.js; Amazon.com sells; " +
      "version 1.1.We dosed 3 ml.min-1.kg and 2 dynes.s.cm";
    expect(tokenize(prose)).toEqual(tokenize(prose, { dropHostsAndPaths: false }));
    // Off: the pieces come back, as before the option existed.
    const kept = tokenize(post, { dropHostsAndPaths: false });
    for (const piece of [
      "export",
      "lcs",
      "mit",
      "edu",
      "pub",
      "contrib",
      "uu",
      "net",
      "graphics",
      "jpeg",
      "github",
      "src",
    ]) {
      expect(kept).toContain(piece);
    }
    expect(() => tokenize("x", { dropHostsAndPaths: 1 as unknown as boolean })).toThrow(
      /tokenize: options.dropHostsAndPaths must be true or false; got 1/,
    );
  });
  it("drops hosts and paths only from words holding a dot or a slash, and once for all (property)", () => {
    const pieces = fc.constantFrom(
      "ftp",
      ".",
      "/",
      "edu",
      "uk",
      "mit",
      "a",
      " ",
      "\n",
      "~",
      ":",
      "com",
      "x-1",
      "(",
      ")",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const out = withoutHostsAndPaths(text);
        expect(withoutHostsAndPaths(out)).toBe(out);
        const words = (s: string) => s.split(/\s+/).filter((w) => w !== "" && !/[./]/.test(w));
        expect(words(out)).toEqual(words(text));
      }),
    );
  });
  it("splits runs of scripts written without spaces into words, and leaves every other script as it was", () => {
    // Chinese; Japanese mixing kanji, kana and Latin in one run; Thai. One-character words go as minLength says.
    const { cases } = readFixture<{ cases: [string, string[]][] }>("segmented-words.json");
    for (const [text, words] of cases) expect(tokenize(text)).toEqual(words);
    expect(tokenize("机器学习", { segmentWords: false })).toEqual(["机器学习"]);
    expect(tokenize("机器学习")).toEqual(["机器", "学习"]);
    // Scripts with spaces between words are not segmented: the same tokens either way.
    const spaced = "Federated learning (FL) über Geräte, обучение моделей, 한국어 텍스트 분석, don't stop";
    expect(tokenize(spaced)).toEqual(tokenize(spaced, { segmentWords: false }));
    expect(() => tokenize("x", { segmentWords: "yes" as unknown as boolean })).toThrow(
      /tokenize: options.segmentWords must be true or false; got "yes"/,
    );
  });
  it("finds every run of 40 printable ASCII characters, wherever it starts and however long (property)", () => {
    const pieces = fc.constantFrom("a", "b", "7", ">", "-", " ", "\n", "é", "文", "ab".repeat(15), "x".repeat(39));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        expect(withoutNonText(text)).toBe(text.replace(/(?<![\x21-\x7e])[\x21-\x7e]{40,}/g, " "));
      }),
    );
  });
  it("with SKLEARN_TOKEN_PATTERN gives scikit-learn's default tokens", () => {
    // sklearn: CountVectorizer().build_analyzer()("Non-IID data, café_bar x2 ÿ 1-bit")
    expect(tokenize("Non-IID data, café_bar x2 ÿ 1-bit", { tokenPattern: SKLEARN_TOKEN_PATTERN })).toEqual([
      "non",
      "iid",
      "data",
      "café_bar",
      "x2",
      "bit",
    ]);
  });
  it("uses the first capture group of a custom pattern", () => {
    expect(tokenize("#one #two three", { tokenPattern: /#(\w+)/ })).toEqual(["one", "two"]);
  });
  it("rejects a non-string text and bad options with a typed error", () => {
    expect(() => tokenize(42 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => tokenize(42 as unknown as string)).toThrow(/tokenize: text must be a string; got 42/);
    expect(() => tokenize("x", { minLength: 0 })).toThrow(/options.minLength must be an integer >= 1; got 0/);
    expect(() => tokenize("x", { lowercase: "yes" as unknown as boolean })).toThrow(/options.lowercase/);
    expect(() => tokenize("x", { colour: 1 } as never)).toThrow(/unknown option options.colour/);
  });
});

describe("tokenize where the runtime has no Intl.Segmenter", () => {
  it("keeps runs of scripts written without spaces whole, as with segmentWords: false", async () => {
    const segmenter = Intl.Segmenter;
    vi.resetModules();
    (Intl as { Segmenter?: unknown }).Segmenter = undefined;
    try {
      // A fresh copy of the module: it looks for the segmenter on first use.
      const fresh = await import("../../src/text/tokenize.js");
      expect(fresh.tokenize("机器学习 and words")).toEqual(["机器学习", "and", "words"]);
    } finally {
      (Intl as { Segmenter?: unknown }).Segmenter = segmenter;
      vi.resetModules();
    }
  });
});
