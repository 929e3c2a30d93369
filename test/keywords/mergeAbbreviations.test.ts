import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import {
  longDisplay,
  MIN_DEFINED_SHARE,
  mergeAbbreviations,
  numberVariant,
} from "../../src/keywords/mergeAbbreviations.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { column, tableOf } from "../helpers/classTable.js";
import { whitespaceTokens } from "../helpers/tokens.js";

// Two themes: federated learning, where FL is defined in most documents that use it, and
// deep networks, where "deep" is an everyday word that one document also defines as DEEP.
const federated = Array.from(
  { length: 20 },
  (_, i) =>
    `Federated learning (FL) trains models across clients without sharing data. FL client ${i % 4 === 0 ? "sampling" : "drift"} slows aggregation of client updates in FL rounds.`,
);
const deep = Array.from(
  { length: 40 },
  (_, i) =>
    `Deep networks learn deep features for image ${i % 2 === 0 ? "recognition" : "segmentation"}; deep layers extract visual features from pixels.`,
);
const definesDeep =
  "We propose decoupled estimate-error parameterization (DEEP), a deep method for image features: DEEP helps deep layers.";

describe("mergeAbbreviations", () => {
  const docs = [...federated, ...deep, definesDeep];
  const result = clusterTopics(docs, { k: 2, seed: 0 });
  const keywords = result.topics.flatMap((t) => t.keywords.map((x) => x.term));

  it("shows a short form the corpus uses with its definition beside the long form", () => {
    expect(keywords).toContain("federated learning (FL)");
    expect(result.abbreviations.map((a) => a.short)).toEqual(expect.arrayContaining(["FL", "DEEP"]));
  });

  it("leaves an everyday word alone when it is seldom used as the short form it is defined as", () => {
    // 1 definition among 41 documents with "deep": below the share that makes it an abbreviation.
    expect(1 / 41).toBeLessThan(MIN_DEFINED_SHARE);
    expect(keywords.some((t) => t.includes("(DEEP)"))).toBe(false);
    expect(keywords).toContain("deep");
  });
});

describe("mergeAbbreviations, one long form", () => {
  // RL is defined in most reinforcement-learning documents; RRL (Schwartz & Hearst also
  // match its letters in "reinforcement learning") in one.
  const rl = Array.from(
    { length: 24 },
    (_, i) =>
      `Reinforcement learning (RL) trains a policy from reward. RL agents ${i % 2 === 0 ? "explore" : "exploit"} the reward of each policy.`,
  );
  const rrl = "Reinforcement learning (RRL) with relational states: RRL policy reward.";
  const other = Array.from(
    { length: 24 },
    (_, i) =>
      `Graph neural networks embed nodes and edges of ${i % 2 === 0 ? "molecules" : "citations"} with message passing.`,
  );
  const result = clusterTopics([...rl, rrl, ...other], { k: 2, seed: 0 });
  const keywords = result.topics.flatMap((t) => t.keywords.map((x) => x.term));

  it("goes to its commonest short form, never to a rare one defined the same way", () => {
    expect(keywords).toContain("reinforcement learning (RL)");
    expect(keywords.some((t) => t.includes("(RRL)"))).toBe(false);
  });
});

describe("mergeAbbreviations, a long form with a word the tokenizer drops", () => {
  // "$\chi$ upper bound (CUBO)": the tokenizer drops "$\chi$", so the long form's words spell
  // "upper bound", a phrase the corpus uses for other bounds.
  const bounds = Array.from(
    { length: 10 },
    (_, i) =>
      `An upper bound on the regret of ${i % 2 === 0 ? "bandits" : "online learning"}: the upper bound is tight.`,
  );
  const cubo = [
    "We minimise the $\\chi$ upper bound (CUBO) of the evidence; CUBO gives an upper bound for variational inference.",
    "CUBO and variational inference: the upper bound of the evidence.",
  ];
  const graphs = Array.from(
    { length: 10 },
    (_, i) => `Graph neural networks embed ${i % 2 === 0 ? "molecules" : "citations"} with message passing over nodes.`,
  );
  const result = clusterTopics([...bounds, ...cubo, ...graphs], { k: 2, seed: 0 });

  it("is not shown with the short form", () => {
    expect(result.abbreviations.map((a) => a.short)).toContain("CUBO");
    const keywords = result.topics.flatMap((t) => t.keywords.map((x) => x.term));
    expect(keywords.filter((t) => t.includes("(CUBO)"))).toEqual([]);
    expect(keywords).toContain("upper bound");
  });
});

