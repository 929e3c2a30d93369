import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkInteger, checkOneOf } from "../core/validate.js";
import { CLUSTER_KEYWORDS_DEFAULTS } from "../keywords/clusterKeywords.js";
import { TFIDF_DEFAULTS } from "../vectorize/options.js";

/**
 * The options of `clusterTopics`, each declared once: where it lives, what values it
 * takes, its default and its help. The library's defaults and checks of the top-level
 * options come from here, and so do the CLI's flags, help text and parsing, so the two
 * cannot drift apart. (Vectorizer and keyword options are checked by their own modules,
 * which other entry points share; their defaults here are those modules' constants.)
 */

/** What values an option takes. */
export type OptionKind =
  | { readonly type: "integer"; readonly min: number; readonly max?: number }
  /** An integer or one of the words (`k: "auto"`, `reduce: "none"`). */
  | { readonly type: "integer-or"; readonly words: readonly string[]; readonly min: number }
  | { readonly type: "choice"; readonly choices: readonly string[] }
  /** `[min, max]` integers; one integer N on the command line means [N, N]. */
  | { readonly type: "range"; readonly min: number }
  /** A number: a fraction of the documents below 1, a document count from 1 on. */
  | { readonly type: "fraction-or-count" }
  /** On or off: `true`/`false` in the library, `on`/`off` on the command line. */
  | { readonly type: "switch" }
  /** Anything else: the flag's text is turned into the library value by `fromFlag`. */
  | { readonly type: "custom"; readonly fromFlag: (text: string) => unknown };

export interface TopicsOptionSpec {
  /** Its place in `ClusterTopicsOptions`: `"k"`, `"vectorizer.minDf"`, `"keywords.topN"`. */
  readonly key: string;
  /** The name the library's errors give it (`InvalidArgumentError.argument`, up to an index). */
  readonly argument: string;
  /** The CLI flag, without its dashes. */
  readonly flag: string;
  /** What the flag takes, as the help shows it. */
  readonly value: string;
  readonly kind: OptionKind;
  /** The library's default; undefined when it depends on the corpus (see `defaultText`). */
  readonly default: unknown;
  /** The default as the help text says it. */
  readonly defaultText: string;
  readonly help: string;
}

/** A flag's text that does not parse as the value its option takes. */
export class FlagValueError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
    this.name = "FlagValueError";
  }
}

const INTEGER = /^[+-]?\d+$/;

function spec(s: TopicsOptionSpec): TopicsOptionSpec {
  return Object.freeze(s);
}

