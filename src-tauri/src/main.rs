//! The Doorstep desktop shell. Each command deserialises its request, calls `doorstep-core`,
//! and returns the core's answer or its `ApiError`: no business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use doorstep_api::{
    AccountChartRequest, AccountChartView, ExportListRequest, PatchReportView, WeeklyReportRequest,
};
use doorstep_api::{
    AccountDetail, AccountList, ApiError, BankDetailsCheck, CancelArrangementRequest,
    CardPaymentOutcome, CheckBankDetailsRequest, CheckInRequest, CheckOutRequest,
    ChequeStatusRequest, CreateArrangementRequest, CreateMandateRequest, ExportedFile,
    ForwardOutcome, GetAccountRequest, GetRoundRequest, IncomeExpenditureOutcome,
    IncomeExpenditureRequest, ListAccountsRequest, LoneWorkingView, PlanRoundRequest, PolicyView,
    ProduceDocumentRequest, ProducedDocument, RecordChequeRequest, RecordDiaryRequest,
    RecordPaymentRequest, RecordVisitRequest, RecordsVerification, ReverseEntryRequest, RoundView,
    SavePolicyRequest, SessionStatus, SetHoldRequest, SetUpRequest, TakeCardPaymentRequest,
    TerminalView, UnlockRequest, VisitDocumentRequest, VisitPanel, Worklist,
};
use doorstep_api::{
    AddTenancyAgreementRequest, BundleProgressView, CourtFileView, DraftNoticeRequest,
    GetCourtFileRequest, ProduceCourtDocumentRequest, RecordApplicationOutcomeRequest,
    RecordApplicationRequest, RecordClaimRequest, RecordHearingOutcomeRequest,
    RecordServiceRequest, RequestWarrantRequest,
};
use doorstep_api::{
    AuthorityCheckView, CheckAuthorityRequest, EndFlagRequest, GetPeopleRequest, PeopleView,
    RecordConsentRequest, RecordContactRequest, RecordFlagRequest, RecordRepresentativeRequest,
};
use doorstep_api::{
    BenefitsView, GetBenefitsRequest, RecordBenefitDecisionRequest, RecordBenefitRequestRequest,
    RecordDhpApplicationRequest, RecordDhpDecisionRequest, RecordUcPositionRequest,
};
use doorstep_api::{
    CheckHbOverpaymentRequest, DecideHbOverpaymentRequest, GetHousingBenefitRequest,
    HbOverpaymentCheckView, HbOverpaymentDecided, HousingBenefitView, RecordHbNotificationRequest,
};
use doorstep_api::{EnrolDeviceRequest, SyncProgressView, SyncStatusView, SyncSummary};
use doorstep_api::{
    FormerTenancyView, GetFormerTenancyRequest, RecommendWriteOffRequest,
    RecordReferralOutcomeRequest, RecordReferralRequest, WriteOffRecommended,
};
use doorstep_api::{
    GetPaymentScheduleRequest, PaymentScheduleView, ProducePaymentScheduleRequest,
    RecordPaymentScheduleRequest,
};
use doorstep_core::{Config, Session};
use tauri::{Manager, State};

/// How often the shell asks the core whether the idle time has run out. Well under the
/// shortest idle lock (one minute), so a lock is never more than this late.
const IDLE_CHECK_INTERVAL: Duration = Duration::from_secs(10);

