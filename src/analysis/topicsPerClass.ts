import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { withMethods } from "../core/methods.js";
import { checkBoolean, checkInteger, checkOptions } from "../core/validate.js";
import { htmlTable, JUPYTER_DISPLAY_SYMBOL } from "../evaluate/display.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import type { DocumentInput } from "../pipeline/documents.js";
import type { TopicsResult } from "../pipeline/types.js";
import { csvField } from "../report/csv.js";
import { documentWords } from "./documentWords.js";
import { type TopicInGroup, topicsByGroup } from "./topicsByGroup.js";

export interface TopicsPerClassOptions {
  /** Average each class's keywords of a topic with the topic's global ones. @defaultValue true */
  readonly globalTuning?: boolean;
  /** Keywords per topic and class. @defaultValue 5 */
  readonly topN?: number;
}

/** One topic within one class. */
export interface TopicInClass extends Omit<TopicInGroup, "group"> {
  readonly class: string;
}

export interface TopicsPerClass {
  /** The classes, sorted, with their documents. */
  readonly classes: readonly { readonly name: string; readonly documents: number }[];
  readonly rows: readonly TopicInClass[];
  /** Documents without a class (null, undefined or ""), left out. */
  readonly skipped: { readonly count: number; readonly indices: readonly number[] };
  toCSV(): string;
  toString(): string;
  [JUPYTER_DISPLAY_SYMBOL](): Record<string, string>;
}

/**
 * How the topics spread over known classes (venues, sources, labels), with each class's
 * own keywords for each topic, as BERTopic's `topics_per_class`. Nothing is re-clustered.
 * @throws InvalidArgumentError for documents other than the fitted ones, or classes of the wrong length.
 */
export function topicsPerClass(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  classes: readonly (string | number | null | undefined)[],
  options: TopicsPerClassOptions = {},
): TopicsPerClass {
  const fn = "topicsPerClass";
  checkTopicsResult(fn, result);
  const o = checkOptions(fn, options, ["globalTuning", "topN"]);
  const globalTuning = checkBoolean(fn, "options.globalTuning", o.globalTuning ?? true);
  const topN = checkInteger(fn, "options.topN", o.topN ?? 5, 1);
  const n = result.assignments.length;
  if (!Array.isArray(classes) || classes.length !== n) {
    throw new InvalidArgumentError(
      `${fn}: classes must hold one class per document (${n}); got ${Array.isArray(classes) ? classes.length : describeValue(classes)}`,
      "classes",
    );
  }
  const names = [...new Set(classes.filter((c) => c !== null && c !== undefined && c !== "").map(String))].sort();
  const index = new Map(names.map((c, i) => [c, i]));
  const classOf = Int32Array.from(classes, (c) =>
    c === null || c === undefined || c === "" ? -1 : (index.get(String(c)) as number),
  );
  const skipped = [...classOf.keys()].filter((i) => classOf[i] === -1);
  const rows = topicsByGroup(
    result,
    documentWords(fn, result, docs),
    classOf,
    names.length,
    { global: globalTuning, evolution: false },
    { keywords: { topN } },
  ).map(({ group, ...row }) => ({ class: names[group] as string, ...row }));
  const sizes = names.map((_, g) => classOf.filter((c) => c === g).length);
  const data = {
    classes: names.map((name, g) => ({ name, documents: sizes[g] as number })),
    rows,
    skipped: { count: skipped.length, indices: skipped },
  };
  const text = () =>
    data.classes
      .map(
        (c) =>
          `${c.name} (${c.documents} documents)\n${rows
            .filter((r) => r.class === c.name)
            .sort((a, b) => b.count - a.count || a.topic - b.topic)
            .map(
              (r) =>
                `  [${r.topic}] ${String(r.count).padStart(5)}  ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.keywords.map((k) => k.term).join(", ")}`,
            )
            .join("\n")}`,
      )
      .join("\n\n");
  return withMethods(data, {
    toCSV: () =>
      `class,topic,count,share,keywords\n${rows
        .map((r) =>
          [r.class, r.topic, r.count, r.share, r.keywords.map((k) => k.term).join("; ")].map(csvField).join(","),
        )
        .join("\n")}\n`,
    toString: text,
    [JUPYTER_DISPLAY_SYMBOL]: () => ({
      "text/html": htmlTable(
        ["class", "topic", "documents", "share", "keywords"],
        rows.map((r) => [
          r.class,
          `${r.topic} ${result.topics[r.topic]?.label ?? ""}`,
          String(r.count),
          r.share,
          r.keywords.map((k) => k.term).join(", "),
        ]),
      ),
      "text/plain": text(),
    }),
  });
}
