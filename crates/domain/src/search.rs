//! The caseload's search-as-you-type rule.

/// Whether a record with these `fields` (name, address, postcode, references...) matches what
/// the officer typed. Case-insensitive; every whitespace-separated term must appear in at least
/// one field, so "smith elm" finds Mrs Smith of Elm Grove. Spaces inside a field are also
/// ignored, so a postcode typed without its space ("se154q") still finds "SE15 4QT". An empty
/// query matches everything, so the list is full before anything is typed.
pub fn matches_query(fields: &[&str], query: &str) -> bool {
    let fields_lowercase: Vec<(String, String)> = fields
        .iter()
        .map(|field| {
            let lowercase = field.to_lowercase();
            let without_spaces: String = lowercase.chars().filter(|c| !c.is_whitespace()).collect();
            (lowercase, without_spaces)
        })
        .collect();
    query.split_whitespace().all(|term| {
        let term = term.to_lowercase();
        fields_lowercase.iter().any(|(lowercase, without_spaces)| {
            lowercase.contains(&term) || without_spaces.contains(&term)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        fn check(query: &str, expected: bool) {
            let fields = ["Mrs Adaeze Okafor", "14 Elm Grove", "SE15 4QT", "100234567"];
            assert_eq!(matches_query(&fields, query), expected, "{query:?}");
        }
        //    query              matches
        check("", true);
        check("   ", true);
        check("okafor", true);
        check("OKAFOR elm", true);
        check("okafor tanner", false); // every term must match
        check("se154q", true); // postcode without its space
        check("SE15 4QT", true);
        check("se15 4qt", true);
        check("4567", true);
        check("okafor 4qt", true); // terms may match different fields
        check("grove14", false); // but a term is never matched across the end of a field
    }
}
