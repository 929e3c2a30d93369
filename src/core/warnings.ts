/** What a warning is about, for code that reacts to it rather than reading its message. */
export type WarningCode =
  /** Worker threads failed or were unavailable; the work went on in one thread (same result). */
  | "parallel-fallback"
  /** k-means re-seeded empty clusters. */
  | "empty-clusters"
  /** Fewer distinct clusters than k: duplicate points. */
  | "duplicate-points"
  /** k-means stopped at maxIter. */
  | "not-converged"
  /** An onIteration callback stopped the run. */
  | "stopped"
  /** options.kRange reached the number of documents to cluster and was cut below it. */
  | "k-range-cut"
  /** Too few documents to choose k; k = 1. */
  | "too-few-documents"
  /** Documents without a vocabulary term. */
  | "empty-documents"
  /** minDf/maxDf left no terms; every term was kept. */
  | "terms-kept"
  /** No keyword survived the keywords' minDf; every term was kept. */
  | "keywords-kept"
  /** LSA was skipped: the corpus is too small for it. */
  | "reduce-ignored"
  /** Fewer LSA dimensions than asked for could be computed. */
  | "reduce-clamped"
  /** More documents than a consensus of runs is made for: one k-means run made the topics. */
  | "consensus-ignored"
  /** With outliers on, a cluster too small to be a topic was dissolved; its documents are outliers. */
  | "tiny-clusters-dissolved"
  /** A zero-shot topic took no document and was dropped. */
  | "zero-shot-unused"
  /** Documents whose cluster was not given were left out (nameClusters). */
  | "clusters-unassigned"
  /** Topics were named from a sample of each given cluster (nameClusters). */
  | "clusters-sampled"
  /** Two topics named by the same words were merged and another topic split in two (k stays). */
  | "topics-resplit"
  /** documentWeights "words" was asked on the mini-batch path, which weighs documents alike. */
  | "document-weights-equal"
  /** A warning saved by an older version, which gave warnings no code. */
  | "other";

/** A warning: a stable code and a message for people. */
export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
}

export function warning(code: WarningCode, message: string): Warning {
  return Object.freeze({ code, message });
}

/** Puts `note` in place of the earlier warning with its code (a later stage knowing more), or at the end. */
export function replaceWarning(warnings: Warning[], note: Warning): void {
  const at = warnings.findIndex((w) => w.code === note.code);
  if (at >= 0) warnings.splice(at, 1, note);
  else warnings.push(note);
}

/** A saved warning: `{ code, message }`, or an older version's plain message. */
export function warningFromJSON(value: unknown): Warning {
  if (typeof value === "string") return warning("other", value);
  const w = value as Partial<Warning> | null;
  return warning(
    (typeof w?.code === "string" ? w.code : "other") as WarningCode,
    typeof w?.message === "string" ? w.message : String(value),
  );
}
