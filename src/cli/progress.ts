import type { TopicsProgress } from "../pipeline/types.js";

const PHASES: Record<TopicsProgress["phase"], string> = {
  vectorize: "vectorizing",
  reduce: "reducing dimensions",
  "choose-k": "choosing k",
  cluster: "clustering",
  keywords: "extracting keywords",
  quality: "measuring quality",
};

/** A one-line progress bar redrawn on a TTY stream. */
export function progressBar(stream: NodeJS.WriteStream): { update(p: TopicsProgress): void; done(): void } {
  const width = 24;
  let last = "";
  return {
    update(p) {
      const share = p.total > 0 ? p.done / p.total : 0;
      const filled = Math.round(share * width);
      const line = `${PHASES[p.phase].padEnd(20)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${p.total}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}\x1b[K`);
    },
    done() {
      if (last) stream.write("\r\x1b[K");
    },
  };
}
