use super::*;

#[test]
fn an_outcome_reads_as_its_tag_beside_the_command() {
    let result = CommandResult {
        command_id: Uuid::nil(),
        sequence: 7,
        outcome: Outcome::Rejected {
            reason: "the account is not yours".into(),
        },
    };
    let json = serde_json::to_value(&result).expect("serialises");
    assert_eq!(json["outcome"], "rejected");
    assert_eq!(json["reason"], "the account is not yours");
    assert_eq!(json["sequence"], 7);
    let back: CommandResult = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, result);
}

#[test]
fn a_fingerprint_is_the_sha256_of_the_certificate_in_pairs() {
    let fingerprint = certificate_fingerprint(b"abc");
    assert_eq!(
        fingerprint,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert!(format_fingerprint(&fingerprint).starts_with("BA:78:16:BF:"));
}

#[test]
fn money_on_the_wire_is_whole_pence() {
    let entry = EntrySnapshot {
        id: Uuid::nil(),
        posted_on: NaiveDate::from_ymd_opt(2026, 11, 2).expect("a date"),
        kind: "payment".into(),
        detail: Some("card".into()),
        amount_pence: -2500,
        description: "Card".into(),
        reverses_entry_id: None,
    };
    let json = serde_json::to_string(&entry).expect("serialises");
    assert!(json.contains("\"amount_pence\":-2500"), "{json}");
    assert!(json.contains("\"posted_on\":\"2026-11-02\""), "{json}");
}
