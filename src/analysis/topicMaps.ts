import { escapeHtml } from "../core/escape.js";
import type { TopicsResult } from "../pipeline/types.js";
import { topicCaption } from "../report/compactLabel.js";
import { topicColor } from "../report/palette.js";

/**
 * Two views of how the topics relate, from their c-TF-IDF similarities: an intertopic
 * distance map (classical multidimensional scaling of 1 − cosine to 2-D, bubble area ∝
 * size, as BERTopic's `visualize_topics`) and a similarity heatmap. Self-contained SVG.
 */

/** 2-D coordinates whose distances best keep `distances` (classical MDS: top two eigenvectors of the double-centred squares). */
export function classicalMds(distances: readonly (readonly number[])[]): [number, number][] {
  const k = distances.length;
  const b = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => -0.5 * ((distances[i] as number[])[j] as number) ** 2),
  );
  const rowMean = b.map((r) => r.reduce((a, v) => a + v, 0) / k);
  const all = rowMean.reduce((a, v) => a + v, 0) / k;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++)
      (b[i] as number[])[j] = ((b[i] as number[])[j] as number) - (rowMean[i] as number) - (rowMean[j] as number) + all;
  const vectors: number[][] = [];
  const values: number[] = [];
  for (let e = 0; e < 2; e++) {
    // Power iteration from a fixed start, deflating the first eigenvector: deterministic.
    let v = Array.from({ length: k }, (_, i) => 1 + ((i * 7919) % 13) / 13);
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      let w = b.map((row) => row.reduce((a, x, j) => a + x * (v[j] as number), 0));
      for (const u of vectors) {
        const dot = w.reduce((a, x, j) => a + x * (u[j] as number), 0);
        w = w.map((x, j) => x - dot * (u[j] as number));
      }
      const norm = Math.sqrt(w.reduce((a, x) => a + x * x, 0)) || 1;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    vectors.push(v);
    values.push(lambda);
  }
  return Array.from({ length: k }, (_, i) => [
    ((vectors[0] as number[])[i] as number) * Math.sqrt(values[0] as number),
    ((vectors[1] as number[])[i] as number) * Math.sqrt(values[1] as number),
  ]);
}

export function intertopicMapSvg(result: TopicsResult, similarity: readonly (readonly number[])[], size = 420): string {
  const k = similarity.length;
  const points = classicalMds(similarity.map((row) => row.map((c) => Math.max(0, 1 - c))));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 50;
  const sx = (x: number) => pad + ((x - minX) / (maxX - minX || 1)) * (size - 2 * pad);
  const sy = (y: number) => pad + ((y - minY) / (maxY - minY || 1)) * (size - 2 * pad);
  const largest = Math.max(1, ...result.topics.map((t) => t.size));
  const parts = [`<rect width="${size}" height="${size}" fill="#fafafa" stroke="#ddd"/>`];
  for (let t = 0; t < k; t++) {
    const topic = result.topics[t];
    const r = 6 + 28 * Math.sqrt((topic?.size ?? 0) / largest);
    const [x, y] = [sx(points[t]?.[0] ?? 0), sy(points[t]?.[1] ?? 0)];
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${topicColor(t)}" fill-opacity="0.55" stroke="${topicColor(t)}"><title>${escapeHtml(`[${t}] ${topic?.label ?? ""} (${topic?.size ?? 0} documents)`)}</title></circle>`,
      `<text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="#222">${t}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="system-ui,sans-serif" role="img" aria-label="Intertopic distance map">${parts.join("")}</svg>`;
}

export function similarityHeatmapSvg(
  result: TopicsResult,
  similarity: readonly (readonly number[])[],
  cell = 22,
): string {
  const k = similarity.length;
  const label = 220;
  const width = label + k * cell + 10;
  const height = label / 2 + k * cell + 10;
  const top = label / 2;
  const off = similarity.flatMap((row, i) => row.filter((_, j) => j !== i));
  const max = Math.max(1e-12, ...off);
  const parts: string[] = [];
  for (let i = 0; i < k; i++) {
    parts.push(
      `<text x="${label - 6}" y="${(top + i * cell + cell / 2 + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${topicColor(i)}"><title>${escapeHtml(result.topics[i]?.label ?? "")}</title>${escapeHtml(topicCaption(i, result.topics[i]?.label ?? "", 34))}</text>`,
      `<text x="${(label + i * cell + cell / 2).toFixed(1)}" y="${top - 6}" font-size="11" text-anchor="middle" fill="${topicColor(i)}">${i}</text>`,
    );
    for (let j = 0; j < k; j++) {
      const v = (similarity[i] as number[])[j] as number;
      const shade = i === j ? 1 : Math.min(1, Math.max(0, v / max));
      const color = `rgb(${Math.round(255 - 200 * shade)},${Math.round(255 - 140 * shade)},${Math.round(255 - 60 * shade)})`;
      parts.push(
        `<rect x="${label + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="${color}"><title>${escapeHtml(`${i} · ${j}: cosine ${v.toFixed(3)}`)}</title></rect>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif" role="img" aria-label="Topic similarity">${parts.join("")}</svg>`;
}
