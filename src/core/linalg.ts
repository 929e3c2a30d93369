/**
 * Small dense linear algebra on row-major Float64Arrays, enough for randomized SVD:
 * orthonormalisation and a symmetric eigensolver. Sizes here are tens to a few hundred.
 */

/**
 * Orthonormalises the columns of the `rows x cols` matrix `a` (row-major) in place by
 * Cholesky QR ("CholeskyQR2" with two passes, Fukaya et al. 2014): `Q = A·R⁻¹` with
 * `AᵀA = RᵀR`. The result spans the same space as a QR factor would, with rows read in
 * order (cache-friendly) instead of the strided column passes of Gram-Schmidt, and costs
 * O(cols³/3) beyond the two row passes. When the Gram matrix is numerically singular (fewer
 * independent columns than `cols`), that pass goes through its eigen-decomposition
 * instead, `Q = A·V·Λ^(-1/2)`, and directions with negligible energy become zero.
 * One pass already gives a well-conditioned basis; the second restores orthogonality to
 * machine precision. O(passes·rows·cols²).
 */
export function orthonormalizeColumns(
  a: Float64Array,
  rows: number,
  cols: number,
  passes = 2,
  kernels: RowKernels = JAVASCRIPT_ROW_KERNELS,
): void {
  for (let pass = 0; pass < passes; pass++) {
    const gram = kernels.gramUpper(a, rows, cols);
    const transform = inverseCholeskyFactor(gram, cols) ?? eigenWhitening(gram, cols);
    kernels.transformRows(a, rows, cols, transform);
  }
}

/**
 * R⁻¹ (upper triangular, row-major) for the Cholesky factor R of the symmetric matrix whose
 * upper triangle is in `gram` (AᵀA = RᵀR), or null when a pivot is not clearly positive.
 */
function inverseCholeskyFactor(gram: Float64Array, n: number): Float64Array | null {
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, gram[i * n + i] as number);
  if (!(largest > 0)) return null;
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let d = gram[i * n + i] as number;
    for (let k = 0; k < i; k++) d -= (r[k * n + i] as number) ** 2;
    // Below this, the column is (nearly) a combination of the others: whiten instead.
    if (!(d > largest * 1e-12)) return null;
    const rii = Math.sqrt(d);
    r[i * n + i] = rii;
    for (let j = i + 1; j < n; j++) {
      let v = gram[i * n + j] as number;
      for (let k = 0; k < i; k++) v -= (r[k * n + i] as number) * (r[k * n + j] as number);
      r[i * n + j] = v / rii;
    }
  }
  // Back substitution, column by column: R·X = I.
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i >= 0; i--) {
      let v = i === j ? 1 : 0;
      for (let k = i + 1; k <= j; k++) v -= (r[i * n + k] as number) * (inv[k * n + j] as number);
      inv[i * n + j] = v / (r[i * n + i] as number);
    }
  }
  return inv;
}

/** V·Λ^(-1/2) from the eigen-decomposition of the Gram matrix (upper triangle given), dropping directions below round-off. */
function eigenWhitening(gram: Float64Array, cols: number): Float64Array {
  const full = gram.slice();
  for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) full[i * cols + j] = full[j * cols + i] as number;
  const { values, vectors } = symmetricEigen(full, cols);
  const top = Math.max(values[0] as number, 0);
  const transform = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) {
    const lambda = values[j] as number;
    if (!(lambda > top * 1e-24) || lambda <= 0) continue;
    const inv = 1 / Math.sqrt(lambda);
    for (let i = 0; i < cols; i++) transform[i * cols + j] = (vectors[i * cols + j] as number) * inv;
  }
  return transform;
}

/**
 * The two row passes of {@link orthonormalizeColumns}; the WebAssembly versions (see
 * reduce/linalgKernels.ts) do the same multiply-adds in the same order.
 */
/** AᵀA in full (A rows x cols, row-major): the row kernels' upper triangle, mirrored. */
export function gramMatrix(
  a: Float64Array,
  rows: number,
  cols: number,
  kernels: RowKernels = JAVASCRIPT_ROW_KERNELS,
): Float64Array {
  const gram = kernels.gramUpper(a, rows, cols);
  for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) gram[i * cols + j] = gram[j * cols + i] as number;
  return gram;
}

export interface RowKernels {
  /** Upper triangle of AᵀA (rows x cols A), rows in order, zero entries of A skipped. */
  gramUpper(a: Float64Array, rows: number, cols: number): Float64Array;
  /** Each row of A becomes row·T (T cols x cols), zero entries of the row skipped. */
  transformRows(a: Float64Array, rows: number, cols: number, transform: Float64Array): void;
}

export const JAVASCRIPT_ROW_KERNELS: RowKernels = {
  gramUpper(a, rows, cols) {
    const gram = new Float64Array(cols * cols);
    for (let r = 0; r < rows; r++) {
      const off = r * cols;
      for (let i = 0; i < cols; i++) {
        const x = a[off + i] as number;
        if (x === 0) continue;
        axpy(gram, i * cols + i, a, off + i, x, cols - i);
      }
    }
    return gram;
  },
  transformRows(a, rows, cols, transform) {
    const row = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      const off = r * cols;
      row.fill(0);
      for (let i = 0; i < cols; i++) {
        const x = a[off + i] as number;
        if (x === 0) continue;
        axpy(row, 0, transform, i * cols, x, cols);
      }
      a.set(row, off);
    }
  },
};

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

/** `y[yOff + j] += alpha * x[xOff + j]` for j < n, unrolled by four for speed. */
export function axpy(y: Float64Array, yOff: number, x: Float64Array, xOff: number, alpha: number, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    y[yOff + j] = (y[yOff + j] as number) + alpha * (x[xOff + j] as number);
    y[yOff + j + 1] = (y[yOff + j + 1] as number) + alpha * (x[xOff + j + 1] as number);
    y[yOff + j + 2] = (y[yOff + j + 2] as number) + alpha * (x[xOff + j + 2] as number);
    y[yOff + j + 3] = (y[yOff + j + 3] as number) + alpha * (x[xOff + j + 3] as number);
  }
  for (; j < n; j++) y[yOff + j] = (y[yOff + j] as number) + alpha * (x[xOff + j] as number);
}
