/**
 * Small dense linear algebra on row-major Float64Arrays, enough for randomized SVD:
 * orthonormalisation and a symmetric eigensolver. Sizes here are tens to a few hundred.
 */

/**
 * Orthonormalises the columns of the `rows x cols` matrix `a` in place by modified
 * Gram-Schmidt, run twice ("twice is enough", Giraud et al. 2005) for orthogonality to
 * machine precision. A column that vanishes is left as zeros.
 */
export function orthonormalizeColumns(a: Float64Array, rows: number, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < cols; j++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += (a[r * cols + i] as number) * (a[r * cols + j] as number);
        for (let r = 0; r < rows; r++)
          a[r * cols + j] = (a[r * cols + j] as number) - dot * (a[r * cols + i] as number);
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += (a[r * cols + j] as number) ** 2;
      norm = Math.sqrt(norm);
      for (let r = 0; r < rows; r++) a[r * cols + j] = norm > 1e-300 ? (a[r * cols + j] as number) / norm : 0;
    }
  }
}

/**
 * Eigen-decomposition of a symmetric `n x n` matrix by the cyclic Jacobi method
 * (Golub & Van Loan, §8.5): accurate to machine precision. Returns eigenvalues in
 * decreasing order and the matching eigenvectors as the columns of `vectors`.
 * O(n³) per sweep, usually under 10 sweeps.
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = (a[i * n + j] as number) ** 2;
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const app = a[p * n + p] as number;
        const aqq = a[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (a[y * n + y] as number) - (a[x * n + x] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src] as number;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src] as number;
  });
  return { values, vectors };
}
