;; k-means kernels over typed arrays placed in one linear memory (all pointers are byte
;; offsets). Centre dots run eight centres at a time in four f64x2 accumulators, lane j
;; holding centre j's sum over the row's entries in entry order: the same additions, in
;; the same order, as the JavaScript kernels in ../assign.ts, hence the same bits.
(module
  (import "env" "memory" (memory 1 65536 MEMORY_SHARING))

  ;; Nearest centre of row $i from the dots at $dots; writes output slot $t; returns the
  ;; weighted squared distance.
  (func $pick (param $t i32) (param $i i32) (param $k i32) (param $cnorm i32) (param $dots i32)
    (param $xn i32) (param $w i32) (param $labels i32) (param $dist i32) (result f64)
    (local $j i32) (local $best i32) (local $bestDist f64) (local $dd f64) (local $sq f64)
    (local.set $bestDist (f64.sub (f64.load (local.get $cnorm)) (f64.mul (f64.const 2) (f64.load (local.get $dots)))))
    (local.set $j (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $k)))
        (local.set $dd
          (f64.sub (f64.load (i32.add (local.get $cnorm) (i32.shl (local.get $j) (i32.const 3))))
                   (f64.mul (f64.const 2) (f64.load (i32.add (local.get $dots) (i32.shl (local.get $j) (i32.const 3)))))))
        (if (f64.lt (local.get $dd) (local.get $bestDist))
          (then (local.set $bestDist (local.get $dd)) (local.set $best (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.store (i32.add (local.get $labels) (i32.shl (local.get $t) (i32.const 2))) (local.get $best))
    (local.set $sq (f64.max (f64.const 0)
      (f64.add (f64.load (i32.add (local.get $xn) (i32.shl (local.get $i) (i32.const 3)))) (local.get $bestDist))))
    (f64.store (i32.add (local.get $dist) (i32.shl (local.get $t) (i32.const 3))) (local.get $sq))
    (if (result f64) (i32.eqz (local.get $w))
      (then (local.get $sq))
      (else (f64.mul (local.get $sq) (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))))))

  ;; Row id of output slot $t: $t itself, or ids[$t] for a subset.
  (func $row (param $ids i32) (param $t i32) (result i32)
    (if (result i32) (i32.eqz (local.get $ids))
      (then (local.get $t))
      (else (i32.load (i32.add (local.get $ids) (i32.shl (local.get $t) (i32.const 2)))))))

  ;; Assignment of CSR rows (slots [$from, $to)) against feature-major centres $ct of
  ;; width $kp (a multiple of 8). Returns the weighted sum of squared distances.
  (func (export "assignSparse")
    (param $indptr i32) (param $indices i32) (param $data i32)
    (param $ct i32) (param $kp i32) (param $k i32) (param $cnorm i32) (param $xn i32) (param $w i32)
    (param $labels i32) (param $dist i32) (param $dots i32) (param $ids i32)
    (param $from i32) (param $to i32) (result f64)
    (local $t i32) (local $i i32) (local $q i32) (local $start i32) (local $end i32) (local $j i32) (local $c i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $rowBytes i32) (local $total f64)
    (local.set $rowBytes (i32.shl (local.get $kp) (i32.const 3)))
    (local.set $t (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $t) (local.get $to)))
        (local.set $i (call $row (local.get $ids) (local.get $t)))
        (local.set $start (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_s (local.get $j) (local.get $k)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $q (local.get $start))
            (block $entriesDone
              (loop $entries
                (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))))
                (local.set $c (i32.add (local.get $ct)
                  (i32.add (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2))))
                                    (local.get $rowBytes))
                           (i32.shl (local.get $j) (i32.const 3)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $entries)))
            (local.set $c (i32.add (local.get $dots) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store offset=0 (local.get $c) (local.get $a0))
            (v128.store offset=16 (local.get $c) (local.get $a1))
            (v128.store offset=32 (local.get $c) (local.get $a2))
            (v128.store offset=48 (local.get $c) (local.get $a3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $blocks)))
        (local.set $total (f64.add (local.get $total)
          (call $pick (local.get $t) (local.get $i) (local.get $k) (local.get $cnorm) (local.get $dots)
                      (local.get $xn) (local.get $w) (local.get $labels) (local.get $dist))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows)))
    (local.get $total))

  ;; Assignment of dense row-major rows of width $d, centres as in assignSparse.
  (func (export "assignDense")
    (param $data i32) (param $d i32)
    (param $ct i32) (param $kp i32) (param $k i32) (param $cnorm i32) (param $xn i32) (param $w i32)
    (param $labels i32) (param $dist i32) (param $dots i32) (param $ids i32)
    (param $from i32) (param $to i32) (result f64)
    (local $t i32) (local $i i32) (local $x i32) (local $xEnd i32) (local $j i32) (local $c i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $rowBytes i32) (local $total f64)
    (local.set $rowBytes (i32.shl (local.get $kp) (i32.const 3)))
    (local.set $t (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $t) (local.get $to)))
        (local.set $i (call $row (local.get $ids) (local.get $t)))
        (local.set $j (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_s (local.get $j) (local.get $k)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $x (i32.add (local.get $data) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
            (local.set $xEnd (i32.add (local.get $x) (i32.shl (local.get $d) (i32.const 3))))
            (local.set $c (i32.add (local.get $ct) (i32.shl (local.get $j) (i32.const 3))))
            (block $featuresDone
              (loop $features
                (br_if $featuresDone (i32.ge_u (local.get $x) (local.get $xEnd)))
                (local.set $v (f64x2.splat (f64.load (local.get $x))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $x (i32.add (local.get $x) (i32.const 8)))
                (local.set $c (i32.add (local.get $c) (local.get $rowBytes)))
                (br $features)))
            (local.set $c (i32.add (local.get $dots) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store offset=0 (local.get $c) (local.get $a0))
            (v128.store offset=16 (local.get $c) (local.get $a1))
            (v128.store offset=32 (local.get $c) (local.get $a2))
            (v128.store offset=48 (local.get $c) (local.get $a3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $blocks)))
        (local.set $total (f64.add (local.get $total)
          (call $pick (local.get $t) (local.get $i) (local.get $k) (local.get $cnorm) (local.get $dots)
                      (local.get $xn) (local.get $w) (local.get $labels) (local.get $dist))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows)))
    (local.get $total))

  ;; Update-step sums of rows [0, $n): sums[label] += w·x and cw[label] += w, for clusters
  ;; with owned[label] == $owner only when $owned is not 0. Rows in order, as ../assign.ts.
  (func (export "accumulate")
    (param $sparse i32) (param $indptr i32) (param $indices i32) (param $data i32) (param $d i32)
    (param $w i32) (param $labels i32) (param $sums i32) (param $cw i32) (param $owned i32) (param $owner i32)
    (param $n i32)
    (local $i i32) (local $j i32) (local $wi f64) (local $q i32) (local $end i32) (local $base i32) (local $p i32)
    (local $x i32) (local $xEnd i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $j (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (block $skip
          (br_if $skip (i32.and (i32.ne (local.get $owned) (i32.const 0))
            (i32.ne (i32.load (i32.add (local.get $owned) (i32.shl (local.get $j) (i32.const 2)))) (local.get $owner))))
          (local.set $wi (if (result f64) (i32.eqz (local.get $w))
            (then (f64.const 1))
            (else (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))))
          (local.set $p (i32.add (local.get $cw) (i32.shl (local.get $j) (i32.const 3))))
          (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $wi)))
          (local.set $base (i32.add (local.get $sums) (i32.shl (i32.mul (local.get $j) (local.get $d)) (i32.const 3))))
          (if (local.get $sparse)
            (then
              (local.set $q (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
              (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
              (block $entriesDone
                (loop $entries
                  (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
                  (local.set $p (i32.add (local.get $base)
                    (i32.shl (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 3))))
                  (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
                    (f64.mul (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3)))) (local.get $wi))))
                  (local.set $q (i32.add (local.get $q) (i32.const 1)))
                  (br $entries))))
            (else
              (local.set $x (i32.add (local.get $data) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
              (local.set $xEnd (i32.add (local.get $x) (i32.shl (local.get $d) (i32.const 3))))
              (local.set $p (local.get $base))
              (block $featuresDone
                (loop $features
                  (br_if $featuresDone (i32.ge_u (local.get $x) (local.get $xEnd)))
                  (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.mul (f64.load (local.get $x)) (local.get $wi))))
                  (local.set $x (i32.add (local.get $x) (i32.const 8)))
                  (local.set $p (i32.add (local.get $p) (i32.const 8)))
                  (br $features))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
