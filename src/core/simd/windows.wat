;; The SIMD stage of the byte prefilter (src/core/windowfilter.ts). It only narrows down where to
;; look: it returns the address of the first 16-byte block where some window may belong to a
;; keyword, and the caller checks that block exactly. Memory layout:
;;   [0, 131072)      a bitset of 2^20 bits, indexed by the hash of a three-byte window
;;   [131072, ...)    the bytes to test (files are read straight into this region)
;;
;; A window is the three bytes starting at an even offset, folded with OR 0x20 so that the cases
;; of a letter agree; its hash is the top 20 bits of (window * 0x9E3779B1). Each 16-byte block has
;; eight windows: bytes 0-2 of each little-endian word of the block (A) and bytes 2-4 (C, the same
;; words loaded two bytes later). A block with registered windows is returned only when one of
;; them has a registered neighbour (one byte before or after), as every keyword's two windows do. (A keyword at the very start whose first window begins one
;; byte before the data still passes: that window matches any byte there.)
(module
  (memory (export "memory") 3)
  ;; is the window at byte address $a registered?
  (func $bit (param $a i32) (result i32)
    (local $h i32)
    (local.set $h
      (i32.shr_u
        (i32.mul
          (i32.or (i32.and (i32.load (local.get $a)) (i32.const 0x00ffffff)) (i32.const 0x00202020))
          (i32.const 0x9e3779b1))
        (i32.const 12)))
    (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $h) (i32.const 5)) (i32.const 2))) (local.get $h)) (i32.const 1)))
  ;; does one of the registered windows of the block at $p (bit i of $mask: the window at
  ;; $p + 4 * (i & 3) + 2 * (i >> 2)) have a registered neighbour?
  (func $gate (param $p i32) (param $mask i32) (result i32)
    (local $i i32) (local $s i32)
    (block $no
      (loop $next
        (br_if $no (i32.eqz (local.get $mask)))
        (local.set $i (i32.ctz (local.get $mask)))
        (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
        (local.set $s
          (i32.add (local.get $p)
            (i32.add
              (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 2))
              (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 1)))))
        (if (call $bit (i32.sub (local.get $s) (i32.const 1))) (then (return (i32.const 1))))
        (if (call $bit (i32.add (local.get $s) (i32.const 1))) (then (return (i32.const 1))))
        (br $next)))
    (i32.const 0))
  (func (export "scan") (param $p i32) (param $end i32) (result i32)
    (local $ha v128) (local $hc v128) (local $wa v128) (local $wc v128) (local $mask i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $ha
          (i32x4.shr_u
            (i32x4.mul
              (v128.or
                (v128.and (v128.load (local.get $p)) (v128.const i32x4 0x00ffffff 0x00ffffff 0x00ffffff 0x00ffffff))
                (v128.const i32x4 0x00202020 0x00202020 0x00202020 0x00202020))
              (v128.const i32x4 0x9e3779b1 0x9e3779b1 0x9e3779b1 0x9e3779b1))
            (i32.const 12)))
        (local.set $hc
          (i32x4.shr_u
            (i32x4.mul
              (v128.or
                (v128.and (v128.load offset=2 (local.get $p)) (v128.const i32x4 0x00ffffff 0x00ffffff 0x00ffffff 0x00ffffff))
                (v128.const i32x4 0x00202020 0x00202020 0x00202020 0x00202020))
              (v128.const i32x4 0x9e3779b1 0x9e3779b1 0x9e3779b1 0x9e3779b1))
            (i32.const 12)))
        ;; byte address of the bitset word of each hash (the shift below uses its low five bits)
        (local.set $wa (i32x4.shl (i32x4.shr_u (local.get $ha) (i32.const 5)) (i32.const 2)))
        (local.set $wc (i32x4.shl (i32x4.shr_u (local.get $hc) (i32.const 5)) (i32.const 2)))
        ;; bit i: lane i & 3 of A (i < 4) or C (i >= 4) is registered
        (local.set $mask
          (i32.or (i32.or (i32.or (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 0 (local.get $wa))) (i32x4.extract_lane 0 (local.get $ha))) (i32.const 1)) (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 1 (local.get $wa))) (i32x4.extract_lane 1 (local.get $ha))) (i32.const 1)) (i32.const 1))) (i32.or (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 2 (local.get $wa))) (i32x4.extract_lane 2 (local.get $ha))) (i32.const 1)) (i32.const 2)) (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 3 (local.get $wa))) (i32x4.extract_lane 3 (local.get $ha))) (i32.const 1)) (i32.const 3)))) (i32.or (i32.or (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 0 (local.get $wc))) (i32x4.extract_lane 0 (local.get $hc))) (i32.const 1)) (i32.const 4)) (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 1 (local.get $wc))) (i32x4.extract_lane 1 (local.get $hc))) (i32.const 1)) (i32.const 5))) (i32.or (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 2 (local.get $wc))) (i32x4.extract_lane 2 (local.get $hc))) (i32.const 1)) (i32.const 6)) (i32.shl (i32.and (i32.shr_u (i32.load (i32x4.extract_lane 3 (local.get $wc))) (i32x4.extract_lane 3 (local.get $hc))) (i32.const 1)) (i32.const 7))))))
        (if (local.get $mask)
          (then (if (call $gate (local.get $p) (local.get $mask)) (then (return (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (local.get $end)))
