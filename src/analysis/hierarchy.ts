import type { CsrMatrix } from "../core/csr.js";
import { escapeHtml } from "../core/escape.js";
import { withMethods } from "../core/methods.js";
import { checkInteger, checkOneOf, checkOptions } from "../core/validate.js";
import { JUPYTER_DISPLAY_SYMBOL } from "../evaluate/display.js";
import type { ClassTermTable } from "../keywords/classPhraseCounts.js";
import type { Keyword } from "../keywords/clusterKeywords.js";
import { classTfidf, sumRowGroups, weighByIdf } from "../keywords/ctfidf.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import type { DocumentInput } from "../pipeline/documents.js";
import type { TopicsResult } from "../pipeline/types.js";
import { topicCaption } from "../report/compactLabel.js";
import { topicColor } from "../report/palette.js";
import { type DocumentWords, documentWords } from "./documentWords.js";
import { groupTable, keywordsFromScores } from "./groupKeywords.js";
import { cutTree, type LinkageMethod, linkage, type Merge, membersOf } from "./linkage.js";
import { intertopicMapSvg, similarityHeatmapSvg } from "./topicMaps.js";

/** One merge of the hierarchy: two topics or groups joined into a broader theme. */
export interface TopicMerge {
  /** K + i for the i-th merge (ids below K are the topics). */
  readonly id: number;
  readonly left: number;
  readonly right: number;
  /** Ward distance of the merge (higher: less alike). */
  readonly distance: number;
  /** The topics under this merge. */
  readonly topics: readonly number[];
  /** Documents under this merge. */
  readonly size: number;
  /** Keywords of all its documents together (c-TF-IDF with the topics' idf). */
  readonly keywords: readonly Keyword[];
  readonly label: string;
}

export interface TopicHierarchy {
  readonly topics: number;
  readonly linkage: LinkageMethod;
  /** Cosine similarity of every pair of topics' c-TF-IDF rows (K x K). */
  readonly similarity: readonly (readonly number[])[];
  /** The merges in SciPy's linkage-matrix layout: [left, right, distance, size] per row. */
  readonly linkageMatrix: readonly (readonly [number, number, number, number])[];
  /** The K − 1 merges, from the most alike pair to the root. */
  readonly merges: readonly TopicMerge[];
  /** The topics grouped into `groups` broader themes (undoing the last merges). */
  cut(groups: number): number[][];
  /** The tree in text, root first. */
  toString(): string;
  /** A dendrogram: topics on the left, merge distance to the right. */
  toSVG(options?: { width?: number }): string;
  /** The intertopic distance map: topics placed by similarity, bubble area by size. */
  toMapSVG(): string;
  /** The topics' similarity heatmap. */
  toHeatmapSVG(): string;
  [JUPYTER_DISPLAY_SYMBOL](): Record<string, string>;
}

export interface HierarchyOptions {
  /** Keywords per merge. @defaultValue 5 */
  readonly topN?: number;
  /**
   * `"ward"` (on the Euclidean distance of the unit rows, √(2 − 2·cos)), or `"average"`,
   * `"complete"`, `"single"` (on 1 − cos). @defaultValue "ward"
   */
  readonly linkage?: LinkageMethod;
}

/**
 * Which themes belong together: agglomerative clustering of the topics' c-TF-IDF rows, with
 * each merge named from all its documents' counts and the topics' idf, as BERTopic's
 * `hierarchical_topics` names them. Average, complete and single linkage run on 1 − cosine;
 * Ward (the default, as BERTopic's) on the Euclidean distance of the unit rows, √(2 − 2·cos):
 * the same order of similarity, and the distance Ward's criterion assumes (BERTopic feeds it
 * 1 − cos). The linkage matrix has SciPy's layout and is tested against
 * `scipy.cluster.hierarchy.linkage` for all four methods. Nothing is re-clustered.
 * @throws InvalidArgumentError for documents other than the fitted ones or bad options.
 */
