import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.js";

const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);
const sh = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("the packed package", () => {
  it("installs from its tarball and works through import, require and TypeScript", () => {
    const work = mkdtempSync(join(tmpdir(), "topiclens-pack-"));
    sh("npm", ["pack", "--pack-destination", work, "--silent"], ROOT);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz")) as string;
    const app = join(work, "app");
    execFileSync("mkdir", [app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, tarball)], app);

    writeFileSync(
      join(app, "esm.mjs"),
      `import { clusterTopics, fitTfidf } from "topiclens";\nimport { seedCorpus } from "topiclens/seed";\nimport { loadSeedCorpus } from "topiclens/node";\nconst docs = seedCorpus();\nconst disk = await loadSeedCorpus();\nconst r = clusterTopics(docs.map((p) => p.abstract), { k: 6 });\nconsole.log(docs.length, disk.length, r.topics.length, fitTfidf(["alpha beta gamma", "beta gamma delta"]).vocabulary.length);\n`,
    );
    expect(sh("node", ["esm.mjs"], app).trim()).toBe("70 70 6 4");

    writeFileSync(
      join(app, "cjs.cjs"),
      `const { kmeans, tokenize } = require("topiclens");\nconst { seedCorpus } = require("topiclens/seed");\nconsole.log(seedCorpus().length, tokenize("Non-IID k-means")[1], kmeans([[0],[1],[10]], 2).k);\n`,
    );
    expect(sh("node", ["cjs.cjs"], app).trim()).toBe("70 k-means 2");
    // The example its own comment tells readers to run ships with the package, and runs.
    const example = sh("node", [join(app, "node_modules", "topiclens", "examples", "seed-topics.mjs")], app);
    expect(example).toMatch(/^70 documents, \d+ topics/);
    const shipped = readdirSync(join(app, "node_modules", "topiclens"));
    expect(shipped).toContain("LICENSE");
    expect(readdirSync(join(app, "node_modules", "topiclens", "dist")).some((f) => f.endsWith(".map"))).toBe(false);

    writeFileSync(
      join(app, "main.ts"),
      `import { clusterTopics, type TopicsResult, type KMeansResult, kmeans } from "topiclens";\nimport { readDocuments } from "topiclens/node";\nconst r: TopicsResult = clusterTopics(["a text", "another text", "more text here"], { k: 2 });\nconst km: KMeansResult = kmeans([[1], [2]], 1);\nconst n: number = r.topics.length + km.k;\n// @ts-expect-error k must be a number or "auto"\nclusterTopics(["x"], { k: "many" });\nvoid readDocuments; void n;\n`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["main.ts"],
      }),
    );
    sh(bin("tsc"), ["-p", "."], app);
    expect(sh("node", [join(app, "node_modules", "topiclens", "dist", "cli.js"), "--version"], app).trim()).toMatch(
      /^\d+\.\d+\.\d+$/,
    );
  });

  it("passes publint and arethetypeswrong", () => {
    expect(sh(bin("publint"), ["--strict"], ROOT)).toMatch(/All good/);
    // the default profile: node10 resolution (typesVersions) as well as node16 and bundlers
    sh(bin("attw"), ["--pack", "."], ROOT);
  });
});
