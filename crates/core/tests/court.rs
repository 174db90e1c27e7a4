//! Court work through the session, as the desktop drives it: a notice refused for the reasons
//! the law gives, drafted under the rule set in force, served on each tenant; the claim's
//! papers and bundle whose figures are the ledger's; a suspended order whose breach becomes
//! the warrant step.

use chrono::{Days, NaiveDate, NaiveTime};
use doorstep_api::{
    ApiError, CourtDocument, CourtFileView, CourtOrderTerms, DraftNoticeRequest, GetAccountRequest,
    GetCourtFileRequest, HoldKind, RecordClaimRequest, RecordHearingOutcomeRequest,
    RecordServiceRequest, RequestWarrantRequest, SetHoldRequest, SetUpRequest, StartWith,
    WorklistItem,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use doorstep_domain::legal::{self, ServiceMethod, TenancyPeriods};
use doorstep_domain::money::format_money;
use printpdf::{PdfDocument, PdfParseOptions};
use rust_decimal::Decimal;

const PASSPHRASE: &str = "tea-and-biscuits-42";

async fn demo_session(folder: &tempfile::TempDir) -> Session {
    let session = Session::new(Config::for_data_dir(
        folder.path().to_path_buf(),
        CredentialStoreChoice::File,
    ));
    session
        .set_up(&SetUpRequest {
            passphrase: PASSPHRASE.into(),
            passphrase_repeated: PASSPHRASE.into(),
            start_with: StartWith::Empty,
        })
        .await
        .unwrap();
    session
        .load_demo(&DemoOptions {
            accounts_count: 120,
            ..DemoOptions::new(11, doorstep_core::today())
        })
        .await
        .unwrap();
    session
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn today() -> NaiveDate {
    doorstep_core::today()
}

fn pdf_text(bytes: &[u8]) -> String {
    let mut warnings = Vec::new();
    let document = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut warnings)
        .expect("a PDF Doorstep wrote parses");
    document
        .extract_text()
        .into_iter()
        .map(|page| page.join("\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An account of `tenure` ("Assured tenancy") whose arrears in weeks satisfy `weeks`, not in
/// Breathing Space and not paused, with its id.
async fn account_where(
    session: &Session,
    tenure: &str,
    weeks: impl Fn(Decimal) -> bool,
) -> (WorklistItem, i64) {
    let items = session.get_worklist().await.unwrap().items;
    for item in items {
        if !weeks(item.arrears_weeks) || item.pause_reason.is_some() {
            continue;
        }
        let detail = session
            .get_account(&GetAccountRequest {
                payment_reference: item.payment_reference.clone(),
            })
            .await
            .unwrap();
        if detail.tenancy.tenure != tenure || item.next_action.label.contains("Blocked") {
            continue;
        }
        // The demo takes a few accounts to court already; these tests start before a claim.
        if court_file(session, detail.account_id)
            .await
            .claims
            .is_empty()
        {
            return (item, detail.account_id);
        }
    }
    panic!("the demo patch has a {tenure} account in that range");
}

async fn court_file(session: &Session, account_id: i64) -> CourtFileView {
    session
        .get_court_file(&GetCourtFileRequest {
            account_id,
            issue_date: None,
        })
        .await
        .unwrap()
}

fn draft(account_id: i64, grounds: &[&str], on: NaiveDate, method: &str) -> DraftNoticeRequest {
    DraftNoticeRequest {
        command_id: new_id(),
        account_id,
        grounds: grounds.iter().map(|ground| ground.to_string()).collect(),
        planned_service_on: on,
        planned_method: method.into(),
        particulars: String::new(),
    }
}

async fn serve_everyone(
    session: &Session,
    account_id: i64,
    notice_id: &str,
    on: NaiveDate,
) -> CourtFileView {
    let file = court_file(session, account_id).await;
    let unserved = file
        .notices
        .iter()
        .find(|notice| notice.notice_id == notice_id)
        .unwrap()
        .unserved
        .clone();
    let mut file = file;
    for person in unserved {
        file = session
            .record_notice_service(&RecordServiceRequest {
                command_id: new_id(),
                account_id,
                notice_id: notice_id.into(),
                person_name: person,
                method: "by_hand".into(),
                served_on: on,
                served_at: NaiveTime::from_hms_opt(10, 30, 0),
                served_by: "Sam Officer".into(),
            })
            .await
            .unwrap();
    }
    file
}

#[tokio::test]
async fn a_form_3_is_drafted_under_the_rule_set_in_force_and_served_on_each_tenant() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (item, account_id) = account_where(&session, "Assured tenancy", |weeks| {
        weeks >= Decimal::from(14)
    })
    .await;
    let file = court_file(&session, account_id).await;
    assert!(file
        .grounds
        .iter()
        .any(|ground| ground.code == "8" && ground.refused_because.is_none()));

    let request = draft(account_id, &["8", "10"], today(), "first_class_post");
    let file = session.draft_notice(&request).await.unwrap();
    // A retry of the same command drafts nothing twice.
    let again = session.draft_notice(&request).await.unwrap();
    assert_eq!(again.notices.len(), file.notices.len());
    let notice = &file.notices[0];
    assert_eq!(notice.state, "drafted");
    assert_eq!(notice.kind, "form_3");

    // The dates are the legal module's, for the service planned.
    let deemed = legal::deemed_service(ServiceMethod::FirstClassPost, today(), None).unwrap();
    let set = legal::rule_set_for(
        doorstep_domain::tenancy::Tenure::Assured,
        deemed,
        &legal::LegalSettings::default(),
    )
    .unwrap();
    assert!(notice.rule_set.contains(&set.id));
    let periods = TenancyPeriods::Weekly {
        a_period_starts_on: NaiveDate::from_ymd_opt(2020, 1, 6).unwrap(),
    };
    let dates = legal::notice_dates(set, deemed, periods).unwrap();
    assert_eq!(notice.date_specified, dates.date_specified);
    assert_eq!(notice.expires_on, dates.expires_on);

    // Served by hand today before 4.30pm: deemed today at the latest, so the date stands.
    let served = serve_everyone(&session, account_id, &notice.notice_id, today()).await;
    let notice = &served.notices[0];
    assert!(notice.unserved.is_empty());
    assert_eq!(notice.services.len(), file.tenant_names.len());
    assert_eq!(notice.state, "served");
    // Service on the same tenant again is refused.
    let twice = session
        .record_notice_service(&RecordServiceRequest {
            command_id: new_id(),
            account_id,
            notice_id: notice.notice_id.clone(),
            person_name: file.tenant_names[0].clone(),
            method: "by_hand".into(),
            served_on: today(),
            served_at: NaiveTime::from_hms_opt(11, 0, 0),
            served_by: "Sam Officer".into(),
        })
        .await;
    assert!(matches!(twice, Err(ApiError::Invalid { .. })), "{twice:?}");

    // The worklist names the notice's life.
    let row = session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|row| row.payment_reference == item.payment_reference)
        .unwrap();
    assert!(
        row.next_action.reason.contains("notice usable from"),
        "{}",
        row.next_action.reason
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn service_that_makes_the_notice_date_too_early_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (_, account_id) = account_where(&session, "Assured tenancy", |weeks| {
        weeks >= Decimal::from(14)
    })
    .await;
    let file = session
        .draft_notice(&draft(account_id, &["10"], today(), "by_hand"))
        .await
        .unwrap();
    let notice = &file.notices[0];
    // Posted second class at 6pm instead of handed over: deemed days later.
    let refused = session
        .record_notice_service(&RecordServiceRequest {
            command_id: new_id(),
            account_id,
            notice_id: notice.notice_id.clone(),
            person_name: file.tenant_names[0].clone(),
            method: "second_class_post".into(),
            served_on: today(),
            served_at: NaiveTime::from_hms_opt(18, 0, 0),
            served_by: "Sam Officer".into(),
        })
        .await;
    match refused {
        Err(ApiError::LegalRefused { reasons }) => {
            assert!(reasons[0].contains("too early"), "{reasons:?}")
        }
        other => panic!("expected a legal refusal, got {other:?}"),
    }
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_notice_is_refused_in_words_below_the_ground_8_threshold_and_in_breathing_space() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (_, low) = account_where(&session, "Assured tenancy", |weeks| {
        weeks > Decimal::ZERO && weeks < Decimal::from(7)
    })
    .await;
    match session
        .draft_notice(&draft(low, &["8"], today(), "by_hand"))
        .await
    {
        Err(ApiError::LegalRefused { reasons }) => {
            assert!(
                reasons
                    .iter()
                    .any(|reason| reason.contains("Ground 8 needs at least")),
                "{reasons:?}"
            )
        }
        other => panic!("expected ground 8 refused, got {other:?}"),
    }

    let (item, high) = account_where(&session, "Assured tenancy", |weeks| {
        weeks >= Decimal::from(14)
    })
    .await;
    let until = today() + Days::new(40);
    session
        .set_hold(&SetHoldRequest {
            payment_reference: item.payment_reference.clone(),
            command_id: new_id(),
            kind: HoldKind::BreathingSpace,
            pause_reason: None,
            until,
            note: String::new(),
        })
        .await
        .unwrap();
    let file = court_file(&session, high).await;
    assert!(file.notice_unavailable.unwrap().contains("Breathing Space"));
    match session
        .draft_notice(&draft(high, &["10"], today(), "by_hand"))
        .await
    {
        Err(ApiError::LegalRefused { reasons }) => {
            assert!(
                reasons
                    .iter()
                    .any(|reason| reason.contains("Breathing Space")),
                "{reasons:?}"
            )
        }
        other => panic!("expected Breathing Space to refuse, got {other:?}"),
    }
    // Planned for the day after the moratorium ends: allowed.
    session
        .draft_notice(&draft(high, &["10"], until + Days::new(1), "by_hand"))
        .await
        .unwrap();
    session.lock().await.unwrap();
}

/// A notice served 60 days ago, a claim issued, a suspended order whose terms are not kept:
/// the papers' figures are the ledger's and the breach is the warrant step.
#[tokio::test]
async fn from_notice_to_warrant_the_papers_carry_the_ledger_figures() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (item, account_id) = account_where(&session, "Secure tenancy", |weeks| {
        weeks >= Decimal::from(6)
    })
    .await;
    let served_on = today() - Days::new(70);
    let file = session
        .draft_notice(&draft(account_id, &["1"], served_on, "by_hand"))
        .await
        .unwrap();
    let notice_id = file.notices[0].notice_id.clone();
    let file = serve_everyone(&session, account_id, &notice_id, served_on).await;
    let notice = &file.notices[0];
    assert_eq!(notice.state, "usable");
    // HA 1985 s83: the date is a rent period's last day (weekly from Monday: a Sunday).
    assert_eq!(
        chrono::Datelike::weekday(&notice.date_specified),
        chrono::Weekday::Sun
    );

    let issued_on = notice.proceedings_from + Days::new(1);
    let papers = session
        .get_court_file(&GetCourtFileRequest {
            account_id,
            issue_date: Some(issued_on),
        })
        .await
        .unwrap();
    let claim = session.claim_data(account_id, issued_on).await.unwrap();
    assert_eq!(claim.amount_due_at_issue, papers.amount_due_at_issue);
    let rows_total = claim.arrears_schedule.brought_forward
        + claim
            .arrears_schedule
            .rows
            .iter()
            .map(|row| row.debit - row.credit)
            .sum::<Decimal>();
    assert_eq!(rows_total, claim.amount_due_at_issue);
    let json = serde_json::to_value(&claim).unwrap();
    assert_eq!(json["issue_date"], serde_json::json!(issued_on));

    let (_, bundle) = session
        .court_document_pdf(account_id, &CourtDocument::Bundle, Some(issued_on))
        .await
        .unwrap();
    let text = pdf_text(&bundle);
    assert!(
        text.contains(&format_money(claim.amount_due_at_issue)),
        "amount due at issue"
    );
    assert!(
        text.contains(&format_money(claim.daily_rate_of_rent)),
        "daily rate"
    );
    assert!(text.contains("Court bundle — index"));
    assert!(text.contains(&item.payment_reference));
    assert!(text.contains("I believe that the facts stated in this witness statement are true."));

    let hearing_on = issued_on + Days::new(14);
    if hearing_on >= today() {
        // The demo's today leaves no room for a hearing in the past; the rest needs one.
        session.lock().await.unwrap();
        return;
    }
    let claim_file = session
        .record_claim(&RecordClaimRequest {
            command_id: new_id(),
            account_id,
            notice_id: notice_id.clone(),
            issued_on,
            claim_number: "K12AB345".into(),
            court: "County Court at Bradford".into(),
            hearing_on: Some(hearing_on),
        })
        .await
        .unwrap();
    let claim_id = claim_file.claims[0].claim_id.clone();
    assert_eq!(claim_file.claims[0].amount_due, claim.amount_due_at_issue);
    let after_order = session
        .record_hearing_outcome(&RecordHearingOutcomeRequest {
            command_id: new_id(),
            account_id,
            claim_id: claim_id.clone(),
            hearing_on,
            outcome: "SOT".into(),
            possession_on: None,
            next_hearing_on: None,
            terms: Some(CourtOrderTerms {
                instalment: "900".parse().unwrap(),
                frequency: "weekly".into(),
                first_instalment_on: hearing_on + Days::new(1),
            }),
            note: "Suspended on terms".into(),
        })
        .await
        .unwrap();
    assert!(after_order.outcomes[0].terms.is_some());
    let row = |items: Vec<WorklistItem>| {
        items
            .into_iter()
            .find(|row| row.payment_reference == item.payment_reference)
            .unwrap()
    };
    // £900 a week towards the arrears was never paid: the order is broken.
    let broken = row(session.get_worklist().await.unwrap().items);
    assert_eq!(
        broken.next_action.label, "Request a warrant",
        "{}",
        broken.next_action.reason
    );
    session
        .request_warrant(&RequestWarrantRequest {
            command_id: new_id(),
            account_id,
            claim_id: claim_id.clone(),
            requested_on: today(),
            breach: "No payment towards the arrears since the order".into(),
        })
        .await
        .unwrap();
    let (_, n325) = session
        .court_document_pdf(
            account_id,
            &CourtDocument::WarrantRequest { claim_id },
            None,
        )
        .await
        .unwrap();
    assert!(pdf_text(&n325).contains("K12AB345"));
    let after = row(session.get_worklist().await.unwrap().items);
    assert_ne!(after.next_action.label, "Request a warrant");
    session.lock().await.unwrap();
}

#[tokio::test]
async fn the_tenancy_agreement_as_supplied_goes_into_the_bundle() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (_, account_id) = account_where(&session, "Assured tenancy", |weeks| {
        weeks >= Decimal::from(2)
    })
    .await;
    let add = |bytes: Vec<u8>, name: &str| doorstep_api::AddTenancyAgreementRequest {
        command_id: new_id(),
        account_id,
        file_name: name.into(),
        media_type: String::new(),
        bytes,
    };
    // Not a PDF or an image, whatever its name says.
    let refused = session
        .add_tenancy_agreement(&add(b"Tenancy agreement".to_vec(), "agreement.pdf"))
        .await;
    assert!(
        matches!(refused, Err(ApiError::Invalid { .. })),
        "{refused:?}"
    );

    let (_, without) = session
        .court_document_pdf(account_id, &CourtDocument::Bundle, None)
        .await
        .unwrap();
    // Any PDF will do as the "signed agreement": Doorstep's own rent statement of the account.
    let reference = court_file(&session, account_id).await.payment_reference;
    let agreement = session
        .rent_statement_pdf(&reference, today() - Days::new(60), today())
        .await
        .unwrap();
    let agreement_pages = pages(&agreement);
    let file = session
        .add_tenancy_agreement(&add(agreement, "signed-agreement.pdf"))
        .await
        .unwrap();
    assert_eq!(
        file.tenancy_agreement.as_deref(),
        Some("1 file(s): signed-agreement.pdf")
    );
    assert!(!file
        .claim_warnings
        .iter()
        .any(|warning| warning.contains("No tenancy agreement")));
    let (_, bundle) = session
        .court_document_pdf(account_id, &CourtDocument::Bundle, None)
        .await
        .unwrap();
    // Every page of the agreement, in the continuous pagination.
    assert_eq!(pages(&bundle), pages(&without) + agreement_pages);
    assert!(pdf_text(&bundle).contains(&format!("Page {} of {}", pages(&bundle), pages(&bundle))));
    session.lock().await.unwrap();
}

fn pages(pdf: &[u8]) -> usize {
    let mut warnings = Vec::new();
    PdfDocument::parse(pdf, &PdfParseOptions::default(), &mut warnings)
        .expect("a PDF parses")
        .pages
        .len()
}

#[tokio::test]
async fn a_deputy_on_the_tenancy_is_a_warning_before_court() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    for item in session.get_worklist().await.unwrap().items {
        let detail = session
            .get_account(&GetAccountRequest {
                payment_reference: item.payment_reference.clone(),
            })
            .await
            .unwrap();
        let Some(deputy) = detail.people.iter().find(|person| person.role == "Deputy") else {
            continue;
        };
        let file = court_file(&session, detail.account_id).await;
        assert!(
            file.claim_warnings
                .iter()
                .any(|warning| warning.contains(&format!(
                    "Court of Protection deputy ({})",
                    deputy.full_name
                )) && warning.contains("Court's authority")),
            "{:?}",
            file.claim_warnings
        );
        session.lock().await.unwrap();
        return;
    }
    panic!("the demo patch names a deputy on some tenancy");
}
