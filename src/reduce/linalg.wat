;; Dense-row kernels of the randomized SVD over arrays in one linear memory (pointers are
;; byte offsets). Everything is built from one row update, y[j] += alpha·x[j], done two
;; numbers at a time: each element gets the same single multiply-add as in the JavaScript
;; versions (../core/linalg.ts, truncatedSvd.ts), hence the same bits.
(module
  (import "env" "memory" (memory 1 65536))

  ;; y[j] += alpha·x[j] for j < $n.
  (func $axpy (param $y i32) (param $x i32) (param $alpha f64) (param $n i32)
    (local $a v128) (local $end i32)
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y)
          (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $a) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y)
        (f64.add (f64.load (local.get $y)) (f64.mul (local.get $alpha) (f64.load (local.get $x))))))))

  ;; y[j] += a1·x1[j]; y[j] += a2·x2[j]; y[j] += a3·x3[j]; y[j] += a4·x4[j], for j < $n: four
  ;; row updates in one pass over y, each element getting the same four multiply-adds, in
  ;; the same order, as four calls of $axpy (hence the same bits, with a quarter of the
  ;; loads and stores of y).
  (func $axpy4 (param $y i32) (param $x1 i32) (param $a1 f64) (param $x2 i32) (param $a2 f64)
    (param $x3 i32) (param $a3 f64) (param $x4 i32) (param $a4 f64) (param $n i32)
    (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128) (local $end i32) (local $acc v128)
    (local.set $v1 (f64x2.splat (local.get $a1)))
    (local.set $v2 (f64x2.splat (local.get $a2)))
    (local.set $v3 (f64x2.splat (local.get $a3)))
    (local.set $v4 (f64x2.splat (local.get $a4)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (local.set $acc (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $v1) (v128.load (local.get $x1)))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v2) (v128.load (local.get $x2)))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v3) (v128.load (local.get $x3)))))
        (v128.store (local.get $y) (f64x2.add (local.get $acc) (f64x2.mul (local.get $v4) (v128.load (local.get $x4)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 16)))
        (local.set $x3 (i32.add (local.get $x3) (i32.const 16)))
        (local.set $x4 (i32.add (local.get $x4) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y)
        (f64.add
          (f64.add
            (f64.add
              (f64.add (f64.load (local.get $y)) (f64.mul (local.get $a1) (f64.load (local.get $x1))))
              (f64.mul (local.get $a2) (f64.load (local.get $x2))))
            (f64.mul (local.get $a3) (f64.load (local.get $x3))))
          (f64.mul (local.get $a4) (f64.load (local.get $x4))))))))

  ;; Address of row indices[q] of the row-major matrix at $m (rows of $rowBytes bytes).
  (func $rowOf (param $m i32) (param $indices i32) (param $q i32) (param $rowBytes i32) (result i32)
    (i32.add (local.get $m)
      (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (local.get $rowBytes))))

  (func $zero (param $p i32) (param $count i32)
    (memory.fill (local.get $p) (i32.const 0) (i32.shl (local.get $count) (i32.const 3))))

  ;; out (rows x l) = X·M with M (cols x l); X sparse (CSR) or dense (zeros skipped).
  (func (export "multiply")
    (param $sparse i32) (param $indptr i32) (param $indices i32) (param $data i32) (param $rows i32) (param $cols i32)
    (param $m i32) (param $l i32) (param $out i32)
    (local $i i32) (local $q i32) (local $end i32) (local $o i32) (local $v f64) (local $rowBytes i32) (local $f i32)
    (local.set $rowBytes (i32.shl (local.get $l) (i32.const 3)))
    (call $zero (local.get $out) (i32.mul (local.get $rows) (local.get $l)))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_s (local.get $i) (local.get $rows)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
        (if (local.get $sparse)
          (then
            (local.set $q (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
            ;; Four entries per pass over the output row, then the rest one by one.
            (block $quadsDone
              (loop $quads
                (br_if $quadsDone (i32.gt_s (i32.add (local.get $q) (i32.const 4)) (local.get $end)))
                (call $axpy4 (local.get $o)
                  (call $rowOf (local.get $m) (local.get $indices) (local.get $q) (local.get $rowBytes))
                  (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
                  (call $rowOf (local.get $m) (local.get $indices) (i32.add (local.get $q) (i32.const 1)) (local.get $rowBytes))
                  (f64.load offset=8 (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
                  (call $rowOf (local.get $m) (local.get $indices) (i32.add (local.get $q) (i32.const 2)) (local.get $rowBytes))
                  (f64.load offset=16 (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
                  (call $rowOf (local.get $m) (local.get $indices) (i32.add (local.get $q) (i32.const 3)) (local.get $rowBytes))
                  (f64.load offset=24 (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
                  (local.get $l))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (br $quads)))
            (block $entriesDone
              (loop $entries
                (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
                (call $axpy (local.get $o)
                  (call $rowOf (local.get $m) (local.get $indices) (local.get $q) (local.get $rowBytes))
                  (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
                  (local.get $l))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $entries))))
          (else
            (local.set $f (i32.const 0))
            (block $featuresDone
              (loop $features
                (br_if $featuresDone (i32.ge_s (local.get $f) (local.get $cols)))
                (local.set $v (f64.load (i32.add (local.get $data)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $f)) (i32.const 3)))))
                (if (f64.ne (local.get $v) (f64.const 0))
                  (then (call $axpy (local.get $o) (i32.add (local.get $m) (i32.mul (local.get $f) (local.get $rowBytes)))
                    (local.get $v) (local.get $l))))
                (local.set $f (i32.add (local.get $f) (i32.const 1)))
                (br $features)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop))))

  ;; out (cols x l) = Xᵀ·M with M (rows x l), rows in order.
  (func (export "multiplyTransposed")
    (param $sparse i32) (param $indptr i32) (param $indices i32) (param $data i32) (param $rows i32) (param $cols i32)
    (param $m i32) (param $l i32) (param $out i32)
    (local $i i32) (local $q i32) (local $end i32) (local $base i32) (local $v f64) (local $rowBytes i32) (local $f i32)
    (local.set $rowBytes (i32.shl (local.get $l) (i32.const 3)))
    (call $zero (local.get $out) (i32.mul (local.get $cols) (local.get $l)))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_s (local.get $i) (local.get $rows)))
        (local.set $base (i32.add (local.get $m) (i32.mul (local.get $i) (local.get $rowBytes))))
        (if (local.get $sparse)
          (then
            (local.set $q (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
            (block $entriesDone
              (loop $entries
                (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
                (call $axpy
                  (i32.add (local.get $out)
                    (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (local.get $rowBytes)))
                  (local.get $base)
                  (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
                  (local.get $l))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $entries))))
          (else
            (local.set $f (i32.const 0))
            (block $featuresDone
              (loop $features
                (br_if $featuresDone (i32.ge_s (local.get $f) (local.get $cols)))
                (local.set $v (f64.load (i32.add (local.get $data)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $f)) (i32.const 3)))))
                (if (f64.ne (local.get $v) (f64.const 0))
                  (then (call $axpy (i32.add (local.get $out) (i32.mul (local.get $f) (local.get $rowBytes)))
                    (local.get $base) (local.get $v) (local.get $l))))
                (local.set $f (i32.add (local.get $f) (i32.const 1)))
                (br $features)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop))))

  ;; Upper triangle of AᵀA for A (rows x cols): gram[i][j≥i] += a[r][i]·a[r][j], rows in order,
  ;; zero entries of a skipped.
  (func (export "gramUpper") (param $a i32) (param $rows i32) (param $cols i32) (param $gram i32)
    (local $r i32) (local $i i32) (local $row i32) (local $x f64) (local $rowBytes i32) (local $g i32) (local $n i32)
    (local $x1 f64) (local $x2 f64) (local $x3 f64) (local $x4 f64) (local $p i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (call $zero (local.get $gram) (i32.mul (local.get $cols) (local.get $cols)))
    ;; Rows four at a time: each gram row gets the four rows' updates in one pass, in row
    ;; order (one by one, zeros skipped, when any of the four entries is zero).
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
        (local.set $row (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $i (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_s (local.get $i) (local.get $cols)))
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 3))))
            (local.set $g (i32.add (local.get $gram) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $i)) (i32.const 3))))
            (local.set $n (i32.sub (local.get $cols) (local.get $i)))
            (local.set $x1 (f64.load (local.get $p)))
            (local.set $x2 (f64.load (i32.add (local.get $p) (local.get $rowBytes))))
            (local.set $x3 (f64.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))))
            (local.set $x4 (f64.load (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))))
            (if (i32.and
                  (i32.and (f64.ne (local.get $x1) (f64.const 0)) (f64.ne (local.get $x2) (f64.const 0)))
                  (i32.and (f64.ne (local.get $x3) (f64.const 0)) (f64.ne (local.get $x4) (f64.const 0))))
              (then
                (call $axpy4 (local.get $g)
                  (local.get $p) (local.get $x1)
                  (i32.add (local.get $p) (local.get $rowBytes)) (local.get $x2)
                  (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $x3)
                  (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $x4)
                  (local.get $n)))
              (else
                (if (f64.ne (local.get $x1) (f64.const 0))
                  (then (call $axpy (local.get $g) (local.get $p) (local.get $x1) (local.get $n))))
                (if (f64.ne (local.get $x2) (f64.const 0))
                  (then (call $axpy (local.get $g) (i32.add (local.get $p) (local.get $rowBytes)) (local.get $x2) (local.get $n))))
                (if (f64.ne (local.get $x3) (f64.const 0))
                  (then (call $axpy (local.get $g) (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $x3) (local.get $n))))
                (if (f64.ne (local.get $x4) (f64.const 0))
                  (then (call $axpy (local.get $g) (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $x4) (local.get $n))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $colsLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $quads)))
    ;; The remaining rows one at a time.
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $row (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $i (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_s (local.get $i) (local.get $cols)))
            (local.set $x (f64.load (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 3)))))
            (if (f64.ne (local.get $x) (f64.const 0))
              (then (call $axpy
                (i32.add (local.get $gram) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $i)) (i32.const 3)))
                (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 3)))
                (local.get $x)
                (i32.sub (local.get $cols) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $colsLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsLoop))))

  ;; Each row of A (rows x cols) becomes row·T (T cols x cols), through $tmp; zero entries skipped.
  (func (export "transformRows") (param $a i32) (param $rows i32) (param $cols i32) (param $t i32) (param $tmp i32)
    (local $r i32) (local $i i32) (local $row i32) (local $x f64) (local $rowBytes i32) (local $p i32) (local $ti i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $row (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rowBytes))))
        (call $zero (local.get $tmp) (local.get $cols))
        (local.set $i (i32.const 0))
        ;; Four entries of the row per pass over $tmp when all four are non-zero, else one
        ;; entry (skipped when zero), in order: the same multiply-adds as one by one.
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_s (local.get $i) (local.get $cols)))
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 3))))
            (local.set $ti (i32.add (local.get $t) (i32.mul (local.get $i) (local.get $rowBytes))))
            (if (i32.and
                  (i32.le_s (i32.add (local.get $i) (i32.const 4)) (local.get $cols))
                  (i32.and
                    (i32.and (f64.ne (f64.load (local.get $p)) (f64.const 0)) (f64.ne (f64.load offset=8 (local.get $p)) (f64.const 0)))
                    (i32.and (f64.ne (f64.load offset=16 (local.get $p)) (f64.const 0)) (f64.ne (f64.load offset=24 (local.get $p)) (f64.const 0)))))
              (then
                (call $axpy4 (local.get $tmp)
                  (local.get $ti) (f64.load (local.get $p))
                  (i32.add (local.get $ti) (local.get $rowBytes)) (f64.load offset=8 (local.get $p))
                  (i32.add (local.get $ti) (i32.shl (local.get $rowBytes) (i32.const 1))) (f64.load offset=16 (local.get $p))
                  (i32.add (local.get $ti) (i32.mul (local.get $rowBytes) (i32.const 3))) (f64.load offset=24 (local.get $p))
                  (local.get $cols))
                (local.set $i (i32.add (local.get $i) (i32.const 4))))
              (else
                (local.set $x (f64.load (local.get $p)))
                (if (f64.ne (local.get $x) (f64.const 0))
                  (then (call $axpy (local.get $tmp) (local.get $ti) (local.get $x) (local.get $cols))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))))
            (br $colsLoop)))
        (memory.copy (local.get $row) (local.get $tmp) (local.get $rowBytes))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsLoop))))
)
