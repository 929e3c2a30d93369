/**
 * Agglomerative clustering of a few points (topics), as SciPy's
 * `scipy.cluster.hierarchy.linkage`: start from every point alone, merge the two closest
 * clusters, and update the distances by the Lance-Williams formula of the method (Ward's:
 * least increase of the within-cluster sum of squares; average: UPGMA; complete; single).
 * O(n³) on n points: meant for topics (n ≤ a few hundred).
 */

/** How the distance to a merged cluster is computed (SciPy's method names). */
export type LinkageMethod = "ward" | "average" | "complete" | "single";

/** One merge: clusters `left` and `right` (ids < n are points, n + i the i-th merge) at `distance`. */
export interface Merge {
  readonly left: number;
  readonly right: number;
  readonly distance: number;
  /** Points in the new cluster. */
  readonly size: number;
}

/**
 * The n − 1 merges of linkage on `distances` (n x n, symmetric; Euclidean for Ward), in
 * increasing order of distance, as SciPy's linkage matrix rows (left < right).
 */
export function linkage(distances: Float64Array, n: number, method: LinkageMethod = "ward"): Merge[] {
  // Ward's Lance-Williams update works on squared distances, the others on distances.
  const ward = method === "ward";
  const d2 = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) d2[i] = ward ? (distances[i] as number) ** 2 : (distances[i] as number);
  const active = Array.from({ length: n }, (_, i) => i);
  const id = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Float64Array(n).fill(1);
  const merges: Merge[] = [];
  for (let step = 0; step < n - 1; step++) {
    let best = Number.POSITIVE_INFINITY;
    let bi = -1;
    let bj = -1;
    for (let x = 0; x < active.length; x++) {
      const i = active[x] as number;
      for (let y = x + 1; y < active.length; y++) {
        const j = active[y] as number;
        const v = d2[i * n + j] as number;
        if (v < best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    const [ni, nj] = [size[bi] as number, size[bj] as number];
    for (const k of active) {
      if (k === bi || k === bj) continue;
      const nk = size[k] as number;
      const [dki, dkj] = [d2[k * n + bi] as number, d2[k * n + bj] as number];
      const v =
        method === "ward"
          ? ((ni + nk) * dki + (nj + nk) * dkj - nk * best) / (ni + nj + nk)
          : method === "average"
            ? (ni * dki + nj * dkj) / (ni + nj)
            : method === "complete"
              ? Math.max(dki, dkj)
              : Math.min(dki, dkj);
      d2[k * n + bi] = v;
      d2[bi * n + k] = v;
    }
    const [a, b] = [id[bi] as number, id[bj] as number];
    merges.push({
      left: Math.min(a, b),
      right: Math.max(a, b),
      distance: ward ? Math.sqrt(Math.max(0, best)) : best,
      size: ni + nj,
    });
    size[bi] = ni + nj;
    id[bi] = n + step;
    active.splice(active.indexOf(bj), 1);
  }
  return merges;
}

/** The points of every cluster id (points, then merges). */
export function membersOf(merges: readonly Merge[], n: number): number[][] {
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (const m of merges)
    members.push([...(members[m.left] as number[]), ...(members[m.right] as number[])].sort((a, b) => a - b));
  return members;
}

/** The clusters left after undoing the last merges until `groups` remain, each a sorted list of points. */
export function cutTree(merges: readonly Merge[], n: number, groups: number): number[][] {
  const members = membersOf(merges, n);
  let roots = new Set<number>([n + merges.length - 1]);
  if (n === 1) return [[0]];
  for (let i = merges.length - 1; i >= 0 && roots.size < groups; i--) {
    const m = merges[i] as Merge;
    roots.delete(n + i);
    roots = new Set([...roots, m.left, m.right]);
  }
  return [...roots].map((r) => members[r] as number[]).sort((a, b) => (a[0] as number) - (b[0] as number));
}
