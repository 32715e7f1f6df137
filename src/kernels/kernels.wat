;; dlnotes numeric kernels (WebAssembly text, SIMD f64x2), assembled by scripts/build-kernels.mjs into
;; dist/kernels/kernels.wasm. All pointers are byte addresses into the shared memory imported as env.memory.
;;
;; rowvec and matcol keep EXACTLY the summation order of the plain loop in src/ndarray/linalg.ts (each
;; output is 0 + t0 + t1 + ... in order of the reduction index): SIMD lanes hold different outputs, never
;; two terms of one sum, and wasm has no fused multiply-add, so results are bit-identical.
;; fusedRows is free to reorder its dot products (it is checked to 1e-12 against a plain reference).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; out[j] += a[p] * b[p*n + j]   for p in [p0, p1) (in order), j in [j0, j1)
  ;; Register-blocked by four rows: each out pair is loaded once, gets
  ;; (((o + a0*x0) + a1*x1) + a2*x2) + a3*x3 (exactly the plain loop's order), and is stored once.
  ;; Four rows read side by side are four short streams, which the hardware prefetcher does not follow
  ;; (measured 3-4x slower from L3 than one sequential stream): each pass also loads, and drops, one value
  ;; per 64 bytes of the NEXT four rows in address order, a sequential stream it does follow.
  (func (export "rowvec")
    (param $a i32) (param $b i32) (param $out i32) (param $n i32)
    (param $p0 i32) (param $p1 i32) (param $j0 i32) (param $j1 i32)
    (local $p i32) (local $jb i32) (local $jend i32) (local $jpairb i32) (local $rowb i32) (local $touch i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $o i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowb (i32.shl (local.get $n) (i32.const 3)))
    ;; byte offsets of the end of [j0, j1) and of the part covered by whole pairs
    (local.set $jend (i32.shl (local.get $j1) (i32.const 3)))
    (local.set $jpairb (i32.shl (i32.sub (local.get $j1) (i32.and (i32.sub (local.get $j1) (local.get $j0)) (i32.const 1))) (i32.const 3)))
    (local.set $p (local.get $p0))
    (block $pdone (loop $prows
      (br_if $pdone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $p1)))
      (local.set $a0 (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $a1 (v128.load64_splat offset=8 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $a2 (v128.load64_splat offset=16 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $a3 (v128.load64_splat offset=24 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $r0 (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $rowb))))
      (local.set $r1 (i32.add (local.get $r0) (local.get $rowb)))
      (local.set $r2 (i32.add (local.get $r1) (local.get $rowb)))
      (local.set $r3 (i32.add (local.get $r2) (local.get $rowb)))
      ;; touch + 4*jb walks the next four rows from column j0 (this group's rows when they are the last)
      (local.set $touch (i32.sub
        (select (i32.add (local.get $r3) (local.get $rowb)) (local.get $r0)
          (i32.le_u (i32.add (local.get $p) (i32.const 8)) (local.get $p1)))
        (i32.shl (local.get $j0) (i32.const 5))))
      (local.set $jb (i32.shl (local.get $j0) (i32.const 3)))
      (block $jdone (loop $jcols
        (br_if $jdone (i32.ge_u (local.get $jb) (local.get $jpairb)))
        (drop (i32.load (i32.add (local.get $touch) (i32.shl (local.get $jb) (i32.const 2)))))
        (local.set $o (i32.add (local.get $out) (local.get $jb)))
        (v128.store (local.get $o)
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.add (v128.load (local.get $o))
                  (f64x2.mul (local.get $a0) (v128.load (i32.add (local.get $r0) (local.get $jb)))))
                (f64x2.mul (local.get $a1) (v128.load (i32.add (local.get $r1) (local.get $jb)))))
              (f64x2.mul (local.get $a2) (v128.load (i32.add (local.get $r2) (local.get $jb)))))
            (f64x2.mul (local.get $a3) (v128.load (i32.add (local.get $r3) (local.get $jb))))))
        (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
        (br $jcols)))
      (if (i32.lt_u (local.get $jpairb) (local.get $jend))
        (then
          (local.set $o (i32.add (local.get $out) (local.get $jpairb)))
          (f64.store (local.get $o)
            (f64.add
              (f64.add
                (f64.add
                  (f64.add (f64.load (local.get $o))
                    (f64.mul (f64x2.extract_lane 0 (local.get $a0)) (f64.load (i32.add (local.get $r0) (local.get $jpairb)))))
                  (f64.mul (f64x2.extract_lane 0 (local.get $a1)) (f64.load (i32.add (local.get $r1) (local.get $jpairb)))))
                (f64.mul (f64x2.extract_lane 0 (local.get $a2)) (f64.load (i32.add (local.get $r2) (local.get $jpairb)))))
              (f64.mul (f64x2.extract_lane 0 (local.get $a3)) (f64.load (i32.add (local.get $r3) (local.get $jpairb))))))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $prows)))
    ;; the last rows one at a time
    (block $p1done (loop $p1rows
      (br_if $p1done (i32.ge_u (local.get $p) (local.get $p1)))
      (local.set $a0 (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $r0 (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $rowb))))
      (local.set $jb (i32.shl (local.get $j0) (i32.const 3)))
      (block $jdone2 (loop $jcols2
        (br_if $jdone2 (i32.ge_u (local.get $jb) (local.get $jpairb)))
        (local.set $o (i32.add (local.get $out) (local.get $jb)))
        (v128.store (local.get $o)
          (f64x2.add (v128.load (local.get $o))
            (f64x2.mul (local.get $a0) (v128.load (i32.add (local.get $r0) (local.get $jb))))))
        (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
        (br $jcols2)))
      (if (i32.lt_u (local.get $jpairb) (local.get $jend))
        (then
          (local.set $o (i32.add (local.get $out) (local.get $jpairb)))
          (f64.store (local.get $o)
            (f64.add (f64.load (local.get $o))
              (f64.mul (f64x2.extract_lane 0 (local.get $a0)) (f64.load (i32.add (local.get $r0) (local.get $jpairb))))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $p1rows))))

  ;; out[i] = sum over p in [0, k) in order of a[i*k + p] * b[p]   for i in [i0, i1)
  ;; Eight rows at a time (from eight runs of rows), then four (two f64x2 accumulators), then one by one.
  (func (export "matcol")
    (param $a i32) (param $b i32) (param $out i32) (param $k i32) (param $i0 i32) (param $i1 i32)
    (local $i i32) (local $off i32) (local $rowb i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $r4 i32) (local $r5 i32) (local $r6 i32) (local $r7 i32) (local $pairb i32) (local $o i32)
    (local $bv v128) (local $bv1 v128) (local $u v128) (local $v v128)
    (local $acc01 v128) (local $acc23 v128) (local $acc45 v128) (local $acc67 v128) (local $s f64)
    (local $runrows i32) (local $runb i32) (local $runo i32)
    (local.set $rowb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $pairb (i32.and (local.get $rowb) (i32.const -16)))
    ;; Eight rows at a time, two reduction steps per pass: four independent accumulators (each lane one
    ;; row's running sum, ((s + b[p]*x[p]) + b[p+1]*x[p+1])), the row pairs transposed with shuffles.
    ;; The eight rows are NOT neighbours: [i0, i0 + 8L) is cut into eight runs of L rows and each pass takes
    ;; the next row of every run, so the kernel reads eight long sequential streams. Eight neighbouring rows
    ;; (eight streams restarting every 1.6 KB for k = 209) were measured 2.5-3x slower from L3: the
    ;; hardware prefetcher does not follow many short streams.
    (local.set $runrows (i32.shr_u (i32.sub (local.get $i1) (local.get $i0)) (i32.const 3)))
    (local.set $runb (i32.mul (local.get $runrows) (local.get $rowb)))
    (local.set $runo (i32.shl (local.get $runrows) (i32.const 3)))
    (local.set $i (local.get $i0))
    (block $i8done (loop $i8rows
      (br_if $i8done (i32.ge_u (local.get $i) (i32.add (local.get $i0) (local.get $runrows))))
      (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowb))))
      (local.set $r1 (i32.add (local.get $r0) (local.get $runb)))
      (local.set $r2 (i32.add (local.get $r1) (local.get $runb)))
      (local.set $r3 (i32.add (local.get $r2) (local.get $runb)))
      (local.set $r4 (i32.add (local.get $r3) (local.get $runb)))
      (local.set $r5 (i32.add (local.get $r4) (local.get $runb)))
      (local.set $r6 (i32.add (local.get $r5) (local.get $runb)))
      (local.set $r7 (i32.add (local.get $r6) (local.get $runb)))
      (local.set $acc01 (v128.const f64x2 0 0))
      (local.set $acc23 (v128.const f64x2 0 0))
      (local.set $acc45 (v128.const f64x2 0 0))
      (local.set $acc67 (v128.const f64x2 0 0))
      (local.set $off (i32.const 0))
      (block $p8done (loop $p8
        (br_if $p8done (i32.ge_u (local.get $off) (local.get $pairb)))
        (local.set $bv (v128.load64_splat (i32.add (local.get $b) (local.get $off))))
        (local.set $bv1 (v128.load64_splat offset=8 (i32.add (local.get $b) (local.get $off))))
        (local.set $u (v128.load (i32.add (local.get $r0) (local.get $off))))
        (local.set $v (v128.load (i32.add (local.get $r1) (local.get $off))))
        (local.set $acc01 (f64x2.add
          (f64x2.add (local.get $acc01) (f64x2.mul (local.get $bv) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))))
          (f64x2.mul (local.get $bv1) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v)))))
        (local.set $u (v128.load (i32.add (local.get $r2) (local.get $off))))
        (local.set $v (v128.load (i32.add (local.get $r3) (local.get $off))))
        (local.set $acc23 (f64x2.add
          (f64x2.add (local.get $acc23) (f64x2.mul (local.get $bv) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))))
          (f64x2.mul (local.get $bv1) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v)))))
        (local.set $u (v128.load (i32.add (local.get $r4) (local.get $off))))
        (local.set $v (v128.load (i32.add (local.get $r5) (local.get $off))))
        (local.set $acc45 (f64x2.add
          (f64x2.add (local.get $acc45) (f64x2.mul (local.get $bv) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))))
          (f64x2.mul (local.get $bv1) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v)))))
        (local.set $u (v128.load (i32.add (local.get $r6) (local.get $off))))
        (local.set $v (v128.load (i32.add (local.get $r7) (local.get $off))))
        (local.set $acc67 (f64x2.add
          (f64x2.add (local.get $acc67) (f64x2.mul (local.get $bv) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))))
          (f64x2.mul (local.get $bv1) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v)))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $p8)))
      ;; an odd last reduction step
      (if (i32.lt_u (local.get $off) (local.get $rowb))
        (then
          (local.set $bv (v128.load64_splat (i32.add (local.get $b) (local.get $off))))
          (local.set $acc01 (f64x2.add (local.get $acc01) (f64x2.mul (local.get $bv)
            (v128.load64_lane 1 (i32.add (local.get $r1) (local.get $off)) (v128.load64_zero (i32.add (local.get $r0) (local.get $off)))))))
          (local.set $acc23 (f64x2.add (local.get $acc23) (f64x2.mul (local.get $bv)
            (v128.load64_lane 1 (i32.add (local.get $r3) (local.get $off)) (v128.load64_zero (i32.add (local.get $r2) (local.get $off)))))))
          (local.set $acc45 (f64x2.add (local.get $acc45) (f64x2.mul (local.get $bv)
            (v128.load64_lane 1 (i32.add (local.get $r5) (local.get $off)) (v128.load64_zero (i32.add (local.get $r4) (local.get $off)))))))
          (local.set $acc67 (f64x2.add (local.get $acc67) (f64x2.mul (local.get $bv)
            (v128.load64_lane 1 (i32.add (local.get $r7) (local.get $off)) (v128.load64_zero (i32.add (local.get $r6) (local.get $off)))))))))
      ;; lane 0 of acc01 is run 0's row, lane 1 run 1's, ... (runs are runrows outputs apart)
      (local.set $o (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
      (v128.store64_lane 0 (local.get $o) (local.get $acc01))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 1 (local.get $o) (local.get $acc01))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 0 (local.get $o) (local.get $acc23))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 1 (local.get $o) (local.get $acc23))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 0 (local.get $o) (local.get $acc45))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 1 (local.get $o) (local.get $acc45))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 0 (local.get $o) (local.get $acc67))
      (local.set $o (i32.add (local.get $o) (local.get $runo)))
      (v128.store64_lane 1 (local.get $o) (local.get $acc67))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $i8rows)))
    ;; the rows after the eight runs (fewer than eight)
    (local.set $i (i32.add (local.get $i0) (i32.shl (local.get $runrows) (i32.const 3))))
    (block $idone (loop $irows
      (br_if $idone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1)))
      (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowb))))
      (local.set $r1 (i32.add (local.get $r0) (local.get $rowb)))
      (local.set $r2 (i32.add (local.get $r1) (local.get $rowb)))
      (local.set $r3 (i32.add (local.get $r2) (local.get $rowb)))
      (local.set $acc01 (v128.const f64x2 0 0))
      (local.set $acc23 (v128.const f64x2 0 0))
      (local.set $off (i32.const 0))
      (block $pdone (loop $pcols
        (br_if $pdone (i32.ge_u (local.get $off) (local.get $rowb)))
        (local.set $bv (v128.load64_splat (i32.add (local.get $b) (local.get $off))))
        (local.set $acc01 (f64x2.add (local.get $acc01) (f64x2.mul (local.get $bv)
          (v128.load64_lane 1 (i32.add (local.get $r1) (local.get $off)) (v128.load64_zero (i32.add (local.get $r0) (local.get $off)))))))
        (local.set $acc23 (f64x2.add (local.get $acc23) (f64x2.mul (local.get $bv)
          (v128.load64_lane 1 (i32.add (local.get $r3) (local.get $off)) (v128.load64_zero (i32.add (local.get $r2) (local.get $off)))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pcols)))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $acc01))
      (v128.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $i) (i32.const 2)) (i32.const 3))) (local.get $acc23))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $irows)))
    ;; remaining rows one at a time
    (block $tdone (loop $trows
      (br_if $tdone (i32.ge_u (local.get $i) (local.get $i1)))
      (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowb))))
      (local.set $s (f64.const 0))
      (local.set $off (i32.const 0))
      (block $pdone2 (loop $pcols2
        (br_if $pdone2 (i32.ge_u (local.get $off) (local.get $rowb)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $r0) (local.get $off))) (f64.load (i32.add (local.get $b) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $pcols2)))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $trows))))

  ;; One fused gradient-descent pass over rows [i0, i1) of X (n, m), row-major at $x:
  ;;   dw[i] = (X[i,:] . dz) / m;   w[i] -= lr * dw[i];   zpart[j] += w[i] * X[i,j]  (new w[i])
  ;; so zpart sums this row range's share of z = w^T X for the NEXT iteration while the rows are in cache.
  ;; Rows go in groups of four: the four dot products one row after the other (each a tight loop with four
  ;; accumulators, so X streams in address order), then ONE loop that adds the four rows, now in L1, into
  ;; zpart (zpart loaded and stored once per four rows). The remaining rows (fewer than four) go one by one.
  ;; Measured per pass on (12288, 209), 2026-12-02 (docs/performance.md): the previous kernel, which read
  ;; row i+2 inside the loop that added rows i and i+1 into zpart, was fastest on rows already in L2 but
  ;; took 1.1-1.2 ms on one thread over the real X (20.5 MB, from L3) against 0.87-0.92 for this one; shared
  ;; by two threads 0.50-0.53 against 0.48-0.49. Reading two rows side by side to share the loads of dz was
  ;; twice as slow (two short streams), eight rows per group slower than four.
  ;; The numbers are the pair kernel's, bit for bit: each dot product is summed (acc0 + acc1 + acc2 + acc3),
  ;; then its two lanes, then the odd last term; zpart gets (w0 x0 + w1 x1), then (w2 x2 + w3 x3); two or
  ;; three rows left go as a pair, an odd last row alone. Not the plain loop's order, which the fused pass
  ;; need not keep (checked to 1e-12 against plain loops), but a fixed one.
  (func (export "fusedRows")
    (param $x i32) (param $dz i32) (param $w i32) (param $dw i32) (param $zpart i32) (param $m i32)
    (param $i0 i32) (param $i1 i32) (param $lr f64)
    (local $i i32) (local $rowb i32) (local $r i32) (local $mf f64) (local $w0 f64) (local $w1 f64) (local $w2 f64) (local $w3 f64)
    (local.set $rowb (i32.shl (local.get $m) (i32.const 3)))
    (local.set $mf (f64.convert_i32_u (local.get $m)))
    (local.set $i (local.get $i0))
    (local.set $r (i32.add (local.get $x) (i32.mul (local.get $i0) (local.get $rowb))))
    (block $gd (loop $gl
      (br_if $gd (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1)))
      (local.set $w0 (call $gradientStep (local.get $w) (local.get $dw) (local.get $i) (local.get $mf) (local.get $lr)
        (call $dotRow (local.get $r) (local.get $dz) (local.get $rowb))))
      (local.set $w1 (call $gradientStep (local.get $w) (local.get $dw) (i32.add (local.get $i) (i32.const 1)) (local.get $mf) (local.get $lr)
        (call $dotRow (i32.add (local.get $r) (local.get $rowb)) (local.get $dz) (local.get $rowb))))
      (local.set $w2 (call $gradientStep (local.get $w) (local.get $dw) (i32.add (local.get $i) (i32.const 2)) (local.get $mf) (local.get $lr)
        (call $dotRow (i32.add (local.get $r) (i32.shl (local.get $rowb) (i32.const 1))) (local.get $dz) (local.get $rowb))))
      (local.set $w3 (call $gradientStep (local.get $w) (local.get $dw) (i32.add (local.get $i) (i32.const 3)) (local.get $mf) (local.get $lr)
        (call $dotRow (i32.add (local.get $r) (i32.mul (local.get $rowb) (i32.const 3))) (local.get $dz) (local.get $rowb))))
      (call $addRows (local.get $zpart) (local.get $r) (local.get $rowb) (i32.const 4) (local.get $w0) (local.get $w1) (local.get $w2) (local.get $w3))
      (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rowb) (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $gl)))
    ;; two or three rows left: a pair, then perhaps one row
    (if (i32.le_u (i32.add (local.get $i) (i32.const 2)) (local.get $i1)) (then
      (local.set $w0 (call $gradientStep (local.get $w) (local.get $dw) (local.get $i) (local.get $mf) (local.get $lr)
        (call $dotRow (local.get $r) (local.get $dz) (local.get $rowb))))
      (local.set $w1 (call $gradientStep (local.get $w) (local.get $dw) (i32.add (local.get $i) (i32.const 1)) (local.get $mf) (local.get $lr)
        (call $dotRow (i32.add (local.get $r) (local.get $rowb)) (local.get $dz) (local.get $rowb))))
      (call $addRows (local.get $zpart) (local.get $r) (local.get $rowb) (i32.const 2) (local.get $w0) (local.get $w1) (f64.const 0) (f64.const 0))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))))
    (call $fusedRowsSingly (local.get $x) (local.get $dz) (local.get $w) (local.get $dw) (local.get $zpart) (local.get $m)
      (local.get $i) (local.get $i1) (local.get $lr)))

  ;; X[i,:] . dz for the row at $r ($rowb bytes): four accumulators over 64 bytes per loop, then pairs, then
  ;; (acc0 + acc1 + acc2 + acc3), its two lanes, and the odd last term.
  (func $dotRow (param $r i32) (param $dz i32) (param $rowb i32) (result f64)
    (local $pairb i32) (local $ub i32) (local $off i32) (local $d f64)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local.set $pairb (i32.and (local.get $rowb) (i32.const -16)))
    (local.set $ub (i32.sub (local.get $pairb) (i32.and (local.get $pairb) (i32.const 63))))
    (block $qd (loop $ql
      (br_if $qd (i32.ge_u (local.get $off) (local.get $ub)))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load offset=0 (i32.add (local.get $dz) (local.get $off))) (v128.load offset=0 (i32.add (local.get $r) (local.get $off))))))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (i32.add (local.get $dz) (local.get $off))) (v128.load offset=16 (i32.add (local.get $r) (local.get $off))))))
      (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (v128.load offset=32 (i32.add (local.get $dz) (local.get $off))) (v128.load offset=32 (i32.add (local.get $r) (local.get $off))))))
      (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (v128.load offset=48 (i32.add (local.get $dz) (local.get $off))) (v128.load offset=48 (i32.add (local.get $r) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const 64)))
      (br $ql)))
    (block $pd (loop $pl
      (br_if $pd (i32.ge_u (local.get $off) (local.get $pairb)))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (i32.add (local.get $dz) (local.get $off))) (v128.load (i32.add (local.get $r) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (br $pl)))
    (local.set $acc0 (f64x2.add (f64x2.add (f64x2.add (local.get $acc0) (local.get $acc1)) (local.get $acc2)) (local.get $acc3)))
    (local.set $d (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (if (i32.lt_u (local.get $pairb) (local.get $rowb)) (then
      (local.set $d (f64.add (local.get $d)
        (f64.mul (f64.load (i32.add (local.get $dz) (local.get $pairb))) (f64.load (i32.add (local.get $r) (local.get $pairb))))))))
    (local.get $d))

  ;; dw[i] = d / m; w[i] -= lr * dw[i]; returns the new w[i].
  (func $gradientStep (param $w i32) (param $dw i32) (param $i i32) (param $mf f64) (param $lr f64) (param $d f64) (result f64)
    (local $o i32) (local $g f64) (local $wi f64)
    (local.set $o (i32.shl (local.get $i) (i32.const 3)))
    (local.set $g (f64.div (local.get $d) (local.get $mf)))
    (f64.store (i32.add (local.get $dw) (local.get $o)) (local.get $g))
    (local.set $wi (f64.sub (f64.load (i32.add (local.get $w) (local.get $o))) (f64.mul (local.get $lr) (local.get $g))))
    (f64.store (i32.add (local.get $w) (local.get $o)) (local.get $wi))
    (local.get $wi))

  ;; zpart += (w0 X[r0] + w1 X[r1]), then, when $rows is 4, zpart += (w2 X[r2] + w3 X[r3]): rows from $r0, $rowb bytes
  ;; apart. Two rows at a time in this order, as the pipelined pair kernel before it did: the same bits.
  (func $addRows (param $zp i32) (param $r0 i32) (param $rowb i32) (param $rows i32) (param $w0 f64) (param $w1 f64) (param $w2 f64) (param $w3 f64)
    (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $pairb i32) (local $off i32) (local $o i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $r1 (i32.add (local.get $r0) (local.get $rowb)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $rowb)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $rowb)))
    (local.set $v0 (f64x2.splat (local.get $w0)))
    (local.set $v1 (f64x2.splat (local.get $w1)))
    (local.set $v2 (f64x2.splat (local.get $w2)))
    (local.set $v3 (f64x2.splat (local.get $w3)))
    (local.set $pairb (i32.and (local.get $rowb) (i32.const -16)))
    (if (i32.eq (local.get $rows) (i32.const 4))
      (then
        (block $d4 (loop $l4
          (br_if $d4 (i32.ge_u (local.get $off) (local.get $pairb)))
          (local.set $o (i32.add (local.get $zp) (local.get $off)))
          (v128.store (local.get $o) (f64x2.add
            (f64x2.add (v128.load (local.get $o)) (f64x2.add (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $r0) (local.get $off)))) (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $r1) (local.get $off))))))
            (f64x2.add (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $r2) (local.get $off)))) (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $r3) (local.get $off)))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $l4)))
        (if (i32.lt_u (local.get $pairb) (local.get $rowb)) (then
          (local.set $o (i32.add (local.get $zp) (local.get $pairb)))
          (f64.store (local.get $o) (f64.add
            (f64.add (f64.load (local.get $o)) (f64.add (f64.mul (local.get $w0) (f64.load (i32.add (local.get $r0) (local.get $pairb)))) (f64.mul (local.get $w1) (f64.load (i32.add (local.get $r1) (local.get $pairb))))))
            (f64.add (f64.mul (local.get $w2) (f64.load (i32.add (local.get $r2) (local.get $pairb)))) (f64.mul (local.get $w3) (f64.load (i32.add (local.get $r3) (local.get $pairb))))))))))
      (else
        (block $d2 (loop $l2
          (br_if $d2 (i32.ge_u (local.get $off) (local.get $pairb)))
          (local.set $o (i32.add (local.get $zp) (local.get $off)))
          (v128.store (local.get $o)
            (f64x2.add (v128.load (local.get $o)) (f64x2.add (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $r0) (local.get $off)))) (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $r1) (local.get $off)))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $l2)))
        (if (i32.lt_u (local.get $pairb) (local.get $rowb)) (then
          (local.set $o (i32.add (local.get $zp) (local.get $pairb)))
          (f64.store (local.get $o)
            (f64.add (f64.load (local.get $o)) (f64.add (f64.mul (local.get $w0) (f64.load (i32.add (local.get $r0) (local.get $pairb)))) (f64.mul (local.get $w1) (f64.load (i32.add (local.get $r1) (local.get $pairb))))))))))))

  ;; fusedRows one row at a time (its last row when the count is odd): the dot product with two accumulators.
  (func $fusedRowsSingly
    (param $x i32) (param $dz i32) (param $w i32) (param $dw i32) (param $zpart i32) (param $m i32)
    (param $i0 i32) (param $i1 i32) (param $lr f64)
    (local $i i32) (local $r i32) (local $rowb i32) (local $pairb i32) (local $off i32)
    (local $acc0 v128) (local $acc1 v128) (local $s f64) (local $g f64) (local $wi f64) (local $wv v128) (local $o i32)
    (local.set $rowb (i32.shl (local.get $m) (i32.const 3)))
    (local.set $pairb (i32.and (local.get $rowb) (i32.const -16)))
    (local.set $i (local.get $i0))
    (block $idone (loop $irows
      (br_if $idone (i32.ge_u (local.get $i) (local.get $i1)))
      (local.set $r (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowb))))
      ;; dot product X[i,:] . dz with two vector accumulators
      (local.set $acc0 (v128.const f64x2 0 0))
      (local.set $acc1 (v128.const f64x2 0 0))
      (local.set $off (i32.const 0))
      (block $d4done (loop $d4
        (br_if $d4done (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $pairb)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load (i32.add (local.get $r) (local.get $off))) (v128.load (i32.add (local.get $dz) (local.get $off))))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (v128.load offset=16 (i32.add (local.get $r) (local.get $off))) (v128.load offset=16 (i32.add (local.get $dz) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $d4)))
      (if (i32.lt_u (local.get $off) (local.get $pairb))
        (then
          (local.set $acc0 (f64x2.add (local.get $acc0)
            (f64x2.mul (v128.load (i32.add (local.get $r) (local.get $off))) (v128.load (i32.add (local.get $dz) (local.get $off))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))))
      (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
      (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
      (if (i32.lt_u (local.get $off) (local.get $rowb))
        (then
          (local.set $s (f64.add (local.get $s)
            (f64.mul (f64.load (i32.add (local.get $r) (local.get $off))) (f64.load (i32.add (local.get $dz) (local.get $off))))))))
      ;; gradient and weight update
      (local.set $g (f64.div (local.get $s) (f64.convert_i32_u (local.get $m))))
      (f64.store (i32.add (local.get $dw) (i32.shl (local.get $i) (i32.const 3))) (local.get $g))
      (local.set $o (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $wi (f64.sub (f64.load (local.get $o)) (f64.mul (local.get $lr) (local.get $g))))
      (f64.store (local.get $o) (local.get $wi))
      ;; zpart += w[i] * X[i,:]
      (local.set $wv (f64x2.splat (local.get $wi)))
      (local.set $off (i32.const 0))
      (block $zdone (loop $zl
        (br_if $zdone (i32.ge_u (local.get $off) (local.get $pairb)))
        (local.set $o (i32.add (local.get $zpart) (local.get $off)))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o))
          (f64x2.mul (local.get $wv) (v128.load (i32.add (local.get $r) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $zl)))
      (if (i32.lt_u (local.get $off) (local.get $rowb))
        (then
          (local.set $o (i32.add (local.get $zpart) (local.get $off)))
          (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
            (f64.mul (local.get $wi) (f64.load (i32.add (local.get $r) (local.get $off))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $irows))))

  ;; out[j] = parts[0][j] + parts[1][j] + ... + parts[count-1][j] for j in [0, m), added in that order (the
  ;; order of the plain loop over the parts), then every part set to zero, ready for the next pass. The parts
  ;; are `count` vectors of length m one after the other at $parts (fusedRows' partial sums of z, one per block).
  (func (export "addParts") (param $parts i32) (param $count i32) (param $m i32) (param $out i32)
    (local $rowb i32) (local $pairb i32) (local $off i32) (local $p i32) (local $end i32) (local $s v128) (local $t f64)
    (local.set $rowb (i32.shl (local.get $m) (i32.const 3)))
    (local.set $pairb (i32.and (local.get $rowb) (i32.const -16)))
    (local.set $end (i32.add (local.get $parts) (i32.mul (local.get $count) (local.get $rowb))))
    (block $vd (loop $vl
      (br_if $vd (i32.ge_u (local.get $off) (local.get $pairb)))
      (local.set $p (i32.add (local.get $parts) (local.get $off)))
      (local.set $s (v128.load (local.get $p)))
      (v128.store (local.get $p) (v128.const i64x2 0 0))
      (block $pd (loop $pl
        (local.set $p (i32.add (local.get $p) (local.get $rowb)))
        (br_if $pd (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $s (f64x2.add (local.get $s) (v128.load (local.get $p))))
        (v128.store (local.get $p) (v128.const i64x2 0 0))
        (br $pl)))
      (v128.store (i32.add (local.get $out) (local.get $off)) (local.get $s))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (br $vl)))
    (if (i32.lt_u (local.get $pairb) (local.get $rowb)) (then
      (local.set $p (i32.add (local.get $parts) (local.get $pairb)))
      (local.set $t (f64.load (local.get $p)))
      (f64.store (local.get $p) (f64.const 0))
      (block $qd (loop $ql
        (local.set $p (i32.add (local.get $p) (local.get $rowb)))
        (br_if $qd (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $t (f64.add (local.get $t) (f64.load (local.get $p))))
        (f64.store (local.get $p) (f64.const 0))
        (br $ql)))
      (f64.store (i32.add (local.get $out) (local.get $pairb)) (local.get $t)))))

  ;; ---- float32 kernels ----
  ;; The opt-in float32 path (src/kernels/fused32.ts). X (n, m) is float32 in groups of four rows: n is
  ;; padded to a multiple of 4 and m to s, a multiple of 4, with zeros, and inside a group the four rows are
  ;; interleaved by column quads (row k's columns 4q..4q+3 at the group's byte 64q + 16k). So a group is one
  ;; contiguous run of 16*s bytes that the kernels read front to back: one sequential stream over X, which
  ;; the hardware prefetches well (four separate row streams of under a kilobyte each were measured about
  ;; half as fast once X no longer fits in the cache). Element (i, j) is float number
  ;; (i>>2)*4s + (j>>2)*16 + (i&3)*4 + (j&3). Vectors of length s (v, dz, zpart) are float32 with zeros past
  ;; m; w and dw are float64 with one entry per (padded) row. Row ranges [i0, i1) are whole groups.
  ;; Dot products run in four f32 lanes and are added up in float64; partial sums of z stay float32 within
  ;; one call (one block of rows), the blocks' partials are added in float64 by the caller.

  ;; out[0..3] (float64) = rows 0..3 of the group at $gx dotted with v (sb = bytes of v = 4s)
  (func $dots4_32 (param $gx i32) (param $sb i32) (param $v i32) (param $out i32)
    (local $off i32) (local $px i32) (local $vv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $a0 (v128.const f32x4 0 0 0 0))
    (local.set $a1 (v128.const f32x4 0 0 0 0))
    (local.set $a2 (v128.const f32x4 0 0 0 0))
    (local.set $a3 (v128.const f32x4 0 0 0 0))
    (local.set $off (i32.const 0))
    (local.set $px (local.get $gx))
    (block $done (loop $cols
      (br_if $done (i32.ge_u (local.get $off) (local.get $sb)))
      (local.set $vv (v128.load (i32.add (local.get $v) (local.get $off))))
      (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $vv) (v128.load (local.get $px)))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $vv) (v128.load offset=16 (local.get $px)))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $vv) (v128.load offset=32 (local.get $px)))))
      (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $vv) (v128.load offset=48 (local.get $px)))))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (local.set $px (i32.add (local.get $px) (i32.const 64)))
      (br $cols)))
    (f64.store (local.get $out) (call $hsum32 (local.get $a0)))
    (f64.store offset=8 (local.get $out) (call $hsum32 (local.get $a1)))
    (f64.store offset=16 (local.get $out) (call $hsum32 (local.get $a2)))
    (f64.store offset=24 (local.get $out) (call $hsum32 (local.get $a3))))

  ;; the four lanes of an f32x4, added in float64: (l0 + l1) + (l2 + l3)
  (func $hsum32 (param $a v128) (result f64)
    (f64.add
      (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $a))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $a))))
      (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $a))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $a))))))

  ;; zpart[:] += (w0 row0 + w1 row1) + (w2 row2 + w3 row3) for the group at $gx (sb = bytes of zpart = 4s)
  (func $zadd4_32 (param $gx i32) (param $sb i32) (param $zpart i32)
    (param $w0 f32) (param $w1 f32) (param $w2 f32) (param $w3 f32)
    (local $off i32) (local $px i32) (local $o i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $v0 (f32x4.splat (local.get $w0)))
    (local.set $v1 (f32x4.splat (local.get $w1)))
    (local.set $v2 (f32x4.splat (local.get $w2)))
    (local.set $v3 (f32x4.splat (local.get $w3)))
    (local.set $off (i32.const 0))
    (local.set $px (local.get $gx))
    (block $done (loop $cols
      (br_if $done (i32.ge_u (local.get $off) (local.get $sb)))
      (local.set $o (i32.add (local.get $zpart) (local.get $off)))
      (v128.store (local.get $o) (f32x4.add (v128.load (local.get $o))
        (f32x4.add
          (f32x4.add (f32x4.mul (local.get $v0) (v128.load (local.get $px)))
                     (f32x4.mul (local.get $v1) (v128.load offset=16 (local.get $px))))
          (f32x4.add (f32x4.mul (local.get $v2) (v128.load offset=32 (local.get $px)))
                     (f32x4.mul (local.get $v3) (v128.load offset=48 (local.get $px)))))))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (local.set $px (i32.add (local.get $px) (i32.const 64)))
      (br $cols))))

  ;; out[i] (float64) = X[i,:] . v   for i in [i0, i1)   (X dZ^T: v is dZ in float32)
  (func (export "dotRows32")
    (param $x i32) (param $v i32) (param $out i32) (param $s i32) (param $i0 i32) (param $i1 i32)
    (local $i i32) (local $sb i32)
    (local.set $sb (i32.shl (local.get $s) (i32.const 2)))
    (local.set $i (local.get $i0))
    (block $done (loop $groups
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1)))
      ;; group i/4 starts at x + (i/4) * 16s = x + i * 4s bytes
      (call $dots4_32 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $sb))) (local.get $sb) (local.get $v)
        (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $groups))))

  ;; zpart[j] (float32) += sum over i in [i0, i1) of float32(w[i]) * X[i,j]   (w^T X; w float64)
  (func (export "zRows32")
    (param $x i32) (param $w i32) (param $zpart i32) (param $s i32) (param $i0 i32) (param $i1 i32)
    (local $i i32) (local $sb i32) (local $wi i32)
    (local.set $sb (i32.shl (local.get $s) (i32.const 2)))
    (local.set $i (local.get $i0))
    (block $done (loop $groups
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1)))
      (local.set $wi (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (call $zadd4_32 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $sb))) (local.get $sb) (local.get $zpart)
        (f32.demote_f64 (f64.load (local.get $wi))) (f32.demote_f64 (f64.load offset=8 (local.get $wi)))
        (f32.demote_f64 (f64.load offset=16 (local.get $wi))) (f32.demote_f64 (f64.load offset=24 (local.get $wi))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $groups))))

  ;; w[i] -= lr * (dw[i] / m) with dw[i] holding the raw dot product; dw[i] becomes the gradient.
  ;; Returns the new w[i] rounded to float32 (what the z pass multiplies by).
  (func $update32 (param $wi i32) (param $dwi i32) (param $m f64) (param $lr f64) (result f32)
    (local $g f64) (local $nw f64)
    (local.set $g (f64.div (f64.load (local.get $dwi)) (local.get $m)))
    (f64.store (local.get $dwi) (local.get $g))
    (local.set $nw (f64.sub (f64.load (local.get $wi)) (f64.mul (local.get $lr) (local.get $g))))
    (f64.store (local.get $wi) (local.get $nw))
    (f32.demote_f64 (local.get $nw)))

  ;; One fused gradient-descent pass over rows [i0, i1) of X (float32, groups of four rows as above):
  ;;   dw[i] = (X[i,:] . dz) / m;   w[i] -= lr * dw[i];   zpart[:] += float32(w[i]) * X[i,:]   (new w[i])
  ;; dz and zpart float32 (length s, zero past m), w and dw float64. A group is read once from memory
  ;; (dot products) and once more from the L1 cache (z update).
  (func (export "fusedRows32")
    (param $x i32) (param $dz i32) (param $w i32) (param $dw i32) (param $zpart i32) (param $s i32) (param $m i32)
    (param $i0 i32) (param $i1 i32) (param $lr f64)
    (local $i i32) (local $sb i32) (local $gx i32) (local $wi i32) (local $dwi i32) (local $mf f64)
    (local.set $sb (i32.shl (local.get $s) (i32.const 2)))
    (local.set $mf (f64.convert_i32_u (local.get $m)))
    (local.set $i (local.get $i0))
    (block $done (loop $groups
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1)))
      (local.set $gx (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $sb))))
      (local.set $wi (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $dwi (i32.add (local.get $dw) (i32.shl (local.get $i) (i32.const 3))))
      (call $dots4_32 (local.get $gx) (local.get $sb) (local.get $dz) (local.get $dwi))
      (call $zadd4_32 (local.get $gx) (local.get $sb) (local.get $zpart)
        (call $update32 (local.get $wi) (local.get $dwi) (local.get $mf) (local.get $lr))
        (call $update32 (i32.add (local.get $wi) (i32.const 8)) (i32.add (local.get $dwi) (i32.const 8)) (local.get $mf) (local.get $lr))
        (call $update32 (i32.add (local.get $wi) (i32.const 16)) (i32.add (local.get $dwi) (i32.const 16)) (local.get $mf) (local.get $lr))
        (call $update32 (i32.add (local.get $wi) (i32.const 24)) (i32.add (local.get $dwi) (i32.const 24)) (local.get $mf) (local.get $lr)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $groups))))
)
