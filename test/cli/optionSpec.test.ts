import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { CLUSTER_TOPICS_DEFAULTS, clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { TOPICS_OPTION_SPECS } from "../../src/pipeline/optionSpec.js";
import { cli, SEED } from "../helpers/cli.js";

const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const fast = { k: 4, stabilitySeeds: 1 } as const;
const baseline = clusterTopics(docs, fast);

/** The option as `clusterTopics` takes it: top-level, or inside vectorizer/keywords. */
function optionOf(key: string, value: unknown): Record<string, unknown> {
  const [head, leaf] = key.split(".") as [string, string | undefined];
  return leaf === undefined ? { [head]: value } : { [head]: { [leaf]: value } };
}

describe("one option spec behind the library and the CLI", () => {
  it("lists each of the library's top-level defaults as the library applies it", () => {
    for (const [key, value] of Object.entries(CLUSTER_TOPICS_DEFAULTS)) {
      const spec = TOPICS_OPTION_SPECS.find((s) => s.key === key);
      expect(spec?.default, key).toEqual(value);
    }
  });

  // (k and stabilitySeeds are set by `fast`, so giving their defaults would change the run)
  const withDefaults = TOPICS_OPTION_SPECS.filter((s) => s.default !== undefined && !(s.key in fast));
  it.each(withDefaults.map((s) => ({ key: s.key, spec: s })))(
    "$key: giving its default changes nothing in the library",
    ({ spec }) => {
      const given = clusterTopics(docs, { ...fast, ...optionOf(spec.key, spec.default) });
      expect(JSON.stringify(given)).toBe(JSON.stringify(baseline));
      const [head, leaf] = spec.key.split(".");
      if (head === "vectorizer" && leaf !== undefined) {
        const resolved = (baseline.model.vectorizer.options as unknown as Record<string, unknown>)[leaf];
        expect(resolved, spec.key).toEqual(spec.default);
      }
    },
  );

  it("the help text shows every option's flag, value and default from the spec", async () => {
    const { stdout } = await cli("--help");
    const help = stdout.replace(/\s+/g, " ");
    for (const s of TOPICS_OPTION_SPECS) {
      expect(help).toContain(`--${s.flag} ${s.value}`);
      expect(help).toContain(`${s.help} (default: ${s.defaultText})`);
    }
  });

  it("the CLI with no flags gives what the library gives with no options", async () => {
    const { code, stdout } = await cli(SEED, "--format", "json", "--quiet", "--k", "4", "--stability-seeds", "1");
    expect(code).toBe(0);
    const fromCli = JSON.parse(stdout);
    const library = clusterTopics(
      docs.map((d) => ({ title: d.title, text: d.text })),
      fast,
    );
    expect(fromCli.parameters).toEqual(JSON.parse(JSON.stringify(library.parameters)));
    expect(fromCli.assignments).toEqual(Array.from(library.assignments));
  });

  const integers = TOPICS_OPTION_SPECS.filter((s) => s.kind.type === "integer");
  it.each(integers.map((s) => ({ key: s.key, spec: s })))(
    "$key: below its minimum, the library names the option and the CLI the flag (exit 2)",
    async ({ spec }) => {
      const min = (spec.kind as { min: number }).min;
      const tooSmall = min - 1;
      let error: unknown;
      try {
        clusterTopics(docs, { ...fast, ...optionOf(spec.key, tooSmall) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(spec.argument);
      const r = await cli(SEED, `--${spec.flag}`, String(tooSmall), "--quiet");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^topiclens: --${spec.flag} must be an integer (>= ${min}|from ${min} to)`));
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    },
  );
});