describe("mergeAbbreviations, a short form one at a time and several", () => {
  // LLMs is defined; LLM (one model) is written undefined, and AIS, whose S is no plural ending,
  // is defined as well: its "ai" stays a word of its own.
  const llm = Array.from({ length: 24 }, (_, i) =>
    i % 3 === 0
      ? `Large language models (LLMs) ${["answer", "rank", "write"][(i / 3) % 3]} questions; each LLM is prompted with ${i % 2 === 0 ? "examples" : "rules"}.`
      : `An LLM writes answers to questions; the LLM ${i % 2 === 0 ? "reasons" : "retrieves"} before answering.`,
  );
  const immune = Array.from(
    { length: 24 },
    (_, i) =>
      `Artificial immune systems (AIS) detect anomalies in ${i % 2 === 0 ? "networks" : "sensors"}; AI methods and AIS detectors learn signatures.`,
  );
  const result = clusterTopics([...llm, ...immune], { k: 2, seed: 0, keywords: { topN: 25 } });
  const terms = result.topics.map((t) => t.keywords.map((x) => x.term));

  it("counts the other number with the definition: no `llm` beside `large language models (LLMs)`", () => {
    const llmTopic = terms.find((list) => list.includes("large language models (LLMs)")) as string[];
    expect(llmTopic).toBeDefined();
    expect(llmTopic).not.toContain("llm");
    expect(llmTopic).not.toContain("llms");
    // Every one of the 24 documents holds LLM or LLMs, so the merged term is in all of them.
    const topic = result.topics.find((t) => t.keywords.some((x) => x.term === "large language models (LLMs)"));
    expect(topic?.size).toBe(24);
  });

  it("shows a long form in lower case but for words with capitals inside", () => {
    expect(longDisplay("Federated Learning")).toBe("federated learning");
    expect(longDisplay("Bay Area Laboratory Co-Operative")).toBe("bay area laboratory co-operative");
    expect(longDisplay("Hessian-free Bi-Level Algorithm")).toBe("hessian-free bi-level algorithm");
    expect(longDisplay("ReLU networks")).toBe("ReLU networks");
    expect(longDisplay("RGB-D Camera")).toBe("RGB-D camera");
    expect(longDisplay("Generative Pre-trained Transformer")).toBe("generative pre-trained transformer");
  });

  it("reads only a lowercase s after a capital as a plural ending", () => {
    expect(numberVariant("LLMs")).toBe("llm");
    expect(numberVariant("GNN")).toBe("gnns");
    expect(numberVariant("3Ds")).toBe("3d");
    expect(numberVariant("AIS")).toBe("aiss");
    expect(numberVariant("FedAvg")).toBeNull();
    expect(terms.flat()).toContain("artificial immune systems (AIS)");
  });
});

