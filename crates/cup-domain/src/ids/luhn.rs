//! The Luhn (mod 10) check digit, shared by the tessera sanitaria and our PIN.

/// Luhn check digit for `payload` (digit values 0..=9, most significant first): the digit
/// that, appended, makes the whole number pass the Luhn test.
pub(crate) fn check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_luhn_values() {
        // 7992739871 -> check digit 3 (the classic Luhn example).
        assert_eq!(check_digit(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]), 3);
        assert_eq!(check_digit(&[0]), 0);
        assert_eq!(check_digit(&[]), 0);
    }
}