export const TOPICS_OPTION_SPECS: readonly TopicsOptionSpec[] = Object.freeze([
  spec({
    key: "k",
    argument: "options.k",
    flag: "k",
    value: "auto|N",
    kind: { type: "integer-or", words: ["auto"], min: 1 },
    default: "auto",
    defaultText: "auto",
    help: "number of topics; auto picks it by a k sweep",
  }),
  spec({
    key: "kRange",
    argument: "options.kRange",
    flag: "k-range",
    value: "MIN-MAX",
    kind: { type: "range", min: 2 },
    default: undefined,
    defaultText: "2 to min(20, sqrt(n) + 2)",
    help: "range searched by --k auto",
  }),
  spec({
    key: "seed",
    argument: "options.seed",
    flag: "seed",
    value: "N",
    kind: { type: "integer", min: 0, max: Number.MAX_SAFE_INTEGER },
    default: 0,
    defaultText: "0",
    help: "seed of every random choice",
  }),
  spec({
    key: "algorithm",
    argument: "options.algorithm",
    flag: "algorithm",
    value: "A",
    kind: { type: "choice", choices: ["kmeans", "nmf"] },
    default: "kmeans",
    defaultText: "kmeans",
    help: "kmeans, or nmf: scikit-learn's NMF of the TF-IDF rows, each document in its heaviest component (needs --k N)",
  }),
  spec({
    key: "metric",
    argument: "options.metric",
    flag: "metric",
    value: "M",
    kind: { type: "choice", choices: ["cosine", "euclidean"] },
    default: "cosine",
    defaultText: "cosine",
    help: "k-means metric: cosine or euclidean",
  }),
  spec({
    key: "reduce",
    argument: "options.reduce",
    flag: "reduce",
    value: "auto|N|none",
    kind: { type: "integer-or", words: ["auto", "none"], min: 2 },
    default: "auto",
    defaultText: "auto: documents / 10 (10 to 100) from 20 documents on, none below",
    help: "LSA dimensions before clustering",
  }),
  spec({
    key: "nInit",
    argument: "options.nInit",
    flag: "n-init",
    value: "N",
    kind: { type: "integer", min: 1 },
    default: 10,
    defaultText: "10",
    help: "k-means restarts",
  }),
  spec({
    key: "consensus",
    argument: "options.consensus",
    flag: "consensus",
    value: "N",
    kind: { type: "integer-or", words: ["auto"], min: 1 },
    default: "auto",
    defaultText: "auto",
    help: "k-means runs whose consensus makes the topics, up to 500 documents (auto: 10; 1: one run)",
  }),
  spec({
    key: "sampleSize",
    argument: "options.sampleSize",
    flag: "sample-size",
    value: "N",
    kind: { type: "integer", min: 100 },
    default: 20_000,
    defaultText: "20000",
    help: "above N documents, LSA components, restarts, stability and the k sweep use a seeded sample of N",
  }),
  spec({
    key: "path",
    argument: "options.path",
    flag: "path",
    value: "P",
    kind: { type: "choice", choices: ["auto", "full-batch", "mini-batch"] },
    default: "auto",
    defaultText: "auto: mini-batch from --mini-batch-from documents on",
    help: "k-means path: auto, full-batch or mini-batch",
  }),
  spec({
    key: "miniBatchFrom",
    argument: "options.miniBatchFrom",
    flag: "mini-batch-from",
    value: "N",
    kind: { type: "integer", min: 1 },
    default: 200_000,
    defaultText: "200000",
    help: "where --path auto switches to mini-batch k-means",
  }),
  spec({
    key: "representatives",
    argument: "options.representatives",
    flag: "representatives",
    value: "N",
    kind: { type: "integer", min: 0 },
    default: 3,
    defaultText: "3",
    help: "representative documents listed per topic",
  }),
  spec({
    key: "stabilitySeeds",
    argument: "options.stabilitySeeds",
    flag: "stability-seeds",
    value: "N",
    kind: { type: "integer", min: 1 },
    default: 3,
    defaultText: "3",
    help: "seeds compared to measure stability when --k is given (1 skips it)",
  }),
  spec({
    key: "abbreviations",
    argument: "options.abbreviations",
    flag: "abbreviations",
    value: "on|off",
    kind: { type: "switch" },
    default: true,
    defaultText: "on",
    help: 'count a short form the corpus defines, as in "federated learning (FL)", as its long form in the keywords',
  }),
  spec({
    key: "documentWeights",
    argument: "options.documentWeights",
    flag: "document-weights",
    value: "auto|words|equal",
    kind: { type: "choice", choices: ["auto", "words", "equal"] },
    default: "auto",
    defaultText: "auto: words when the documents' lengths differ widely",
    help: "how documents weigh in k-means' centres: by their words (up to 200) or equally",
  }),
  spec({
    key: "redundantTopics",
    argument: "options.redundantTopics",
    flag: "redundant-topics",
    value: "resplit|keep",
    kind: { type: "choice", choices: ["resplit", "keep"] },
    default: "resplit",
    defaultText: "resplit",
    help: "two topics named by the same words: merge them and split the least uniform other topic (resplit), or keep them",
  }),
  spec({
    key: "refine",
    argument: "options.refine",
    flag: "refine",
    value: "auto|mixture|none",
    kind: { type: "choice", choices: ["auto", "mixture", "none"] },
    default: "auto",
    defaultText: "auto",
    help: "refine k-means' topics by EM for a mixture of multinomials over each document's words (mixture); auto: when the corpus is read whole (up to --sample-size documents)",
  }),
  spec({
    key: "vectorizer.stopWords",
    argument: "options.vectorizer.stopWords",
    flag: "lang",
    value: "CODE|none",
    kind: { type: "custom", fromFlag: (text) => (text === "none" ? false : text) },
    default: TFIDF_DEFAULTS.stopWords,
    defaultText: String(TFIDF_DEFAULTS.stopWords),
    help: "stop-word language (en, de, fr, ..., or sklearn), or none for no stop words",
  }),
  spec({
    key: "vectorizer.ngramRange",
    argument: "options.vectorizer.ngramRange",
    flag: "ngram",
    value: "MIN-MAX",
    kind: { type: "range", min: 1 },
    default: [1, 1],
    defaultText: "1-1",
    help: "n-gram sizes of the clustering vectors",
  }),
  spec({
    key: "vectorizer.minDf",
    argument: "options.vectorizer.minDf",
    flag: "min-df",
    value: "N",
    kind: { type: "fraction-or-count" },
    default: 2,
    defaultText: "2",
    help: "ignore terms in fewer documents (a count, or a fraction below 1)",
  }),
  spec({
    key: "vectorizer.maxDf",
    argument: "options.vectorizer.maxDf",
    flag: "max-df",
    value: "F",
    kind: { type: "fraction-or-count" },
    default: 0.5,
    defaultText: "0.5",
    help: "ignore terms in more documents (a fraction up to 1, or a count)",
  }),
  spec({
    key: "vectorizer.maxFeatures",
    argument: "options.vectorizer.maxFeatures",
    flag: "max-features",
    value: "N",
    kind: { type: "integer", min: 1 },
    default: TFIDF_DEFAULTS.maxFeatures,
    defaultText: "all terms",
    help: "keep only the N most frequent terms",
  }),
  spec({
    key: "vectorizer.stem",
    argument: "options.vectorizer.stem",
    flag: "stem",
    value: "porter2|none",
    kind: { type: "custom", fromFlag: (text) => (text === "none" ? null : text) },
    default: TFIDF_DEFAULTS.stem,
    defaultText: "none",
    help: "stem words before clustering (keywords still show words)",
  }),
  spec({
    key: "vectorizer.tokenPattern",
    argument: "options.vectorizer.tokenPattern",
    flag: "token-pattern",
    value: "REGEX",
    kind: {
      type: "custom",
      fromFlag: (text) => {
        try {
          return new RegExp(text, "gu");
        } catch (error) {
          throw new FlagValueError(
            "token-pattern",
            `--token-pattern is not a regular expression: ${(error as Error).message}`,
          );
        }
      },
    },
    default: undefined,
    defaultText: "letters and digits, 2 or more, hyphens and apostrophes inside words",
    help: "what a token is (a JavaScript regular expression, Unicode mode)",
  }),
  spec({
    key: "keywords.topN",
    argument: "options.keywords.topN",
    flag: "top",
    value: "N",
    kind: { type: "integer", min: 1 },
    default: CLUSTER_KEYWORDS_DEFAULTS.topN,
    defaultText: String(CLUSTER_KEYWORDS_DEFAULTS.topN),
    help: "keywords per topic",
  }),
]);

