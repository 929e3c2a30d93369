// The README's scale charts: total time and peak memory against corpus size (log scale), one
// line per pipeline. `points`: { name, size, total, peakMB }.
export function chart(points) {
  const names = [...new Set(points.map((p) => p.name))];
  const colors = ["#4e79a7", "#f28e2b", "#59a14f"];
  const sizes = [...new Set(points.map((p) => p.size))];
  const panel = (key, label, x0) => {
    const max = Math.max(...points.map((p) => p[key]));
    const sx = (s) =>
      x0 + 50 + ((Math.log10(s) - Math.log10(sizes[0])) / (Math.log10(sizes.at(-1)) - Math.log10(sizes[0]) || 1)) * 260;
    const sy = (v) => 250 - (v / max) * 200;
    let out = `<text x="${x0 + 180}" y="24" font-size="13" text-anchor="middle">${label}</text><line x1="${x0 + 50}" y1="250" x2="${x0 + 310}" y2="250" stroke="#999"/><line x1="${x0 + 50}" y1="50" x2="${x0 + 50}" y2="250" stroke="#999"/>`;
    out += `<text x="${x0 + 44}" y="54" font-size="10" text-anchor="end">${max.toFixed(0)}</text><text x="${x0 + 44}" y="250" font-size="10" text-anchor="end">0</text>`;
    for (const s of sizes)
      out += `<text x="${sx(s)}" y="266" font-size="10" text-anchor="middle">${s >= 1e6 ? `${s / 1e6}M` : `${s / 1e3}k`}</text>`;
    names.forEach((name, i) => {
      const ps = points.filter((p) => p.name === name);
      out += `<polyline fill="none" stroke="${colors[i]}" stroke-width="2" points="${ps.map((p) => `${sx(p.size).toFixed(1)},${sy(p[key]).toFixed(1)}`).join(" ")}"/>`;
      for (const p of ps)
        out += `<circle cx="${sx(p.size).toFixed(1)}" cy="${sy(p[key]).toFixed(1)}" r="3" fill="${colors[i]}"/>`;
    });
    return out;
  };
  const legend = names
    .map(
      (n, i) =>
        `<rect x="${20 + i * 230}" y="285" width="10" height="10" fill="${colors[i]}"/><text x="${35 + i * 230}" y="294" font-size="11">${n}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="310" font-family="system-ui,sans-serif" role="img" aria-label="Total time and peak memory against corpus size"><title>Total time and peak memory against corpus size</title>${panel("total", "total seconds", 0)}${panel("peakMB", "peak memory (MB)", 360)}${legend}</svg>\n`;
}
