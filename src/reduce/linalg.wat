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
            (block $entriesDone
              (loop $entries
                (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
                (call $axpy (local.get $o)
                  (i32.add (local.get $m)
                    (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (local.get $rowBytes)))
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
    (local $r i32) (local $i i32) (local $row i32) (local $x f64)
    (call $zero (local.get $gram) (i32.mul (local.get $cols) (local.get $cols)))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 3))))
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
    (local $r i32) (local $i i32) (local $row i32) (local $x f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $row (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rowBytes))))
        (call $zero (local.get $tmp) (local.get $cols))
        (local.set $i (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_s (local.get $i) (local.get $cols)))
            (local.set $x (f64.load (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 3)))))
            (if (f64.ne (local.get $x) (f64.const 0))
              (then (call $axpy (local.get $tmp) (i32.add (local.get $t) (i32.mul (local.get $i) (local.get $rowBytes)))
                (local.get $x) (local.get $cols))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $colsLoop)))
        (memory.copy (local.get $row) (local.get $tmp) (local.get $rowBytes))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsLoop))))
)