/** The spec of one option, by its key. */
export function optionSpec(key: string): TopicsOptionSpec {
  const found = TOPICS_OPTION_SPECS.find((s) => s.key === key);
  if (found === undefined) throw new Error(`no option spec for ${key}`);
  return found;
}

/**
 * The library's check of a top-level option, from its spec: the value, or an
 * InvalidArgumentError naming `options.<key>`.
 */
export function checkSpecValue<T>(fn: string, key: string, value: unknown): T {
  const { kind, argument } = optionSpec(key);
  switch (kind.type) {
    case "integer":
      return checkInteger(fn, argument, value, kind.min, kind.max) as T;
    case "integer-or":
      if (typeof value === "string" && kind.words.includes(value)) return value as T;
      if (typeof value !== "number") {
        const words = kind.words.map((w) => JSON.stringify(w)).join(", ");
        throw new InvalidArgumentError(
          `${fn}: ${argument} must be ${words} or an integer >= ${kind.min}; got ${describeValue(value)}`,
          argument,
        );
      }
      return checkInteger(fn, argument, value, kind.min) as T;
    case "choice":
      return checkOneOf(fn, argument, value, kind.choices) as T;
    case "switch":
      return checkBoolean(fn, argument, value) as T;
    case "range": {
      if (!Array.isArray(value) || value.length !== 2)
        throw new InvalidArgumentError(
          `${fn}: ${argument} must be [min, max], two integers; got ${describeValue(value)}`,
          argument,
        );
      const lo = checkInteger(fn, `${argument}[0]`, value[0], kind.min);
      const hi = checkInteger(fn, `${argument}[1]`, value[1], lo, undefined, `at least ${argument}[0] = ${lo}`);
      return [lo, hi] as T;
    }
    default:
      throw new InvalidArgumentError(`${fn}: ${argument} has no spec check`, argument);
  }
}

/** A flag's text as the value its option takes; range checks are left to the library. */
export function fromFlagText(s: TopicsOptionSpec, text: string): unknown {
  const { kind, flag } = s;
  const bad = (what: string): never => {
    throw new FlagValueError(flag, `--${flag} must be ${what}; got "${text}"`);
  };
  switch (kind.type) {
    case "integer":
      return INTEGER.test(text.trim()) ? Number(text) : bad("an integer");
    case "integer-or":
      if (kind.words.includes(text)) return text;
      return INTEGER.test(text.trim()) ? Number(text) : bad(`${kind.words.join(", ")} or an integer`);
    case "choice":
      return kind.choices.includes(text) ? text : bad(kind.choices.join(", ").replace(/, ([^,]*)$/, " or $1"));
    case "switch":
      return text === "on" ? true : text === "off" ? false : bad("on or off");
    case "range": {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(text);
      if (!m) return bad("MIN-MAX, e.g. 2-20");
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (hi < lo) throw new FlagValueError(flag, `--${flag} ${text} is reversed: MIN must not be larger than MAX`);
      return [lo, hi];
    }
    case "fraction-or-count": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? n : bad("a number");
    }
    case "custom":
      return kind.fromFlag(text);
  }
}
