//! Numbers written exactly as JavaScript's `String(x)` writes them (ECMAScript
//! `Number::toString(x, 10)`): the fewest significant digits that read back as `x` (of those,
//! the closest to `x`, a tie going to the even digit), without an exponent from 1e-6 up to 1e21
//! (`1234567890123456`, `0.000001`, `1e+21`, `1.5e-7`, `5e-324`), `-0` as `0`.
//!
//! Ids, facet values, stored values and indexed text of `Index.fromRecords` are numbers
//! written this way, so the digits must be exact: a lossy writer turns distinct ids into one.
//! The digits come from the free-format algorithm of Steele & White as Burger & Dybvig state
//! it ("Printing Floating-Point Numbers Quickly and Accurately", 1996), on a small big integer:
//! a few hundred bytes of wasm, where the standard library's float formatting costs ~9 KB
//! gzipped. Integers below 2^53, the common case, take a direct path.

use std::cmp::Ordering;

/// A natural number in base 2^32, least significant limb first, without leading zero limbs.
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    /// `x << shift`.
    fn shifted(x: u64, shift: u32) -> Big {
        let mut b = Big(vec![x as u32, (x >> 32) as u32]);
        b.trim();
        let (words, bits) = ((shift / 32) as usize, shift % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut b.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                b.0.push(carry);
            }
        }
        b.0.splice(0..0, std::iter::repeat_n(0, words));
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n));
    }

    fn plus(&self, other: &Big) -> Big {
        let (long, short) = if self.0.len() >= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut out = long.clone();
        let mut carry = 0u64;
        for (i, limb) in out.0.iter_mut().enumerate() {
            let v = u64::from(*limb) + u64::from(short.0.get(i).copied().unwrap_or(0)) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            out.0.push(carry as u32);
        }
        out
    }

    /// `self -= other`, for `other <= self`.
    fn minus(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = (v + (borrow << 32)) as u32;
        }
        self.trim();
    }

    fn compare(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

/// The shortest digits of a finite `x > 0` (ASCII, no trailing zero) and the position `n` of
/// the decimal point: `x` reads back from `0.d₁d₂… × 10ⁿ`.
fn shortest(x: f64) -> (Vec<u8>, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    // x = f × 2^e.
    let (f, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    // Round-to-even reading: the ends of the interval that reads back as x belong to it when f
    // is even.
    let even = f & 1 == 0;
    // A power of two above the smallest normal exponent has a gap below half the one above.
    let unequal = u32::from(biased > 1 && frac == 0);
    // x = r / s, the interval around it (x - m⁻, x + m⁺), all scaled by 2 (by 4 when unequal).
    let up = e.max(0) as u32;
    let down = (-e).max(0) as u32;
    let mut r = Big::shifted(f, up + 1 + unequal);
    let mut s = Big::shifted(1, down + 1 + unequal);
    let mut m_minus = Big::shifted(1, up);
    let mut m_plus = Big::shifted(1, up + unequal);
    // The leading bit of x is 2^e2; 10^k for k = floor(e2 × log10 2) - 1 is below x (1233 /
    // 4096 is log10 2 less 5e-6, at most 0.006 off over all exponents).
    let e2 = e + 63 - f.leading_zeros() as i32;
    let mut k = ((e2 * 1233) >> 12) - 1;
    if k >= 0 {
        s.mul_pow10(k as u32);
    } else {
        for b in [&mut r, &mut m_minus, &mut m_plus] {
            b.mul_pow10((-k) as u32);
        }
    }
    let reaches = |sum: &Big, s: &Big| match sum.compare(s) {
        Ordering::Greater => true,
        Ordering::Equal => even,
        Ordering::Less => false,
    };
    // The smallest k with the interval's top below 10^k.
    while reaches(&r.plus(&m_plus), &s) {
        s.mul_small(10);
        k += 1;
    }
    let mut digits = Vec::with_capacity(17);
    loop {
        r.mul_small(10);
        m_minus.mul_small(10);
        m_plus.mul_small(10);
        let mut d = 0u8;
        while r.compare(&s) != Ordering::Less {
            r.minus(&s);
            d += 1;
        }
        let low = match r.compare(&m_minus) {
            Ordering::Less => true,
            Ordering::Equal => even,
            Ordering::Greater => false,
        };
        let high = reaches(&r.plus(&m_plus), &s);
        let round_up = match (low, high) {
            (false, false) => {
                digits.push(b'0' + d);
                continue;
            }
            (true, false) => false,
            (false, true) => true,
            // Both d and d + 1 read back: the closer one, the even one on a tie.
            (true, true) => match r.plus(&r).compare(&s) {
                Ordering::Less => false,
                Ordering::Greater => true,
                Ordering::Equal => d % 2 == 1,
            },
        };
        // Rounding up never makes a 10: the digit is 9 only when the top of the interval is
        // still below the next power of ten.
        digits.push(b'0' + d + u8::from(round_up));
        break;
    }
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, k)
}

/// Appends `x` as `String(x)` writes it (`NaN`, `Infinity` and `-Infinity` included).
pub fn push(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    let a = x.abs();
    if a.is_infinite() {
        out.push_str("Infinity");
        return;
    }
    if a == 0.0 {
        out.push('0');
        return;
    }
    // Below 2^53 an integer's own digits are its shortest: its neighbours are at most 1 apart.
    if a.fract() == 0.0 && a < 9_007_199_254_740_992.0 {
        crate::search::json::push_uint(out, a as u64);
        return;
    }
    let (digits, n) = shortest(a);
    let digits = std::str::from_utf8(&digits).unwrap_or("0");
    let len = digits.len() as i32;
    if len <= n && n <= 21 {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (n - len) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(digits);
    } else {
        out.push_str(&digits[..1]);
        if len > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(if n > 0 { "e+" } else { "e-" });
        crate::search::json::push_uint(out, u64::from((n - 1).unsigned_abs()));
    }
}

/// `x` as `String(x)` writes it.
pub fn text(x: f64) -> String {
    let mut s = String::new();
    push(&mut s, x);
    s
}

#[cfg(test)]
mod tests {
    use super::text;

    /// `String(x)` in Node 20 for each `x` (generated once by a script that evaluated the same
    /// expressions and 24 fixed-seed random bit patterns; V8 implements ECMAScript's
    /// Number::toString exactly).
    #[rustfmt::skip]
    const STRING_OF: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-1.0, "-1"),
        (1951.0, "1951"),
        (0.1 + 0.2, "0.30000000000000004"),
        (0.1, "0.1"),
        (1.0 / 3.0, "0.3333333333333333"),
        (-2.05, "-2.05"),
        (123e-20, "1.23e-18"),
        (1234567890123456.0, "1234567890123456"),
        (1000000000000001.0, "1000000000000001"),
        (9007199254740991.0, "9007199254740991"),
        (9007199254740992.0, "9007199254740992"),
        (9007199254740994.0, "9007199254740994"),
        (18014398509481984.0, "18014398509481984"),
        (1152921504606846976.0, "1152921504606847000"),
        (-9007199254740993.0, "-9007199254740992"),
        (123456789012345680000.0, "123456789012345680000"),
        (999999999999999900000.0, "999999999999999900000"),
        (1e21, "1e+21"),
        (-1e21, "-1e+21"),
        (1.5e21, "1.5e+21"),
        (1e20, "100000000000000000000"),
        (1e22, "1e+22"),
        (2.5e21, "2.5e+21"),
        (0.000001, "0.000001"),
        (0.0000015, "0.0000015"),
        (0.000000999, "9.99e-7"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (-1.5e-7, "-1.5e-7"),
        (5e-324, "5e-324"),
        (-5e-324, "-5e-324"),
        (1e-323, "1e-323"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
        (2.225073858507201e-308, "2.225073858507201e-308"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (f64::EPSILON, "2.220446049250313e-16"),
        (1e23, "1e+23"),
        (9.5e-5, "0.000095"),
        (5e-7, "5e-7"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (f64::from_bits(3), "1.5e-323"),
        (f64::from_bits(0x4630_0000_0000_0000), "1.2676506002282294e+30"),
        (f64::from_bits(0x39b0_0000_0000_0000), "7.888609052210118e-31"),
        (f64::from_bits(0x7fe0_0000_0000_0000), "8.98846567431158e+307"),
        (99.99999999999999, "99.99999999999999"),
        (123456.789, "123456.789"),
        (0.5, "0.5"),
        (4.35, "4.35"),
        (f64::from_bits(0x3fef_ffff_ffff_ffff), "0.9999999999999999"),
        (1.0 + f64::EPSILON, "1.0000000000000002"),
        (4.4501477170144023e-308, "4.4501477170144023e-308"),
        (9007199254740993.5, "9007199254740994"),
        // 2^-25 = 2.98023223876953125e-8: ...312 and ...313 read back and are as close; the
        // even one wins (the standard library's `{:e}` writes ...313).
        (f64::from_bits(0x3e60_0000_0000_0000), "2.9802322387695312e-8"),
        (f64::from_bits(0x5c0b77ae0bf34dad), "2.4955552862577752e+135"),
        (f64::from_bits(0x64e0eeb9026e6076), "8.57686963215983e+177"),
        (f64::from_bits(0x7b07ce91e5906136), "4.4251604027143375e+284"),
        (f64::from_bits(0x304f050c368dcc74), "5.357830195732913e-76"),
        (f64::from_bits(0x2ceb16e0a1c54aec), "2.5973481493288907e-92"),
        (f64::from_bits(0x17001dce4e7bfb79), "6.737545066403077e-198"),
        (f64::from_bits(0x1ac2e144d6e8f2cf), "9.09983652013585e-180"),
        (f64::from_bits(0x59aa792e1af470ea), "8.750186241947517e+123"),
        (f64::from_bits(0x5daa4e85b0d6e28b), "1.603964615428183e+143"),
        (f64::from_bits(0x0f8ea9d349428d8e), "9.643915712060552e-234"),
        (f64::from_bits(0x08e474ffb8e8ab15), "7.930423059996348e-266"),
        (f64::from_bits(0x2ead854756d71f03), "7.597954524892738e-84"),
        (f64::from_bits(0x55ac79f8ada711fd), "5.102398472865269e+104"),
        (f64::from_bits(0x0e0fc49bd63b809e), "5.955296588161467e-241"),
        (f64::from_bits(0x392199e83f5a101f), "1.694933913128696e-33"),
        (f64::from_bits(0x45665079fc5d43ff), "2.1581126072759972e+26"),
        (f64::from_bits(0x352cfc387dfae6b8), "1.5130999720786602e-52"),
        (f64::from_bits(0x232edabf5585bd75), "3.238696681491661e-139"),
        (f64::from_bits(0x7c4639b16b714b4f), "4.3318629186531204e+290"),
        (f64::from_bits(0x12eb2dcfc8ae9a19), "1.5398763421608572e-217"),
        (f64::from_bits(0x544b0ec76d00616d), "1.15589923121874e+98"),
        (f64::from_bits(0x3cab9b7e9a319aef), "1.9156482336584446e-16"),
        (f64::from_bits(0x0f0a50d59c0aa21a), "3.2330269132163497e-236"),
        (f64::from_bits(0x00ae2120826571de), "2.1452846540129615e-305"),
    ];

    #[test]
    fn numbers_are_written_exactly_as_javascript_string_writes_them() {
        for &(x, want) in STRING_OF {
            assert_eq!(text(x), want, "bits {:#018x}", x.to_bits());
        }
        assert_eq!(text(f64::NAN), "NaN");
        assert_eq!(text(f64::INFINITY), "Infinity");
        assert_eq!(text(f64::NEG_INFINITY), "-Infinity");
    }

    /// The standard library's shortest round-trip digits (`{:e}`), laid out as ECMAScript
    /// does: an independent statement of the same rule, for inputs the table does not list
    /// (it differs on exact ties between two shortest candidates, see below).
    fn reference(x: f64) -> String {
        if x == 0.0 {
            return "0".into();
        }
        let sci = format!("{:e}", x.abs());
        let (mantissa, exp) = sci.split_once('e').unwrap();
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let (k, n) = (digits.len() as i32, exp.parse::<i32>().unwrap() + 1);
        let body = if k <= n && n <= 21 {
            format!("{digits}{}", "0".repeat((n - k) as usize))
        } else if 0 < n && n <= 21 {
            format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
        } else if -6 < n && n <= 0 {
            format!("0.{}{digits}", "0".repeat((-n) as usize))
        } else {
            let rest = if k > 1 {
                format!(".{}", &digits[1..])
            } else {
                String::new()
            };
            format!(
                "{}{rest}e{}{}",
                &digits[..1],
                if n > 0 { "+" } else { "-" },
                (n - 1).abs()
            )
        };
        format!("{}{body}", if x < 0.0 { "-" } else { "" })
    }

    #[test]
    fn numbers_have_the_shortest_digits_that_read_back_for_every_kind_of_double() {
        // Fixed-seed bit patterns over every exponent, subnormals and powers of two included.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut checked, mut ties) = (0, 0);
        for i in 0..20_000u64 {
            let r = next();
            let bits = match i % 4 {
                0 => r,
                1 => r & 0x800f_ffff_ffff_ffff,
                2 => r & 0xfff0_0000_0000_0000,
                _ => (r & 0xfff0_0000_0000_0000) | (r & 7),
            };
            let x = f64::from_bits(bits);
            if !x.is_finite() {
                continue;
            }
            let (got, want) = (text(x), reference(x));
            assert_eq!(got.parse::<f64>().unwrap(), x, "{got} reads back");
            if got != want {
                // A tie: both read back, the same but for the last digit, and ours is the even
                // one (ECMAScript), one below the standard library's (which rounds half up).
                let (a, b) = (got.as_bytes(), want.as_bytes());
                let last = a.iter().zip(b).rposition(|(p, q)| p != q).unwrap();
                assert!(
                    a.len() == b.len()
                        && a[..last] == b[..last]
                        && a[last + 1..] == b[last + 1..]
                        && a[last] + 1 == b[last]
                        && a[last] % 2 == 0
                        && want.parse::<f64>().unwrap() == x,
                    "bits {bits:#018x}: {got} vs {want}"
                );
                ties += 1;
            }
            checked += 1;
        }
        assert!(
            checked > 19_000 && ties > 0,
            "{checked} checked, {ties} ties"
        );
        for i in 0..2000u64 {
            let x = 9_007_199_254_740_992.0 - 1000.0 + i as f64;
            assert_eq!(text(x), reference(x));
        }
    }
}