export function hierarchicalTopics(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  options: HierarchyOptions = {},
): TopicHierarchy {
  const fn = "hierarchicalTopics";
  checkTopicsResult(fn, result);
  const o = checkOptions(fn, options, ["topN", "linkage"]);
  const topN = checkInteger(fn, "options.topN", o.topN ?? 5, 1);
  const method = checkOneOf(fn, "options.linkage", o.linkage ?? "ward", ["ward", "average", "complete", "single"]);
  return hierarchyOfWords(result, documentWords(fn, result, docs), method, topN);
}

/** {@link hierarchicalTopics} from the documents' words, already checked and tokenized. */
export function hierarchyOfWords(
  result: TopicsResult,
  words: DocumentWords,
  method: LinkageMethod,
  topN: number,
): TopicHierarchy {
  const K = result.topics.length;
  const table = groupTable(words, result.assignments, K);
  const { matrix, idf } = classTfidf(table.termCounts, { reduceFrequentWords: true });
  const cosine = cosineSimilarities(matrix);
  const distances = cosine.map((c) => (method === "ward" ? Math.sqrt(Math.max(0, 2 - 2 * c)) : Math.max(0, 1 - c)));
  for (let t = 0; t < K; t++) distances[t * K + t] = 0;
  const merges = K < 2 ? [] : linkage(distances, K, method);
  const members = membersOf(merges, K);
  const merged = mergedTable(
    table,
    merges.map((_, i) => members[K + i] as number[]),
  );
  const keywords = keywordsFromScores(
    merged,
    weighByIdf(merged.termCounts, idf, true),
    { keywords: { topN, maxClusterShare: 1 } },
    words.tokens,
  );
  const data = {
    topics: K,
    linkage: method,
    similarity: Array.from({ length: K }, (_, i) => Array.from(cosine.subarray(i * K, i * K + K))),
    linkageMatrix: merges.map((m) => [m.left, m.right, m.distance, m.size] as [number, number, number, number]),
    merges: merges.map((m, i) => ({
      id: K + i,
      left: m.left,
      right: m.right,
      distance: m.distance,
      topics: members[K + i] as number[],
      size: merged.sizes[i] as number,
      keywords: keywords[i]?.keywords ?? [],
      label: keywords[i]?.label ?? "",
    })),
  };
  const view: TopicHierarchy = withMethods(data, {
    cut: (groups: number) =>
      cutTree(merges, K, checkInteger("TopicHierarchy.cut", "groups", groups, 1, K, "the number of topics")),
    toString: () => treeText(result, view),
    toSVG: (opts?: { width?: number }) => dendrogramSvg(result, view, merges, opts?.width),
    toMapSVG: () => intertopicMapSvg(result, data.similarity),
    toHeatmapSVG: () => similarityHeatmapSvg(result, data.similarity),
    [JUPYTER_DISPLAY_SYMBOL]: () => ({
      "text/html": `<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">${dendrogramSvg(result, view, merges)}${intertopicMapSvg(result, data.similarity)}${similarityHeatmapSvg(result, data.similarity)}</div>`,
      "image/svg+xml": dendrogramSvg(result, view, merges),
      "text/plain": treeText(result, view),
    }),
  });
  return view;
}

/** Cosine similarity of every pair of rows of a sparse matrix (1 on the diagonal). */
function cosineSimilarities(m: CsrMatrix): Float64Array {
  const k = m.rows;
  const norms = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    let s = 0;
    for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) s += (m.data[p] as number) ** 2;
    norms[r] = Math.sqrt(s) || 1;
  }
  const dense = new Float64Array(m.cols);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let p = m.indptr[i] as number; p < (m.indptr[i + 1] as number); p++)
      dense[m.indices[p] as number] = (m.data[p] as number) / (norms[i] as number);
    for (let j = i + 1; j < k; j++) {
      let dot = 0;
      for (let p = m.indptr[j] as number; p < (m.indptr[j + 1] as number); p++)
        dot += (dense[m.indices[p] as number] as number) * (m.data[p] as number);
      const c = dot / (norms[j] as number);
      out[i * k + j] = c;
      out[j * k + i] = c;
    }
    out[i * k + i] = 1;
    for (let p = m.indptr[i] as number; p < (m.indptr[i + 1] as number); p++) dense[m.indices[p] as number] = 0;
  }
  return out;
}

