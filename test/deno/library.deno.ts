// Library tests run by Deno against the built ESM package (`deno test --allow-read test/deno`).
// They show that the core imports unchanged in Deno and computes what it computes in Node.
import {
  adjustedRandIndex,
  clusterTopics,
  fitTransformTfidf,
  kmeans,
  SKLEARN_TOKEN_PATTERN,
  tokenize,
  truncatedSvd,
} from "../../dist/index.js";
import { seedCorpus } from "../../dist/seed.js";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function fixture<T>(name: string): Promise<T> {
  const raw = await Deno.readFile(new URL(`../fixtures/${name}`, import.meta.url));
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as T;
}

const papers = seedCorpus();

Deno.test("tokenize keeps hyphenated words and drops math debris", () => {
  const tokens = tokenize("Adam's 1-bit variant of k-means on non-IID data, \\mathcal{O}(h^{1/4})");
  assert(
    JSON.stringify(tokens) === JSON.stringify(["adam", "1-bit", "variant", "of", "k-means", "on", "non-iid", "data"]),
    `got ${tokens}`,
  );
});

Deno.test("tokenize splits Chinese, Japanese and Thai into the words Node's ICU finds", async () => {
  const { cases } = JSON.parse(
    await Deno.readTextFile(new URL("../fixtures/segmented-words.json", import.meta.url)),
  ) as { cases: [string, string[]][] };
  for (const [text, words] of cases) {
    const tokens = tokenize(text);
    assert(JSON.stringify(tokens) === JSON.stringify(words), `${text}: got ${tokens}`);
  }
});

Deno.test("fitTransformTfidf matches scikit-learn's TfidfVectorizer on the seed corpus", async () => {
  const golden = await fixture<{
    cases: { name: string; vocabulary: string[]; matrix: { indices: number[]; data: number[] } }[];
  }>("tfidf-sklearn.json.gz");
  const c = golden.cases.find((x) => x.name === "seed");
  assert(c !== undefined, "seed case missing");
  const { model, matrix } = fitTransformTfidf(
    papers.map((p) => p.abstract),
    {
      tokenPattern: SKLEARN_TOKEN_PATTERN,
      stopWords: "sklearn",
      ngramRange: [1, 2],
      minDf: 2,
      maxDf: 0.5,
      sublinearTf: true,
    },
  );
  assert(JSON.stringify(model.vocabulary) === JSON.stringify(c.vocabulary), "vocabulary differs");
  assert(JSON.stringify(Array.from(matrix.indices)) === JSON.stringify(c.matrix.indices), "structure differs");
  for (let i = 0; i < c.matrix.data.length; i++) {
    assert(Math.abs((matrix.data[i] as number) - (c.matrix.data[i] as number)) <= 1e-12, `value ${i} differs`);
  }
});

Deno.test("kmeans is deterministic and truncatedSvd runs on CSR input", () => {
  const { matrix } = fitTransformTfidf(
    papers.map((p) => p.abstract),
    { minDf: 2 },
  );
  const a = kmeans(matrix, 6, { metric: "cosine", seed: 5, nInit: 3 });
  const b = kmeans(matrix, 6, { metric: "cosine", seed: 5, nInit: 3 });
  assert(adjustedRandIndex(a.labels, b.labels) === 1 && a.inertia === b.inertia, "k-means differs between equal seeds");
  const svd = truncatedSvd(matrix, 10);
  assert(
    svd.singularValues.length === 10 && (svd.singularValues[0] as number) >= (svd.singularValues[9] as number),
    "bad SVD",
  );
});

Deno.test("clusterTopics finds the federated-learning theme of the seed corpus", () => {
  const result = clusterTopics(papers.map((p) => ({ title: p.title, text: p.abstract })));
  const fl = result.topics.find((t) => t.label.includes("federated learning"));
  assert(fl !== undefined && fl.size >= 8, "no federated-learning theme");
  const bundle = (result as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]?.();
  assert(bundle?.["text/html"]?.includes("<svg"), "no HTML display");
});
