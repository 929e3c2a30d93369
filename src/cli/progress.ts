import type { TopicsProgress } from "../pipeline/types.js";

const PHASES: Record<TopicsProgress["phase"], string> = {
  vectorize: "reading and tokenizing",
  reduce: "reducing dimensions",
  "choose-k": "choosing k",
  cluster: "clustering",
  keywords: "extracting keywords",
  quality: "measuring quality",
};

/**
 * A one-line progress bar redrawn on a TTY stream: the phase, its steps (documents while
 * reading), the time spent and, once a phase's total is known, an estimate of what is left.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  now: () => number = () => performance.now(),
): { update(p: TopicsProgress): void; done(): void } {
  const width = 24;
  const start = now();
  let last = "";
  let phase: TopicsProgress["phase"] | null = null;
  let phaseStart = start;
  return {
    update(p) {
      const t = now();
      if (p.phase !== phase) {
        phase = p.phase;
        phaseStart = t;
      }
      const elapsed = (t - start) / 1000;
      let line: string;
      if (p.total > 0) {
        const share = Math.min(1, p.done / p.total);
        const filled = Math.round(share * width);
        const inPhase = (t - phaseStart) / 1000;
        const eta = share > 0 && share < 1 ? ` ~${formatSeconds((inPhase / share) * (1 - share))} left` : "";
        line = `${PHASES[p.phase].padEnd(22)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done.toLocaleString("en")}/${p.total.toLocaleString("en")} ${formatSeconds(elapsed)}${eta}`;
      } else {
        line = `${PHASES[p.phase].padEnd(22)} ${p.done.toLocaleString("en")} documents ${formatSeconds(elapsed)}`;
      }
      if (line === last) return;
      last = line;
      stream.write(`\r${line}\x1b[K`);
    },
    done() {
      if (last) stream.write("\r\x1b[K");
    },
  };
}

function formatSeconds(s: number): string {
  return s < 60 ? `${s.toFixed(0)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
}
