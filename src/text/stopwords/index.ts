import * as lists from "stopword";
import { describeValue } from "../../core/describe.js";
import { InvalidArgumentError } from "../../core/errors.js";
import { SKLEARN_ENGLISH_STOP_WORDS } from "./sklearn.js";

export { SKLEARN_ENGLISH_STOP_WORDS };

/**
 * Stop words: a language code (ISO 639-1 such as `"de"`, or the ISO 639-3 name used
 * by the `stopword` package such as `"deu"`), `"sklearn"` for scikit-learn's English
 * list, an explicit list, or `false` for none.
 */
export type StopWordsSpec = string | readonly string[] | false;

/** ISO 639-1 → the `stopword` package's list names (62 languages). */
const ISO_639_1: Readonly<Record<string, string>> = {
  af: "afr",
  ar: "ara",
  bg: "bul",
  bn: "ben",
  br: "bre",
  ca: "cat",
  cs: "ces",
  da: "dan",
  de: "deu",
  el: "ell",
  en: "eng",
  eo: "epo",
  es: "spa",
  et: "est",
  eu: "eus",
  fa: "fas",
  fi: "fin",
  fr: "fra",
  ga: "gle",
  gl: "glg",
  gu: "guj",
  ha: "hau",
  he: "heb",
  hi: "hin",
  hr: "hrv",
  hu: "hun",
  hy: "hye",
  id: "ind",
  it: "ita",
  ja: "jpn",
  ko: "kor",
  ku: "kur",
  la: "lat",
  lt: "lit",
  lv: "lav",
  mr: "mar",
  ms: "msa",
  my: "mya",
  nb: "nob",
  nl: "nld",
  no: "nob",
  pa: "panGu",
  pl: "pol",
  pt: "por",
  "pt-br": "porBr",
  ro: "ron",
  ru: "rus",
  sk: "slk",
  sl: "slv",
  so: "som",
  st: "sot",
  sv: "swe",
  sw: "swa",
  th: "tha",
  tl: "tgl",
  tr: "tur",
  uk: "ukr",
  ur: "urd",
  vi: "vie",
  yo: "yor",
  zh: "zho",
  zu: "zul",
};

const available = lists as unknown as Record<string, readonly string[] | undefined>;

/** The language codes accepted by `stopWords`. */
export const STOP_WORD_LANGUAGES: readonly string[] = Object.freeze(Object.keys(ISO_639_1).sort());

export interface ResolvedStopWords {
  /** What was asked for: a language code, `"sklearn"`, `"custom"` or `"none"`. */
  readonly name: string;
  readonly words: ReadonlySet<string>;
}

/**
 * Resolves a {@link StopWordsSpec} into a lower-cased set. `"en"` is the union of the
 * `stopword` package's English list and scikit-learn's (the former alone lacks
 * "however", "not", "its", ...), which measurably cleans topic keywords.
 * @throws InvalidArgumentError for an unknown language or a non-string list entry.
 */
export function resolveStopWords(
  spec: StopWordsSpec,
  fn: string,
  extra: readonly string[] = [],
  option = "options.stopWords",
): ResolvedStopWords {
  let name: string;
  let base: readonly string[];
  if (spec === false) {
    name = "none";
    base = [];
  } else if (typeof spec === "string") {
    const code = spec.toLowerCase();
    if (code === "sklearn") {
      name = "sklearn";
      base = SKLEARN_ENGLISH_STOP_WORDS;
    } else {
      const listName = ISO_639_1[code] ?? (Object.values(ISO_639_1).includes(code) ? code : undefined);
      const list = listName === undefined ? undefined : available[listName];
      if (list === undefined) {
        throw new InvalidArgumentError(
          `${fn}: ${option} must be a known language code (${STOP_WORD_LANGUAGES.join(", ")}), "sklearn", a list of words or false; got ${describeValue(spec)}`,
          option,
        );
      }
      name = code;
      base = code === "en" || code === "eng" ? [...list, ...SKLEARN_ENGLISH_STOP_WORDS] : list;
    }
  } else if (Array.isArray(spec)) {
    name = "custom";
    base = spec;
  } else {
    throw new InvalidArgumentError(
      `${fn}: ${option} must be a language code, a list of words or false; got ${describeValue(spec)}`,
      option,
    );
  }
  const words = new Set<string>();
  for (const list of [base, extra]) {
    for (let i = 0; i < list.length; i++) {
      const w = list[i];
      if (typeof w !== "string") {
        throw new InvalidArgumentError(
          `${fn}: stop words must be strings; got ${describeValue(w)} at position ${i}`,
          option,
        );
      }
      words.add(w.toLowerCase());
    }
  }
  return { name, words };
}
