//! Idempotency keys for the commands the officer sends: UUID version 7 (RFC 9562 §5.7), made
//! when a form opens and kept across retries, so a submit repeated after a lost answer is
//! recorded once.
//!
//! Written out here rather than through the `uuid` crate: the layout is twelve lines, and the
//! UI then needs no new dependency edge (the core parses the text with `uuid` anyway, so a
//! malformed key would be refused, not stored).

/// Formats a version 7 UUID from the Unix time in milliseconds and ten random bytes.
/// Layout: 48 bits of time, version 7, 12 random bits, variant 0b10, 62 random bits.
pub fn uuid_v7_text(unix_ms: u64, random: [u8; 10]) -> String {
    let mut bytes = [0u8; 16];
    let time_bytes = unix_ms.to_be_bytes();
    // The low 48 bits of the time, big-endian; a u64 of milliseconds fits until year 10889.
    bytes[..6].copy_from_slice(&time_bytes[2..8]);
    bytes[6..].copy_from_slice(&random);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_rfc_9562() {
        // The RFC's own example (Appendix A.6): 2022-02-22 19:22:22 UTC is 0x017F22E279B0.
        let text = uuid_v7_text(
            0x017F_22E2_79B0,
            [0x0C, 0xC3, 0x18, 0xC4, 0xDC, 0x0C, 0x0C, 0x07, 0x39, 0x8F],
        );
        assert_eq!(text, "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        let all_ones = uuid_v7_text(u64::MAX, [0xff; 10]);
        assert_eq!(all_ones, "ffffffff-ffff-7fff-bfff-ffffffffffff");
    }
}
