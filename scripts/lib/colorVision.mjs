// How far apart two colours look, for normal vision and the three dichromacies: Machado,
// Oliveira and Fernandes (2009) simulation matrices at severity 1, applied in linear sRGB,
// then the CIE76 distance in CIELAB (D65). Used to choose and to test the topic palette.

const CVD = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** The kinds of vision compared: normal and the three dichromacies. */
export const VISIONS = ["normal", ...Object.keys(CVD)];

const toLinear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function linearRgb(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => toLinear(c / 255));
}

function lab([r, g, b]) {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The colour as seen with `vision`, in CIELAB. */
export function seenLab(hex, vision) {
  const rgb = linearRgb(hex);
  const m = CVD[vision];
  if (!m) return lab(rgb);
  const clamp = (v) => Math.min(1, Math.max(0, v));
  return lab([0, 1, 2].map((i) => clamp(m[3 * i] * rgb[0] + m[3 * i + 1] * rgb[1] + m[3 * i + 2] * rgb[2])));
}

/** CIE76 distance between two colours as seen with `vision`. */
export function seenDistance(a, b, vision) {
  const p = seenLab(a, vision);
  const q = seenLab(b, vision);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The smallest distance between two colours over every kind of vision. */
export function worstDistance(a, b) {
  return Math.min(...VISIONS.map((v) => seenDistance(a, b, v)));
}