/** The counts of each group of topics: the sums of its topics' rows (the topics hold disjoint documents). */
function mergedTable(table: ClassTermTable, groups: readonly (readonly number[])[]): ClassTermTable {
  return {
    vocabulary: table.vocabulary,
    termCounts: sumRowGroups(table.termCounts, groups),
    documentCounts: sumRowGroups(table.documentCounts, groups),
    sizes: Int32Array.from(groups, (g) => g.reduce((a, t) => a + (table.sizes[t] as number), 0)),
  };
}

function nodeName(result: TopicsResult, view: TopicHierarchy, id: number): string {
  return id < view.topics
    ? `[${id}] ${result.topics[id]?.label ?? ""}`
    : `${view.merges[id - view.topics]?.label ?? ""} (${id})`;
}

function treeText(result: TopicsResult, view: TopicHierarchy): string {
  if (view.merges.length === 0) return `${nodeName(result, view, 0)}`;
  const lines: string[] = [];
  const walk = (id: number, prefix: string, last: boolean, root: boolean) => {
    lines.push(
      `${prefix}${root ? "" : last ? "└─" : "├─"}${id < view.topics ? "" : "■──"}${nodeName(result, view, id)}`,
    );
    if (id < view.topics) return;
    const m = view.merges[id - view.topics] as TopicMerge;
    const next = root ? "" : `${prefix}${last ? "    " : "│   "}`;
    walk(m.left, next, false, false);
    walk(m.right, next, true, false);
  };
  walk(view.topics + view.merges.length - 1, "", true, true);
  return lines.join("\n");
}

function dendrogramSvg(result: TopicsResult, view: TopicHierarchy, merges: readonly Merge[], width = 760): string {
  const K = view.topics;
  const rowHeight = 18;
  const labelWidth = 260;
  const height = Math.max(1, K) * rowHeight + 30;
  const root = K + merges.length - 1;
  const order: number[] = [];
  const visit = (id: number) => {
    if (id < K) order.push(id);
    else {
      const m = merges[id - K] as Merge;
      visit(m.left);
      visit(m.right);
    }
  };
  visit(K < 2 ? 0 : root);
  const maxD = Math.max(1e-12, ...merges.map((m) => m.distance));
  const sx = (d: number) => labelWidth + (d / maxD) * (width - labelWidth - 20);
  const y = new Map<number, number>();
  order.forEach((t, i) => {
    y.set(t, 12 + i * rowHeight);
  });
  const parts: string[] = [];
  for (const t of order) {
    parts.push(
      `<text x="${labelWidth - 8}" y="${((y.get(t) as number) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${topicColor(t)}"><title>${escapeHtml(result.topics[t]?.label ?? "")}</title>${escapeHtml(topicCaption(t, result.topics[t]?.label ?? "", 42))}</text>`,
    );
  }
  merges.forEach((m, i) => {
    const [yl, yr] = [y.get(m.left) as number, y.get(m.right) as number];
    const [xl, xr] = [
      m.left < K ? sx(0) : sx((merges[m.left - K] as Merge).distance),
      m.right < K ? sx(0) : sx((merges[m.right - K] as Merge).distance),
    ];
    const x = sx(m.distance);
    y.set(K + i, (yl + yr) / 2);
    const label = view.merges[i]?.label ?? "";
    parts.push(
      `<path d="M${xl.toFixed(1)},${yl.toFixed(1)}H${x.toFixed(1)}V${yr.toFixed(1)}H${xr.toFixed(1)}" fill="none" stroke="#777" stroke-width="1.4"><title>${escapeHtml(`${label} · distance ${m.distance.toFixed(3)}`)}</title></path>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif" role="img" aria-label="Topic hierarchy">${parts.join("")}</svg>`;
}
