//! Device tokens and enrolment codes: random, shown once, kept only as SHA-256 hashes. A
//! token is 256 random bits, so a plain hash is enough (nothing to guess against); a code is
//! short enough to type, so its guessing is throttled instead (`enrol`).

use sha2::{Digest, Sha256};

use crate::error::Error;

/// Crockford's base32: no I, L, O or U, so a code read aloud or off paper is typed right.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Twelve characters: 60 bits, typed as three groups of four.
const CODE_LENGTH: usize = 12;

pub fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|error| Error::Unavailable(format!("no randomness: {error}")))?;
    Ok(hex::encode(bytes))
}

/// A new enrolment code, grouped for reading: `7K2M-Q9XD-4RTB`.
pub fn new_code() -> Result<String, Error> {
    let mut bytes = [0u8; CODE_LENGTH];
    getrandom::getrandom(&mut bytes)
        .map_err(|error| Error::Unavailable(format!("no randomness: {error}")))?;
    let characters: Vec<char> = bytes
        .iter()
        .map(|byte| char::from(CODE_ALPHABET[usize::from(byte % 32)]))
        .collect();
    Ok(characters
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A code as typed, reduced to what was issued: case, spaces and dashes do not matter, and
/// the letters Crockford reads as digits (O, I, L) count as those digits.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|character| !character.is_whitespace() && *character != '-')
        .map(|character| match character.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_three_groups_of_four_from_the_alphabet_and_typing_it_loosely_still_matches() {
        let code = new_code().expect("a code");
        assert_eq!(code.len(), 14);
        assert!(code
            .chars()
            .all(|character| character == '-' || CODE_ALPHABET.contains(&(character as u8))));
        let typed = format!(" {} ", code.replace('-', " ").to_lowercase());
        assert_eq!(hash(&normalise_code(&typed)), hash(&normalise_code(&code)));
        assert_eq!(normalise_code("o1l-i"), "0111");
    }

    #[test]
    fn tokens_are_long_and_different() {
        let first = new_token().expect("a token");
        assert_eq!(first.len(), 64);
        assert_ne!(first, new_token().expect("another"));
    }
}