#[derive(Parser)]
#[command(
    name = "doorstep-desktop",
    version,
    about = "Doorstep for income officers"
)]
struct Arguments {
    /// The officer's data folder (or set DOORSTEP_DATA_DIR).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

#[tauri::command]
async fn session_status(session: State<'_, Session>) -> Result<SessionStatus, ApiError> {
    session.status().await
}

#[tauri::command]
async fn set_up(
    session: State<'_, Session>,
    request: SetUpRequest,
) -> Result<SessionStatus, ApiError> {
    session.set_up(&request).await
}

#[tauri::command]
async fn unlock(
    session: State<'_, Session>,
    request: UnlockRequest,
) -> Result<SessionStatus, ApiError> {
    session.unlock(&request).await
}

#[tauri::command]
async fn lock(session: State<'_, Session>) -> Result<SessionStatus, ApiError> {
    session.lock().await
}

#[tauri::command]
async fn record_activity(session: State<'_, Session>) -> Result<SessionStatus, ApiError> {
    session.record_activity().await
}

#[tauri::command]
async fn list_accounts(
    session: State<'_, Session>,
    request: ListAccountsRequest,
) -> Result<AccountList, ApiError> {
    session.list_accounts(&request).await
}

#[tauri::command]
async fn get_account(
    session: State<'_, Session>,
    request: GetAccountRequest,
) -> Result<AccountDetail, ApiError> {
    session.get_account(&request).await
}

#[tauri::command]
async fn get_worklist(session: State<'_, Session>) -> Result<Worklist, ApiError> {
    session.get_worklist().await
}

#[tauri::command]
async fn record_payment(
    session: State<'_, Session>,
    request: RecordPaymentRequest,
) -> Result<AccountDetail, ApiError> {
    session.record_payment(&request).await
}

#[tauri::command]
async fn reverse_entry(
    session: State<'_, Session>,
    request: ReverseEntryRequest,
) -> Result<AccountDetail, ApiError> {
    session.reverse_entry(&request).await
}

#[tauri::command]
async fn create_arrangement(
    session: State<'_, Session>,
    request: CreateArrangementRequest,
) -> Result<AccountDetail, ApiError> {
    session.create_arrangement(&request).await
}

#[tauri::command]
async fn cancel_arrangement(
    session: State<'_, Session>,
    request: CancelArrangementRequest,
) -> Result<AccountDetail, ApiError> {
    session.cancel_arrangement(&request).await
}

#[tauri::command]
async fn record_diary(
    session: State<'_, Session>,
    request: RecordDiaryRequest,
) -> Result<AccountDetail, ApiError> {
    session.record_diary(&request).await
}

#[tauri::command]
async fn set_hold(
    session: State<'_, Session>,
    request: SetHoldRequest,
) -> Result<AccountDetail, ApiError> {
    session.set_hold(&request).await
}

#[tauri::command]
async fn get_policy(session: State<'_, Session>) -> Result<PolicyView, ApiError> {
    session.get_policy().await
}

#[tauri::command]
async fn save_policy(
    session: State<'_, Session>,
    request: SavePolicyRequest,
) -> Result<PolicyView, ApiError> {
    session.save_policy(&request).await
}

#[tauri::command]
async fn produce_document(
    session: State<'_, Session>,
    request: ProduceDocumentRequest,
) -> Result<ProducedDocument, ApiError> {
    session.produce_document(&request).await
}

#[tauri::command]
async fn export_policy(session: State<'_, Session>) -> Result<ExportedFile, ApiError> {
    session.export_policy().await
}

#[tauri::command]
async fn verify_records(session: State<'_, Session>) -> Result<RecordsVerification, ApiError> {
    session.verify_records().await
}

#[tauri::command]
async fn plan_round(
    session: State<'_, Session>,
    request: PlanRoundRequest,
) -> Result<RoundView, ApiError> {
    session.plan_round(&request).await
}

#[tauri::command]
async fn get_round(
    session: State<'_, Session>,
    request: GetRoundRequest,
) -> Result<RoundView, ApiError> {
    session.get_round(&request).await
}

#[tauri::command]
async fn check_in(
    session: State<'_, Session>,
    request: CheckInRequest,
) -> Result<LoneWorkingView, ApiError> {
    session.check_in(&request).await
}

#[tauri::command]
async fn check_out(
    session: State<'_, Session>,
    request: CheckOutRequest,
) -> Result<LoneWorkingView, ApiError> {
    session.check_out(&request).await
}

#[tauri::command]
async fn get_lone_working(session: State<'_, Session>) -> Result<LoneWorkingView, ApiError> {
    session.get_lone_working().await
}

#[tauri::command]
async fn record_visit(
    session: State<'_, Session>,
    request: RecordVisitRequest,
) -> Result<AccountDetail, ApiError> {
    session.record_visit(&request).await
}

#[tauri::command]
async fn assess_income_expenditure(
    session: State<'_, Session>,
    request: IncomeExpenditureRequest,
) -> Result<IncomeExpenditureOutcome, ApiError> {
    session.assess_income_expenditure(&request).await
}

#[tauri::command]
async fn take_card_payment(
    session: State<'_, Session>,
    request: TakeCardPaymentRequest,
) -> Result<CardPaymentOutcome, ApiError> {
    session.take_card_payment(&request).await
}

#[tauri::command]
async fn get_terminal(session: State<'_, Session>) -> Result<TerminalView, ApiError> {
    session.get_terminal().await
}

#[tauri::command]
async fn forward_card_payments(session: State<'_, Session>) -> Result<ForwardOutcome, ApiError> {
    session.forward_card_payments().await
}

#[tauri::command]
async fn record_cheque(
    session: State<'_, Session>,
    request: RecordChequeRequest,
) -> Result<AccountDetail, ApiError> {
    session.record_cheque(&request).await
}

#[tauri::command]
async fn set_cheque_status(
    session: State<'_, Session>,
    request: ChequeStatusRequest,
) -> Result<AccountDetail, ApiError> {
    session.set_cheque_status(&request).await
}

#[tauri::command]
async fn check_bank_details(
    session: State<'_, Session>,
    request: CheckBankDetailsRequest,
) -> Result<BankDetailsCheck, ApiError> {
    session.check_bank_details(&request).await
}

#[tauri::command]
async fn create_mandate(
    session: State<'_, Session>,
    request: CreateMandateRequest,
) -> Result<AccountDetail, ApiError> {
    session.create_mandate(&request).await
}

#[tauri::command]
async fn get_visit_panel(
    session: State<'_, Session>,
    request: GetAccountRequest,
) -> Result<VisitPanel, ApiError> {
    session.get_visit_panel(&request).await
}

#[tauri::command]
async fn produce_visit_document(
    session: State<'_, Session>,
    request: VisitDocumentRequest,
) -> Result<ProducedDocument, ApiError> {
    session.produce_visit_document(&request).await
}

#[tauri::command]
async fn get_court_file(
    session: State<'_, Session>,
    request: GetCourtFileRequest,
) -> Result<CourtFileView, ApiError> {
    session.get_court_file(&request).await
}

#[tauri::command]
async fn draft_notice(
    session: State<'_, Session>,
    request: DraftNoticeRequest,
) -> Result<CourtFileView, ApiError> {
    session.draft_notice(&request).await
}

#[tauri::command]
async fn record_notice_service(
    session: State<'_, Session>,
    request: RecordServiceRequest,
) -> Result<CourtFileView, ApiError> {
    session.record_notice_service(&request).await
}

#[tauri::command]
async fn add_tenancy_agreement(
    session: State<'_, Session>,
    request: AddTenancyAgreementRequest,
) -> Result<CourtFileView, ApiError> {
    session.add_tenancy_agreement(&request).await
}

#[tauri::command]
async fn record_claim(
    session: State<'_, Session>,
    request: RecordClaimRequest,
) -> Result<CourtFileView, ApiError> {
    session.record_claim(&request).await
}

#[tauri::command]
async fn record_hearing_outcome(
    session: State<'_, Session>,
    request: RecordHearingOutcomeRequest,
) -> Result<CourtFileView, ApiError> {
    session.record_hearing_outcome(&request).await
}

#[tauri::command]
async fn request_warrant(
    session: State<'_, Session>,
    request: RequestWarrantRequest,
) -> Result<CourtFileView, ApiError> {
    session.request_warrant(&request).await
}

#[tauri::command]
async fn record_application(
    session: State<'_, Session>,
    request: RecordApplicationRequest,
) -> Result<CourtFileView, ApiError> {
    session.record_application(&request).await
}

#[tauri::command]
async fn record_application_outcome(
    session: State<'_, Session>,
    request: RecordApplicationOutcomeRequest,
) -> Result<CourtFileView, ApiError> {
    session.record_application_outcome(&request).await
}

#[tauri::command]
async fn produce_court_document(
    session: State<'_, Session>,
    request: ProduceCourtDocumentRequest,
) -> Result<ProducedDocument, ApiError> {
    session.produce_court_document(&request).await
}

#[tauri::command]
async fn get_bundle_progress(session: State<'_, Session>) -> Result<BundleProgressView, ApiError> {
    Ok(session.bundle_progress())
}

#[tauri::command]
async fn get_benefits(
    session: State<'_, Session>,
    request: GetBenefitsRequest,
) -> Result<BenefitsView, ApiError> {
    session.get_benefits(&request).await
}

#[tauri::command]
async fn record_uc_position(
    session: State<'_, Session>,
    request: RecordUcPositionRequest,
) -> Result<BenefitsView, ApiError> {
    session.record_uc_position(&request).await
}

#[tauri::command]
async fn record_benefit_request(
    session: State<'_, Session>,
    request: RecordBenefitRequestRequest,
) -> Result<BenefitsView, ApiError> {
    session.record_benefit_request(&request).await
}

#[tauri::command]
async fn record_benefit_decision(
    session: State<'_, Session>,
    request: RecordBenefitDecisionRequest,
) -> Result<BenefitsView, ApiError> {
    session.record_benefit_decision(&request).await
}

#[tauri::command]
async fn record_dhp_application(
    session: State<'_, Session>,
    request: RecordDhpApplicationRequest,
) -> Result<BenefitsView, ApiError> {
    session.record_dhp_application(&request).await
}

#[tauri::command]
async fn record_dhp_decision(
    session: State<'_, Session>,
    request: RecordDhpDecisionRequest,
) -> Result<BenefitsView, ApiError> {
    session.record_dhp_decision(&request).await
}

#[tauri::command]
async fn get_weekly_report(
    session: State<'_, Session>,
    request: WeeklyReportRequest,
) -> Result<PatchReportView, ApiError> {
    session.weekly_report(&request).await
}

#[tauri::command]
async fn get_account_chart(
    session: State<'_, Session>,
    request: AccountChartRequest,
) -> Result<AccountChartView, ApiError> {
    session.account_chart(&request).await
}

#[tauri::command]
async fn produce_weekly_report(
    session: State<'_, Session>,
    request: WeeklyReportRequest,
) -> Result<ProducedDocument, ApiError> {
    session.produce_weekly_report(&request).await
}

#[tauri::command]
async fn export_list(
    session: State<'_, Session>,
    request: ExportListRequest,
) -> Result<ExportedFile, ApiError> {
    session.export_list(&request).await
}

#[tauri::command]
async fn get_people(
    session: State<'_, Session>,
    request: GetPeopleRequest,
) -> Result<PeopleView, ApiError> {
    session.get_people(&request).await
}

#[tauri::command]
async fn record_representative(
    session: State<'_, Session>,
    request: RecordRepresentativeRequest,
) -> Result<PeopleView, ApiError> {
    session.record_representative(&request).await
}

#[tauri::command]
async fn record_consent(
    session: State<'_, Session>,
    request: RecordConsentRequest,
) -> Result<PeopleView, ApiError> {
    session.record_consent(&request).await
}

#[tauri::command]
async fn check_authority(
    session: State<'_, Session>,
    request: CheckAuthorityRequest,
) -> Result<AuthorityCheckView, ApiError> {
    session.check_authority(&request).await
}

#[tauri::command]
async fn record_contact(
    session: State<'_, Session>,
    request: RecordContactRequest,
) -> Result<PeopleView, ApiError> {
    session.record_contact(&request).await
}

#[tauri::command]
async fn record_flag(
    session: State<'_, Session>,
    request: RecordFlagRequest,
) -> Result<PeopleView, ApiError> {
    session.record_flag(&request).await
}

#[tauri::command]
async fn end_flag(
    session: State<'_, Session>,
    request: EndFlagRequest,
) -> Result<PeopleView, ApiError> {
    session.end_flag(&request).await
}

#[tauri::command]
async fn get_housing_benefit(
    session: State<'_, Session>,
    request: GetHousingBenefitRequest,
) -> Result<HousingBenefitView, ApiError> {
    session.get_housing_benefit(&request).await
}

#[tauri::command]
async fn record_hb_notification(
    session: State<'_, Session>,
    request: RecordHbNotificationRequest,
) -> Result<HousingBenefitView, ApiError> {
    session.record_hb_notification(&request).await
}

#[tauri::command]
async fn check_hb_overpayment(
    session: State<'_, Session>,
    request: CheckHbOverpaymentRequest,
) -> Result<HbOverpaymentCheckView, ApiError> {
    session.check_hb_overpayment(&request).await
}

#[tauri::command]
async fn decide_hb_overpayment(
    session: State<'_, Session>,
    request: DecideHbOverpaymentRequest,
) -> Result<HbOverpaymentDecided, ApiError> {
    session.decide_hb_overpayment(&request).await
}

#[tauri::command]
async fn get_payment_schedule(
    session: State<'_, Session>,
    request: GetPaymentScheduleRequest,
) -> Result<PaymentScheduleView, ApiError> {
    session.get_payment_schedule(&request).await
}

#[tauri::command]
async fn record_payment_schedule(
    session: State<'_, Session>,
    request: RecordPaymentScheduleRequest,
) -> Result<PaymentScheduleView, ApiError> {
    session.record_payment_schedule(&request).await
}

#[tauri::command]
async fn produce_payment_schedule(
    session: State<'_, Session>,
    request: ProducePaymentScheduleRequest,
) -> Result<ExportedFile, ApiError> {
    session.produce_payment_schedule(&request).await
}

#[tauri::command]
async fn get_former_tenancy(
    session: State<'_, Session>,
    request: GetFormerTenancyRequest,
) -> Result<FormerTenancyView, ApiError> {
    session.get_former_tenancy(&request).await
}

#[tauri::command]
async fn record_referral(
    session: State<'_, Session>,
    request: RecordReferralRequest,
) -> Result<FormerTenancyView, ApiError> {
    session.record_referral(&request).await
}

#[tauri::command]
async fn record_referral_outcome(
    session: State<'_, Session>,
    request: RecordReferralOutcomeRequest,
) -> Result<FormerTenancyView, ApiError> {
    session.record_referral_outcome(&request).await
}

#[tauri::command]
async fn recommend_write_off(
    session: State<'_, Session>,
    request: RecommendWriteOffRequest,
) -> Result<WriteOffRecommended, ApiError> {
    session.recommend_write_off(&request).await
}

#[tauri::command]
async fn enrol_device(
    session: State<'_, Session>,
    request: EnrolDeviceRequest,
) -> Result<SyncStatusView, ApiError> {
    session.enrol_device(&request).await
}

#[tauri::command]
async fn get_sync_status(session: State<'_, Session>) -> Result<SyncStatusView, ApiError> {
    session.get_sync_status().await
}

/// Runs to completion; the window polls `get_sync_progress` meanwhile, which is why that one
/// takes no lock the sync holds.
#[tauri::command]
async fn sync_now(session: State<'_, Session>) -> Result<SyncSummary, ApiError> {
    session.sync_now().await
}

#[tauri::command]
async fn get_sync_progress(session: State<'_, Session>) -> Result<SyncProgressView, ApiError> {
    Ok(session.get_sync_progress())
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let config = match Config::from_environment(arguments.data_dir) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("doorstep-desktop: {error}");
            return ExitCode::from(2);
        }
    };
    let result = tauri::Builder::default()
        .manage(Session::new(config))
        .setup(|app| {
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    tokio::time::sleep(IDLE_CHECK_INTERVAL).await;
                    handle.state::<Session>().lock_if_idle(Instant::now()).await;
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            session_status,
            set_up,
            unlock,
            lock,
            record_activity,
            list_accounts,
            get_account,
            get_worklist,
            record_payment,
            reverse_entry,
            create_arrangement,
            cancel_arrangement,
            record_diary,
            set_hold,
            get_policy,
            save_policy,
            produce_document,
            verify_records,
            export_policy,
            plan_round,
            get_round,
            check_in,
            check_out,
            get_lone_working,
            record_visit,
            assess_income_expenditure,
            take_card_payment,
            get_terminal,
            forward_card_payments,
            record_cheque,
            set_cheque_status,
            check_bank_details,
            create_mandate,
            get_visit_panel,
            produce_visit_document,
            get_court_file,
            draft_notice,
            record_notice_service,
            add_tenancy_agreement,
            record_claim,
            record_hearing_outcome,
            request_warrant,
            record_application,
            record_application_outcome,
            produce_court_document,
            get_bundle_progress,
            get_benefits,
            record_uc_position,
            record_benefit_request,
            record_benefit_decision,
            record_dhp_application,
            record_dhp_decision,
            get_weekly_report,
            get_account_chart,
            produce_weekly_report,
            export_list,
            get_people,
            record_representative,
            record_consent,
            check_authority,
            record_contact,
            record_flag,
            end_flag,
            get_housing_benefit,
            record_hb_notification,
            check_hb_overpayment,
            decide_hb_overpayment,
            get_payment_schedule,
            record_payment_schedule,
            produce_payment_schedule,
            get_former_tenancy,
            record_referral,
            record_referral_outcome,
            recommend_write_off,
            enrol_device,
            get_sync_status,
            sync_now,
            get_sync_progress,
        ])
        .build(tauri::generate_context!());
    match result {
        Ok(app) => {
            app.run(|handle, event| {
                // The store is closed before the process goes: its connections' threads must
                // not still be writing while the runtime and SQLCipher tear down.
                if let tauri::RunEvent::Exit = event {
                    let session = handle.state::<Session>();
                    let _ = tauri::async_runtime::block_on(session.lock());
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("doorstep-desktop: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
