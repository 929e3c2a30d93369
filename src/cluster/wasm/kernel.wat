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
  ;; width $kp (a multiple of 8). Returns the weighted sum of squared distances. Rows go in
  ;; pairs whose entries interleave: two independent chains of additions keep the vector
  ;; units busy, while each row's sums still run over its entries in order. $dots holds
  ;; 2·$kp numbers.
  (func (export "assignSparse")
    (param $indptr i32) (param $indices i32) (param $data i32)
    (param $ct i32) (param $kp i32) (param $k i32) (param $cnorm i32) (param $xn i32) (param $w i32)
    (param $labels i32) (param $dist i32) (param $dots i32) (param $ids i32)
    (param $from i32) (param $to i32) (result f64)
    (local $t i32) (local $i0 i32) (local $i1 i32) (local $q0 i32) (local $q1 i32)
    (local $s0 i32) (local $e0 i32) (local $s1 i32) (local $e1 i32) (local $pair i32)
    (local $j i32) (local $c i32) (local $base i32) (local $dots1 i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $rowBytes i32) (local $total f64)
    (local.set $rowBytes (i32.shl (local.get $kp) (i32.const 3)))
    (local.set $dots1 (i32.add (local.get $dots) (local.get $rowBytes)))
    (local.set $t (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $t) (local.get $to)))
        (local.set $i0 (call $row (local.get $ids) (local.get $t)))
        (local.set $s0 (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i0) (i32.const 2)))))
        (local.set $e0 (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i0) (i32.const 2)))))
        (local.set $pair (i32.lt_s (i32.add (local.get $t) (i32.const 1)) (local.get $to)))
        (local.set $s1 (i32.const 0))
        (local.set $e1 (i32.const 0))
        (if (local.get $pair)
          (then
            (local.set $i1 (call $row (local.get $ids) (i32.add (local.get $t) (i32.const 1))))
            (local.set $s1 (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i1) (i32.const 2)))))
            (local.set $e1 (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i1) (i32.const 2)))))))
        (local.set $j (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_s (local.get $j) (local.get $k)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $b1 (v128.const f64x2 0 0))
            (local.set $b2 (v128.const f64x2 0 0))
            (local.set $b3 (v128.const f64x2 0 0))
            (local.set $base (i32.add (local.get $ct) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $q0 (local.get $s0))
            (local.set $q1 (local.get $s1))
            (block $bothDone
              (loop $both
                (br_if $bothDone (i32.ge_s (local.get $q0) (local.get $e0)))
                (br_if $bothDone (i32.ge_s (local.get $q1) (local.get $e1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $q0) (i32.const 3))))))
                (local.set $c (i32.add (local.get $base)
                  (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q0) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $q0 (i32.add (local.get $q0) (i32.const 1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $q1) (i32.const 3))))))
                (local.set $c (i32.add (local.get $base)
                  (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q1) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $q1 (i32.add (local.get $q1) (i32.const 1)))
                (br $both)))
            (block $firstDone
              (loop $first
                (br_if $firstDone (i32.ge_s (local.get $q0) (local.get $e0)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $q0) (i32.const 3))))))
                (local.set $c (i32.add (local.get $base)
                  (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q0) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $q0 (i32.add (local.get $q0) (i32.const 1)))
                (br $first)))
            (block $secondDone
              (loop $second
                (br_if $secondDone (i32.ge_s (local.get $q1) (local.get $e1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $q1) (i32.const 3))))))
                (local.set $c (i32.add (local.get $base)
                  (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q1) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $q1 (i32.add (local.get $q1) (i32.const 1)))
                (br $second)))
            (local.set $c (i32.add (local.get $dots) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store offset=0 (local.get $c) (local.get $a0))
            (v128.store offset=16 (local.get $c) (local.get $a1))
            (v128.store offset=32 (local.get $c) (local.get $a2))
            (v128.store offset=48 (local.get $c) (local.get $a3))
            (local.set $c (i32.add (local.get $dots1) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store offset=0 (local.get $c) (local.get $b0))
            (v128.store offset=16 (local.get $c) (local.get $b1))
            (v128.store offset=32 (local.get $c) (local.get $b2))
            (v128.store offset=48 (local.get $c) (local.get $b3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $blocks)))
        (local.set $total (f64.add (local.get $total)
          (call $pick (local.get $t) (local.get $i0) (local.get $k) (local.get $cnorm) (local.get $dots)
                      (local.get $xn) (local.get $w) (local.get $labels) (local.get $dist))))
        (if (local.get $pair)
          (then
            (local.set $total (f64.add (local.get $total)
              (call $pick (i32.add (local.get $t) (i32.const 1)) (local.get $i1) (local.get $k) (local.get $cnorm)
                          (local.get $dots1) (local.get $xn) (local.get $w) (local.get $labels) (local.get $dist))))))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
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

  ;; assignDense over float32 rows: each value is widened to float64 as it is read (exactly),
  ;; so the result is the bits assignDense gives on a float64 copy, without the copy.
  (func (export "assignDense32")
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
            (local.set $x (i32.add (local.get $data) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 2))))
            (local.set $xEnd (i32.add (local.get $x) (i32.shl (local.get $d) (i32.const 2))))
            (local.set $c (i32.add (local.get $ct) (i32.shl (local.get $j) (i32.const 3))))
            (block $featuresDone
              (loop $features
                (br_if $featuresDone (i32.ge_u (local.get $x) (local.get $xEnd)))
                (local.set $v (f64x2.splat (f64.promote_f32 (f32.load (local.get $x)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                (local.set $x (i32.add (local.get $x) (i32.const 4)))
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

  ;; The update step's sums (as accumulate) of dense float32 rows, each value widened to
  ;; float64 as it is read.
  (func (export "accumulate32")
    (param $data i32) (param $d i32)
    (param $w i32) (param $labels i32) (param $sums i32) (param $cw i32) (param $lo i32) (param $hi i32)
    (param $from i32) (param $to i32)
    (local $i i32) (local $j i32) (local $wi f64) (local $p i32) (local $x i32) (local $xEnd i32)
    (local $wv v128)
    (local.set $i (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (local.set $j (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $wi (if (result f64) (i32.eqz (local.get $w))
          (then (f64.const 1))
          (else (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))))
        (if (local.get $cw)
          (then
            (local.set $p (i32.add (local.get $cw) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $wi)))))
        (local.set $x (i32.add (local.get $data)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $lo)) (i32.const 2))))
        (local.set $xEnd (i32.add (local.get $data)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $hi)) (i32.const 2))))
        (local.set $p (i32.add (local.get $sums)
          (i32.shl (i32.add (i32.mul (local.get $j) (local.get $d)) (local.get $lo)) (i32.const 3))))
        ;; Two columns a pass, as $addRow.
        (local.set $wv (f64x2.splat (local.get $wi)))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $x) (i32.const 8)) (local.get $xEnd)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x))) (local.get $wv))))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $pairs)))
        (if (i32.lt_u (local.get $x) (local.get $xEnd))
          (then
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
              (f64.mul (f64.promote_f32 (f32.load (local.get $x))) (local.get $wi))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Adds row $i (weight w[$i], or 1) to cluster $j's sums over columns [$lo, $hi), and
  ;; (unless $cw is 0) its weight to cw[$j]. Sparse rows have sorted indices.
  (func $addRow
    (param $sparse i32) (param $indptr i32) (param $indices i32) (param $data i32) (param $d i32)
    (param $w i32) (param $sums i32) (param $cw i32) (param $lo i32) (param $hi i32) (param $i i32) (param $j i32)
    (local $wi f64) (local $q i32) (local $end i32) (local $base i32) (local $p i32) (local $x i32) (local $xEnd i32)
    (local $f i32) (local $wv v128)
    (local.set $wi (if (result f64) (i32.eqz (local.get $w))
      (then (f64.const 1))
      (else (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))))
    (if (local.get $cw)
      (then
        (local.set $p (i32.add (local.get $cw) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $wi)))))
    (local.set $base (i32.add (local.get $sums) (i32.shl (i32.mul (local.get $j) (local.get $d)) (i32.const 3))))
    (if (local.get $sparse)
      (then
        (local.set $q (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
        (block $entriesDone
          (loop $entries
            (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
            (local.set $f (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))))
            (br_if $entriesDone (i32.ge_s (local.get $f) (local.get $hi)))
            (if (i32.ge_s (local.get $f) (local.get $lo))
              (then
                (local.set $p (i32.add (local.get $base) (i32.shl (local.get $f) (i32.const 3))))
                (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
                  (f64.mul (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3)))) (local.get $wi))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $entries))))
      (else
        (local.set $x (i32.add (local.get $data)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $lo)) (i32.const 3))))
        (local.set $xEnd (i32.add (local.get $data)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $hi)) (i32.const 3))))
        (local.set $p (i32.add (local.get $base) (i32.shl (local.get $lo) (i32.const 3))))
        ;; Two columns a pass: each lane is the scalar p + x·w, so the bits are the same.
        (local.set $wv (f64x2.splat (local.get $wi)))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $xEnd)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p)) (f64x2.mul (v128.load (local.get $x)) (local.get $wv))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $pairs)))
        (if (i32.lt_u (local.get $x) (local.get $xEnd))
          (then
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.mul (f64.load (local.get $x)) (local.get $wi)))))))))

  ;; Update-step sums of rows [$from, $to) over columns [$lo, $hi): sums[label] += w·x and
  ;; (unless $cw is 0) cw[label] += w. Rows in order, as ../assign.ts, so threads that split
  ;; the columns compute the same bits as one.
  (func (export "accumulate")
    (param $sparse i32) (param $indptr i32) (param $indices i32) (param $data i32) (param $d i32)
    (param $w i32) (param $labels i32) (param $sums i32) (param $cw i32) (param $lo i32) (param $hi i32)
    (param $from i32) (param $to i32)
    (local $i i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (call $addRow (local.get $sparse) (local.get $indptr) (local.get $indices) (local.get $data) (local.get $d)
          (local.get $w) (local.get $sums) (local.get $cw) (local.get $lo) (local.get $hi) (local.get $i)
          (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; dst[t] += src[t] for t in [0, $count): the update step's second block of rows joining the first.
  (func (export "addInto") (param $dst i32) (param $src i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (f64x2.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then (f64.store (local.get $dst) (f64.add (f64.load (local.get $dst)) (f64.load (local.get $src)))))))

  ;; Euclidean distance between the rows at byte offsets $a and $b (width $d), summed in
  ;; blocks of four as scikit-learn's _euclidean_dense_dense: ((d0² + d1²) + d2²) + d3².
  (func $distance (param $a i32) (param $b i32) (param $d i32) (result f64)
    (local $s f64) (local $end i32) (local $u v128) (local $v v128) (local $rem i32) (local $t f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 3))))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $u (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $u (f64x2.mul (local.get $u) (local.get $u)))
        (local.set $v (f64x2.sub (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (local.set $v (f64x2.mul (local.get $v) (local.get $v)))
        (local.set $s (f64.add (local.get $s)
          (f64.add (f64.add (f64.add (f64x2.extract_lane 0 (local.get $u)) (f64x2.extract_lane 1 (local.get $u)))
                            (f64x2.extract_lane 0 (local.get $v)))
                   (f64x2.extract_lane 1 (local.get $v)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $blocks)))
    (local.set $rem (i32.and (local.get $d) (i32.const 3)))
    (block $remDone
      (loop $rest
        (br_if $remDone (i32.eqz (local.get $rem)))
        (local.set $t (f64.sub (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $rem (i32.sub (local.get $rem) (i32.const 1)))
        (br $rest)))
    (f64.sqrt (local.get $s)))

  (func (export "distance") (param $a i32) (param $b i32) (param $d i32) (result f64)
    (call $distance (local.get $a) (local.get $b) (local.get $d)))

  ;; Elkan's first labelling of rows [$from, $to): nearest centre, skipping centres j with
  ;; best <= half[best][j]; exact distances go to the lower bounds (others stay 0).
  (func (export "elkanInit")
    (param $x i32) (param $d i32) (param $centers i32) (param $k i32) (param $half i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $from i32) (param $to i32)
    (local $i i32) (local $j i32) (local $best i32) (local $bestDist f64) (local $dist f64)
    (local $row i32) (local $xi i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $i (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $row (i32.add (local.get $lower) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 3))))
        (local.set $best (i32.const 0))
        (local.set $bestDist (call $distance (local.get $xi) (local.get $centers) (local.get $d)))
        (f64.store (local.get $row) (local.get $bestDist))
        (local.set $j (i32.const 1))
        (block $centresDone
          (loop $centres
            (br_if $centresDone (i32.ge_s (local.get $j) (local.get $k)))
            (if (f64.gt (local.get $bestDist)
                  (f64.load (i32.add (local.get $half)
                    (i32.shl (i32.add (i32.mul (local.get $best) (local.get $k)) (local.get $j)) (i32.const 3)))))
              (then
                (local.set $dist (call $distance (local.get $xi)
                  (i32.add (local.get $centers) (i32.mul (local.get $j) (local.get $rowBytes))) (local.get $d)))
                (f64.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))) (local.get $dist))
                (if (f64.lt (local.get $dist) (local.get $bestDist))
                  (then (local.set $bestDist (local.get $dist)) (local.set $best (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $centres)))
        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
        (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $bestDist))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; One bounded Elkan pass over rows [$from, $to) (scikit-learn's _update_chunk_dense
  ;; without the sums): relabels rows whose bounds allow a closer centre.
  (func (export "elkanAssign")
    (param $x i32) (param $d i32) (param $centers i32) (param $k i32) (param $half i32) (param $nearest i32)
    (param $labels i32) (param $upper i32) (param $lower i32) (param $from i32) (param $to i32)
    (local $i i32) (local $j i32) (local $label i32) (local $bound f64) (local $tight i32) (local $dist f64)
    (local $row i32) (local $xi i32) (local $rowBytes i32) (local $l f64) (local $h f64) (local $halfRow i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $i (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (local.set $label (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $bound (f64.load (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3)))))
        (block $next
          (br_if $next (f64.ge (f64.load (i32.add (local.get $nearest) (i32.shl (local.get $label) (i32.const 3))))
                               (local.get $bound)))
          (local.set $tight (i32.const 0))
          (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
          (local.set $row (i32.add (local.get $lower) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 3))))
          (local.set $j (i32.const 0))
          (block $centresDone
            (loop $centres
              (br_if $centresDone (i32.ge_s (local.get $j) (local.get $k)))
              (block $skip
                (br_if $skip (i32.eq (local.get $j) (local.get $label)))
                (local.set $halfRow (i32.add (local.get $half) (i32.shl (i32.mul (local.get $label) (local.get $k)) (i32.const 3))))
                (local.set $l (f64.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))))
                (local.set $h (f64.load (i32.add (local.get $halfRow) (i32.shl (local.get $j) (i32.const 3)))))
                (br_if $skip (f64.le (local.get $bound) (local.get $l)))
                (br_if $skip (f64.le (local.get $bound) (local.get $h)))
                (if (i32.eqz (local.get $tight))
                  (then
                    (local.set $bound (call $distance (local.get $xi)
                      (i32.add (local.get $centers) (i32.mul (local.get $label) (local.get $rowBytes))) (local.get $d)))
                    (f64.store (i32.add (local.get $row) (i32.shl (local.get $label) (i32.const 3))) (local.get $bound))
                    (local.set $tight (i32.const 1))))
                (if (i32.or (f64.gt (local.get $bound) (local.get $l)) (f64.gt (local.get $bound) (local.get $h)))
                  (then
                    (local.set $dist (call $distance (local.get $xi)
                      (i32.add (local.get $centers) (i32.mul (local.get $j) (local.get $rowBytes))) (local.get $d)))
                    (f64.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))) (local.get $dist))
                    (if (f64.lt (local.get $dist) (local.get $bound))
                      (then (local.set $label (local.get $j)) (local.set $bound (local.get $dist)))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $centres)))
          (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $label))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $bound)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Moves Elkan's bounds with the centres: upper += shift[label], lower -= shift (not below 0).
  (func (export "elkanShift")
    (param $labels i32) (param $upper i32) (param $lower i32) (param $shift i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $p i32) (local $u i32) (local $l f64)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $u (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))))
        (f64.store (local.get $u) (f64.add (f64.load (local.get $u))
          (f64.load (i32.add (local.get $shift)
            (i32.shl (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))))
        (local.set $j (i32.const 0))
        (block $centresDone
          (loop $centres
            (br_if $centresDone (i32.ge_s (local.get $j) (local.get $k)))
            (local.set $p (i32.add (local.get $lower) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $j)) (i32.const 3))))
            (local.set $l (f64.sub (f64.load (local.get $p)) (f64.load (i32.add (local.get $shift) (i32.shl (local.get $j) (i32.const 3))))))
            (f64.store (local.get $p) (f64.max (local.get $l) (f64.const 0)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $centres)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Dot products of rows [$from, $to) with $kp centres stored feature-major in $ct (width
  ;; $kp, a multiple of 8): out[(i - $from)·$kp + j], each summed over the row's entries (or
  ;; features) in order. For k-means++, which scores several candidate centres per pass.
  (func (export "dots")
    (param $sparse i32) (param $indptr i32) (param $indices i32) (param $data i32) (param $d i32)
    (param $ct i32) (param $kp i32) (param $out i32) (param $from i32) (param $to i32)
    (local $i i32) (local $j i32) (local $q i32) (local $end i32) (local $c i32) (local $x i32) (local $xEnd i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $rowBytes i32) (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $kp) (i32.const 3)))
    (local.set $i (local.get $from))
    (local.set $o (local.get $out))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (local.set $j (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_s (local.get $j) (local.get $kp)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (if (local.get $sparse)
              (then
                (local.set $q (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
                (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
                (block $entriesDone
                  (loop $entries
                    (br_if $entriesDone (i32.ge_s (local.get $q) (local.get $end)))
                    (local.set $v (f64x2.splat (f64.load (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))))
                    (local.set $c (i32.add (i32.add (local.get $ct) (i32.shl (local.get $j) (i32.const 3)))
                      (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $c)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $c)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $c)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $c)) (local.get $v))))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br $entries))))
              (else
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
                    (br $features)))))
            (v128.store offset=0 (local.get $o) (local.get $a0))
            (v128.store offset=16 (local.get $o) (local.get $a1))
            (v128.store offset=32 (local.get $o) (local.get $a2))
            (v128.store offset=48 (local.get $o) (local.get $a3))
            (local.set $o (i32.add (local.get $o) (i32.const 64)))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $blocks)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
