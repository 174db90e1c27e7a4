//! A search of the whole store for anything shaped like a card number (PCI DSS data
//! discovery). Doorstep never accepts one, so any hit is a defect to report, never data to keep.

use doorstep_domain::card_payment::card_number_shaped;
use sqlx::Row;

use crate::{Store, StoreError};

/// Identifiers are not card data: our UUIDs (hyphenated or simple) are blanked before the
/// search, because their hex groups can be all digits and pass the Luhn check by chance.
fn without_identifiers(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |whole: &mut String, cleaned: &mut String| {
        // A hyphen before an id joins it to the token ("SIM-<id>"); it is not part of the id.
        let token = whole.trim_start_matches('-');
        cleaned.push_str(&whole[..whole.len() - token.len()]);
        let hyphenated = token.len() == 36
            && token.char_indices().all(|(index, character)| match index {
                8 | 13 | 18 | 23 => character == '-',
                _ => character.is_ascii_hexdigit(),
            });
        let simple =
            token.len() == 32 && token.chars().all(|character| character.is_ascii_hexdigit());
        if hyphenated || simple {
            cleaned.push_str("<id>");
        } else {
            cleaned.push_str(token);
        }
        whole.clear();
    };
    for character in text.chars() {
        if character.is_ascii_hexdigit() || character == '-' {
            token.push(character);
        } else {
            flush(&mut token, &mut cleaned);
            cleaned.push(character);
        }
    }
    flush(&mut token, &mut cleaned);
    cleaned
}

impl Store {
    /// Every table and column holding text shaped like a card number, as "table.column"
    /// (values are never returned: a hit must not travel further).
    pub async fn card_number_scan(&self) -> Result<Vec<String>, StoreError> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
        )
        .fetch_all(self.pool())
        .await?;
        let mut found = Vec::new();
        for table in tables {
            let columns: Vec<String> =
                sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(self.pool())
                    .await?;
            for column in columns {
                let rows = sqlx::query(&format!(
                    "SELECT \"{column}\" AS value FROM \"{table}\" WHERE typeof(\"{column}\") = 'text'"
                ))
                .fetch_all(self.pool())
                .await?;
                let hit = rows.iter().any(|row| {
                    row.try_get::<String, _>("value")
                        .is_ok_and(|text| card_number_shaped(&without_identifiers(&text)).is_some())
                });
                if hit {
                    found.push(format!("{table}.{column}"));
                }
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::without_identifiers;

    #[test]
    fn identifiers_are_blanked_and_everything_else_kept() {
        assert_eq!(
            without_identifiers("id 0192d7a0-0000-7000-8000-000000000001, SIM-0192d7a000007000800000000000001a paid"),
            "id <id>, SIM-<id> paid"
        );
        assert_eq!(
            without_identifiers("4242 4242 4242 4242"),
            "4242 4242 4242 4242"
        );
    }
}