describe("mergeAbbreviations, a long form longer than the phrases counted", () => {
  // "reinforcement learning from human feedback" is four words once stop words are out, one
  // more than the trigrams counted: its short form's column stands for both forms, and the
  // pieces the definition leaves among the phrases ("human feedback rlhf") are no keywords.
  const rlhf = Array.from({ length: 16 }, (_, i) =>
    i % 4 === 0
      ? `Reinforcement learning from human feedback (RLHF) aligns chat assistants with ${i % 8 === 0 ? "preferences" : "values"}; RLHF trains a reward model.`
      : `RLHF ${["optimizes", "regularizes", "scales", "audits"][i % 4]} the reward model from preference ${i % 2 === 0 ? "pairs" : "rankings"}; human feedback is costly.`,
  );
  const graphs = Array.from(
    { length: 16 },
    (_, i) =>
      `Graph neural networks embed nodes and edges of ${i % 2 === 0 ? "molecules" : "citations"} with message passing.`,
  );
  const result = clusterTopics([...rlhf, ...graphs], { k: 2, seed: 0, keywords: { topN: 25 } });
  const topic = result.topics.find((t) => t.documents.includes(0));
  const counted = topic?.keywords.map((x) => x.counted ?? x.term) ?? [];

  it("is one keyword, shown with its short form, naming the topic", () => {
    expect(topic?.size).toBe(16);
    expect(topic?.name).toBe("reinforcement learning from human feedback (RLHF)");
    expect(topic?.keywords.map((x) => x.term)).toContain("reinforcement learning from human feedback (RLHF)");
  });

  it("belongs to its commonest short form: a rarer one defined the same way is not counted with it", () => {
    const rlf = [
      "Reinforcement learning from human feedback (RLF) tunes the reward model; RLF needs preference labels.",
      "RLF collects preference labels for the reward model from annotators.",
    ];
    const both = clusterTopics([...rlhf, ...rlf, ...graphs], { k: 2, seed: 0, keywords: { topN: 25 } });
    expect(both.abbreviations.map((a) => a.short)).toEqual(expect.arrayContaining(["RLHF", "RLF"]));
    const terms = both.topics.flatMap((t) => t.keywords.map((x) => x.term));
    expect(terms).toContain("reinforcement learning from human feedback (RLHF)");
    expect(terms.filter((t) => t.includes("(RLF)"))).toEqual([]);
  });

  it("leaves no piece of the definition among the keywords", () => {
    const pieces = ["human feedback rlhf", "feedback rlhf", "reinforcement learning human", "learning human feedback"];
    expect(counted.filter((term) => pieces.includes(term) || term.startsWith("reinforcement"))).toEqual([]);
  });
});

describe("mergeAbbreviations on the seed abstracts", () => {
  // Two abstracts define RLHF; its long form is four words once "from" is out.
  const abstracts = seedCorpus().map((p) => p.abstract);
  const result = clusterTopics(abstracts, { seed: 0 });

  it("names the RLHF papers' topic by the long form, and shows no piece of the definition", () => {
    const topic = result.topics.find((t) => t.keywords.some((x) => x.counted === "rlhf"));
    expect(topic?.keywords.find((x) => x.counted === "rlhf")?.term).toBe(
      "reinforcement learning from human feedback (RLHF)",
    );
    const counted = result.topics.flatMap((t) => t.keywords.map((x) => x.counted ?? x.term));
    expect(counted.filter((term) => /rlhf$|^reinforcement learning human/.test(term) && term !== "rlhf")).toEqual([]);
  });
});

describe("mergeAbbreviations, the counts of a long form that is no column", () => {
  // Texts as the tokens hold them (stop words out). RLHF is defined in the first; RLF, defined
  // the same way, in the third; "rlhfs" is RLHF's other number.
  const texts = [
    "reinforcement learning human feedback rlhf reward rlhf",
    "rlhfs reward rlhfs",
    "reinforcement learning human feedback rlf rlf reward",
    "reward",
  ];
  const labels = Int32Array.of(0, 0, 0, 1);
  const vocabulary = ["rlhf", "rlhfs", "rlf", "human feedback rlhf", "reward"];
  const long = "Reinforcement Learning from Human Feedback";
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== "" && w !== "from");
  const merged = mergeAbbreviations(tableOf(texts, labels, 2, vocabulary), whitespaceTokens(texts), labels, {
    found: [
      { short: "RLHF", long, documents: 1, agreement: 1 },
      { short: "RLF", long, documents: 1, agreement: 1 },
    ],
    wordsOf: words,
    tokensOf: (text) => text.toLowerCase().split(/\s+/).filter(Boolean),
  });

  it("counts the long form, the short form and its other number in the short form's column", () => {
    expect(merged.displayTerms?.[0]).toBe("reinforcement learning from human feedback (RLHF)");
    // rlhf 2, rlhfs 2, the long form twice (the RLF definition writes it too).
    expect(column(merged.termCounts, 0)).toEqual([6, 0]);
    expect(column(merged.documentCounts, 0)).toEqual([3, 0]);
    expect(column(merged.termCounts, 1)).toEqual([0, 0]);
  });

  it("leaves a rarer short form of the same long form alone, and drops the definition's pieces", () => {
    expect(merged.displayTerms?.[2]).toBe("rlf");
    expect(column(merged.termCounts, 2)).toEqual([2, 0]);
    expect(column(merged.termCounts, 3)).toEqual([0, 0]);
    expect(column(merged.termCounts, 4)).toEqual([3, 1]);
  });
});
