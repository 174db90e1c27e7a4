//! What an officer does on a home visit: the day's plan, lone-working check-ins, the visit's
//! record, income and expenditure, card and cheque payments, Direct Debit mandates; and the
//! court work of `court.rs`, which is written the same way.
//!
//! Every write that head office must hear about goes through [`Store::record_field_work`]: the
//! ledger entries, the diary row, a hold and the visit rows of one command, with the command in
//! the outbox, in one transaction. The day's plan is the exception: it is the officer's own
//! note of intent, replaced freely and never sent.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use doorstep_domain::ledger::Entry;
use sqlx::Row;
use uuid::Uuid;

use crate::accounts::{insert_entries, parse_uuid};
use crate::chain::ChainWriter;
use crate::records::{
    already_recorded, insert_diary, insert_hold, instant_text, parse_instant, write_outbox, Effects,
};
use crate::sealed::seal;
use crate::{DiaryRecord, HoldRecord, OutboxCommand, Recorded, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagRecord {
    pub id: Uuid,
    pub account_id: i64,
    /// "do_not_visit_alone", "vulnerability", "mental_capacity", "safeguarding",
    /// "interpreter_or_format".
    pub flag: String,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    /// Blank for flags that came with the caseload.
    pub officer: String,
    /// Set on a row that ends the flag with this id.
    pub ends_flag_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedVisitRecord {
    pub account_id: i64,
    pub visit_on: NaiveDate,
    pub position: u32,
    pub appointment_time: NaiveTime,
    pub duration_minutes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoneWorkingEvent {
    CheckIn { expected_minutes: u32 },
    CheckOut,
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoneWorkingRecord {
    pub id: Uuid,
    pub check_in_id: Uuid,
    pub account_id: i64,
    pub event: LoneWorkingEvent,
    pub at: DateTime<Utc>,
    pub officer: String,
}

/// A check-in with what has happened to it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRecord {
    pub check_in_id: Uuid,
    pub account_id: i64,
    pub checked_in_at: DateTime<Utc>,
    pub expected_minutes: u32,
    pub checked_out_at: Option<DateTime<Utc>>,
    pub overdue_noticed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    /// The id of the diary row that carries the visit's words.
    pub id: Uuid,
    pub account_id: i64,
    /// "no_access", "spoke_to_tenant", "spoke_to_someone_else".
    pub outcome: String,
    pub spoke_to: Option<String>,
    pub authority: Option<String>,
    pub promise_pence: Option<i64>,
    pub promise_on: Option<NaiveDate>,
    pub next_steps: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeExpenditureRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub assessed_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
    pub statement_json: String,
    pub disposable_pence: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalRequestRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub amount_pence: i64,
    /// "rent", "arrears", "court_order_instalment".
    pub allocation: String,
    pub requested_at: DateTime<Utc>,
    pub officer: String,
}

/// What the terminal returned, and where the payment has got to. No card number: the last four
/// digits are the only digits of a card kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPaymentRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub entry_id: Option<Uuid>,
    pub amount_pence: i64,
    pub provider_reference: String,
    pub receipt_number: String,
    pub authorisation_code: Option<String>,
    pub response: String,
    pub card_last_four: String,
    pub scheme: String,
    pub entry_method: String,
    pub terminal_id: String,
    pub simulator: bool,
    pub offline: bool,
    pub taken_at: DateTime<Utc>,
    /// "pending", "authorised", "declined".
    pub state: String,
    pub resolved_at: Option<DateTime<Utc>>,
    pub reversal_entry_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChequeRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub entry_id: Uuid,
    pub cheque_number: String,
    pub drawer: String,
    pub amount_pence: i64,
    pub dated_on: NaiveDate,
    pub received_on: NaiveDate,
    /// "with_officer", "banked", "returned".
    pub status: String,
    pub status_at: DateTime<Utc>,
    pub reversal_entry_id: Option<Uuid>,
}

/// A mandate as kept: the bank details go in sealed and come out only masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateRecord {
    pub id: Uuid,
    pub account_id: i64,
    pub account_holder: String,
    pub sort_code_masked: String,
    pub account_number_masked: String,
    /// "weekly", "fortnightly", "four_weekly", "monthly".
    pub frequency: String,
    pub amount_pence: i64,
    pub first_collection_on: NaiveDate,
    /// "rent", "rent_and_arrangement".
    pub covers: String,
    /// The modulus check's verdict in words, with the table version.
    pub modulus_check: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: String,
}

/// The bank details of a new mandate, in clear only on their way to being sealed. `Debug`
/// shows them masked, so they never reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct BankDetails {
    pub sort_code: String,
    pub account_number: String,
}

impl std::fmt::Debug for BankDetails {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("BankDetails")
            .field("sort_code", &"**-**-**")
            .field("account_number", &"********")
            .finish()
    }
}

/// One row a field-work command writes besides entries, diary and hold.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldRow {
    LoneWorking(LoneWorkingRecord),
    Visit(VisitRecord),
    IncomeExpenditure(IncomeExpenditureRecord),
    CardPayment(CardPaymentRecord),
    /// A pending card payment forwarded: authorised, or declined with its credit reversed.
    CardPaymentForwarded {
        id: Uuid,
        state: String,
        /// The provider's code for a payment authorised when forwarded.
        authorisation_code: Option<String>,
        resolved_at: DateTime<Utc>,
        reversal_entry_id: Option<Uuid>,
    },
    Cheque(ChequeRecord),
    ChequeStatus {
        id: Uuid,
        status: String,
        status_at: DateTime<Utc>,
        reversal_entry_id: Option<Uuid>,
    },
    Mandate(MandateRecord, BankDetails),
    /// A new arrangement (a court order's terms), superseding the open one.
    Arrangement(crate::ArrangementRecord),
    Court(crate::CourtRow),
    Benefit(crate::BenefitRow),
    People(crate::PeopleRow),
    HousingBenefit(crate::HbRow),
    PaymentSchedule(crate::PaymentScheduleRecord),
    FormerTenancy(crate::FormerTenancyRow),
}

/// Everything one field-work command writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldWork {
    pub entries: Vec<Entry>,
    pub diary: Option<DiaryRecord>,
    pub hold: Option<HoldRecord>,
    pub rows: Vec<FieldRow>,
}

type Transaction<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

fn flag_bool(value: bool) -> i64 {
    i64::from(value)
}

impl Store {
    /// Writes one command's field work and the command, all or nothing. A command already in
    /// the outbox writes nothing (a retry).
    pub async fn record_field_work(
        &self,
        account_id: i64,
        work: &FieldWork,
        command: &OutboxCommand,
    ) -> Result<Recorded, StoreError> {
        let mut transaction = self.write_transaction().await?;
        match self
            .write_field_work(&mut transaction, account_id, work, command)
            .await
        {
            Ok(Recorded::Now) => {
                transaction.commit().await?;
                Ok(Recorded::Now)
            }
            Ok(Recorded::Already) => Ok(Recorded::Already),
            Err(error) => {
                // Rolled back now, not when the pool next hands out this connection: until
                // then it would hold the write lock and the officer's next command would
                // find the database locked.
                transaction.rollback().await?;
                Err(error)
            }
        }
    }

    async fn write_field_work(
        &self,
        transaction: &mut Transaction<'_>,
        account_id: i64,
        work: &FieldWork,
        command: &OutboxCommand,
    ) -> Result<Recorded, StoreError> {
        if already_recorded(transaction, command).await? {
            return Ok(Recorded::Already);
        }
        let mut chain = ChainWriter::start(transaction).await?;
        if !work.entries.is_empty() {
            let next_sequence: i64 = sqlx::query_scalar(
                "SELECT coalesce(max(sequence) + 1, 0) FROM ledger_entries WHERE account_id = ?",
            )
            .bind(account_id)
            .fetch_one(&mut **transaction)
            .await?;
            insert_entries(
                transaction,
                &mut chain,
                account_id,
                next_sequence,
                &work.entries,
            )
            .await?;
        }
        if let Some(record) = &work.diary {
            insert_diary(transaction, &mut chain, record).await?;
        }
        chain.finish(transaction).await?;
        if let Some(record) = &work.hold {
            insert_hold(transaction, record).await?;
        }
        for row in &work.rows {
            self.insert_field_row(transaction, row).await?;
        }
        write_outbox(
            transaction,
            command,
            Effects {
                account_id: Some(account_id),
                entries: &work.entries,
                diary: work.diary.as_ref(),
            },
        )
        .await?;
        Ok(Recorded::Now)
    }

    /// Writes a card payment request before the terminal is asked, so that an interrupted
    /// payment is found and asked about again with the same id. Idempotent.
    pub async fn record_terminal_request(
        &self,
        record: &TerminalRequestRecord,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO terminal_requests (id, account_id, amount_pence, allocation, \
             requested_at, officer) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        )
        .bind(record.id.to_string())
        .bind(record.account_id)
        .bind(record.amount_pence)
        .bind(&record.allocation)
        .bind(instant_text(record.requested_at))
        .bind(&record.officer)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// What a card payment was for, as the officer allocated it.
    pub async fn terminal_request_allocation(
        &self,
        id: Uuid,
    ) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT allocation FROM terminal_requests WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Card payment requests that never got the terminal's answer.
    pub async fn interrupted_terminal_requests(
        &self,
    ) -> Result<Vec<TerminalRequestRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, account_id, amount_pence, allocation, requested_at, officer \
             FROM terminal_requests WHERE id NOT IN (SELECT id FROM card_payments) \
             ORDER BY requested_at",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TerminalRequestRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    amount_pence: row.try_get("amount_pence")?,
                    allocation: row.try_get("allocation")?,
                    requested_at: parse_instant(row.try_get("requested_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    async fn insert_field_row(
        &self,
        transaction: &mut Transaction<'_>,
        row: &FieldRow,
    ) -> Result<(), StoreError> {
        match row {
            FieldRow::LoneWorking(record) => insert_lone_working(transaction, record).await,
            FieldRow::Visit(record) => insert_visit(transaction, record).await,
            FieldRow::IncomeExpenditure(record) => {
                sqlx::query(
                    "INSERT INTO income_expenditure (id, account_id, assessed_on, recorded_at, \
                     officer, statement_json, disposable_pence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(record.id.to_string())
                .bind(record.account_id)
                .bind(record.assessed_on)
                .bind(instant_text(record.recorded_at))
                .bind(&record.officer)
                .bind(&record.statement_json)
                .bind(record.disposable_pence)
                .execute(&mut **transaction)
                .await?;
                Ok(())
            }
            FieldRow::CardPayment(record) => insert_card_payment(transaction, record).await,
            FieldRow::CardPaymentForwarded {
                id,
                state,
                authorisation_code,
                resolved_at,
                reversal_entry_id,
            } => {
                let updated = sqlx::query(
                    "UPDATE card_payments SET state = ?, \
                     authorisation_code = coalesce(authorisation_code, ?), resolved_at = ?, \
                     reversal_entry_id = ? WHERE id = ?",
                )
                .bind(state)
                .bind(authorisation_code)
                .bind(instant_text(*resolved_at))
                .bind(reversal_entry_id.map(|id| id.to_string()))
                .bind(id.to_string())
                .execute(&mut **transaction)
                .await?;
                assert_eq!(
                    updated.rows_affected(),
                    1,
                    "a forwarded card payment exists"
                );
                Ok(())
            }
            FieldRow::Cheque(record) => insert_cheque(transaction, record).await,
            FieldRow::ChequeStatus {
                id,
                status,
                status_at,
                reversal_entry_id,
            } => {
                let updated = sqlx::query(
                    "UPDATE cheques SET status = ?, status_at = ?, reversal_entry_id = ? \
                     WHERE id = ?",
                )
                .bind(status)
                .bind(instant_text(*status_at))
                .bind(reversal_entry_id.map(|id| id.to_string()))
                .bind(id.to_string())
                .execute(&mut **transaction)
                .await?;
                assert_eq!(
                    updated.rows_affected(),
                    1,
                    "a cheque whose status moves exists"
                );
                Ok(())
            }
            FieldRow::Mandate(record, details) => {
                let sealed = seal(self.field_key(), &record.id, details)?;
                insert_mandate(transaction, record, &sealed).await
            }
            FieldRow::Arrangement(record) => {
                self.supersede_and_insert_arrangement(transaction, record)
                    .await
            }
            FieldRow::Court(row) => crate::court::insert_court_row(transaction, row).await,
            FieldRow::Benefit(row) => {
                crate::benefit_work::insert_benefit_row(transaction, row).await
            }
            FieldRow::People(row) => crate::people::insert_people_row(transaction, row).await,
            FieldRow::HousingBenefit(row) => {
                crate::housing_benefit::insert_hb_row(transaction, row).await
            }
            FieldRow::PaymentSchedule(record) => {
                crate::payment_schedules::insert_payment_schedule(transaction, record).await
            }
            FieldRow::FormerTenancy(row) => {
                crate::former_tenancy::insert_former_tenancy_row(transaction, row).await
            }
        }
    }

    /// A terminal's saved state (the training simulator's queue), if it has one.
    pub async fn terminal_state(&self, terminal_id: &str) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT json FROM terminal_state WHERE terminal_id = ?")
                .bind(terminal_id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn save_terminal_state(
        &self,
        terminal_id: &str,
        json: &str,
        saved_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO terminal_state (terminal_id, json, saved_at) VALUES (?, ?, ?) \
             ON CONFLICT (terminal_id) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at",
        )
        .bind(terminal_id)
        .bind(json)
        .bind(instant_text(saved_at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The outbox position of a command: the device's own sequence, used to number receipts.
    pub async fn outbox_sequence(&self, command_id: Uuid) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT sequence FROM outbox WHERE command_id = ?")
                .bind(command_id.to_string())
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn insert_flags(&self, flags: &[FlagRecord]) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        for flag in flags {
            crate::people::flag_insert(flag)
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Every account's flags in force (or one account's), oldest first: not ended, and not
    /// the rows that end others.
    pub async fn flags(&self, only_account: Option<i64>) -> Result<Vec<FlagRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT id, account_id, flag, note, recorded_at, officer, ends_flag_id \
             FROM account_flags f WHERE {only} AND ends_flag_id IS NULL AND NOT EXISTS \
             (SELECT 1 FROM account_flags e WHERE e.ends_flag_id = f.id) \
             ORDER BY account_id, recorded_at",
            only = crate::only_account_sql("account_id", 1, only_account)
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(FlagRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    flag: row.try_get("flag")?,
                    note: row.try_get("note")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                    ends_flag_id: row
                        .try_get::<Option<String>, _>("ends_flag_id")?
                        .as_deref()
                        .map(parse_uuid)
                        .transpose()?,
                })
            })
            .collect()
    }

    /// Replaces the plan for `visit_on` with `visits`.
    pub async fn replace_round(
        &self,
        visit_on: NaiveDate,
        visits: &[PlannedVisitRecord],
        planned_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut transaction = self.write_transaction().await?;
        sqlx::query("DELETE FROM planned_visits WHERE visit_on = ?")
            .bind(visit_on)
            .execute(&mut *transaction)
            .await?;
        for visit in visits {
            assert_eq!(visit.visit_on, visit_on, "a round is one day's visits");
            sqlx::query(
                "INSERT INTO planned_visits (account_id, visit_on, position, appointment_time, \
                 duration_minutes, planned_at) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(visit.account_id)
            .bind(visit.visit_on)
            .bind(visit.position)
            .bind(visit.appointment_time.format("%H:%M").to_string())
            .bind(visit.duration_minutes)
            .bind(instant_text(planned_at))
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The plan for `visit_on`, in visiting order.
    pub async fn round(&self, visit_on: NaiveDate) -> Result<Vec<PlannedVisitRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, visit_on, position, appointment_time, duration_minutes \
             FROM planned_visits WHERE visit_on = ? ORDER BY position",
        )
        .bind(visit_on)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let time: String = row.try_get("appointment_time")?;
                Ok(PlannedVisitRecord {
                    account_id: row.try_get("account_id")?,
                    visit_on: row.try_get("visit_on")?,
                    position: row.try_get("position")?,
                    appointment_time: NaiveTime::parse_from_str(&time, "%H:%M").map_err(|_| {
                        StoreError::Corrupt {
                            what: format!("an appointment time {time:?}"),
                        }
                    })?,
                    duration_minutes: row.try_get("duration_minutes")?,
                })
            })
            .collect()
    }

    /// Check-ins made since `since`, with their check-out and overdue notice if any, oldest
    /// first.
    pub async fn check_ins_since(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<CheckInRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.check_in_id, c.account_id, c.at, c.expected_minutes, \
                    o.at AS checked_out_at, d.at AS overdue_at \
             FROM lone_working c \
             LEFT JOIN lone_working o ON o.check_in_id = c.check_in_id AND o.event = 'check_out' \
             LEFT JOIN lone_working d ON d.check_in_id = c.check_in_id AND d.event = 'overdue' \
             WHERE c.event = 'check_in' AND c.at >= ? ORDER BY c.at",
        )
        .bind(instant_text(since))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let optional_instant = |column: &str| -> Result<Option<DateTime<Utc>>, StoreError> {
                    let text: Option<String> = row.try_get(column)?;
                    text.as_deref().map(parse_instant).transpose()
                };
                Ok(CheckInRecord {
                    check_in_id: parse_uuid(row.try_get("check_in_id")?)?,
                    account_id: row.try_get("account_id")?,
                    checked_in_at: parse_instant(row.try_get("at")?)?,
                    expected_minutes: row.try_get("expected_minutes")?,
                    checked_out_at: optional_instant("checked_out_at")?,
                    overdue_noticed_at: optional_instant("overdue_at")?,
                })
            })
            .collect()
    }

    /// The newest income and expenditure assessment of an account.
    pub async fn latest_income_expenditure(
        &self,
        account_id: i64,
    ) -> Result<Option<IncomeExpenditureRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, account_id, assessed_on, recorded_at, officer, statement_json, \
             disposable_pence FROM income_expenditure WHERE account_id = ? \
             ORDER BY recorded_at DESC LIMIT 1",
        )
        .bind(account_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(IncomeExpenditureRecord {
                id: parse_uuid(row.try_get("id")?)?,
                account_id: row.try_get("account_id")?,
                assessed_on: row.try_get("assessed_on")?,
                recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                officer: row.try_get("officer")?,
                statement_json: row.try_get("statement_json")?,
                disposable_pence: row.try_get("disposable_pence")?,
            })
        })
        .transpose()
    }

    /// Card payments of one account (or, with `None`, every pending one), newest first.
    pub async fn card_payments(
        &self,
        only_account: Option<i64>,
    ) -> Result<Vec<CardPaymentRecord>, StoreError> {
        let filter = match only_account {
            Some(_) => "account_id = ?1",
            None => "state = 'pending' AND ?1 IS NULL",
        };
        let rows = sqlx::query(&format!(
            "SELECT * FROM card_payments WHERE {filter} ORDER BY taken_at DESC"
        ))
        .bind(only_account)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(card_payment_from_row).collect()
    }

    pub async fn card_payment(&self, id: Uuid) -> Result<Option<CardPaymentRecord>, StoreError> {
        let row = sqlx::query("SELECT * FROM card_payments WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(card_payment_from_row).transpose()
    }

    /// The total of card payments approved offline and not yet forwarded: what the landlord
    /// carries the risk of.
    pub async fn offline_pending_pence(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT coalesce(sum(amount_pence), 0) FROM card_payments WHERE state = 'pending'",
        )
        .fetch_one(self.pool())
        .await?)
    }

    pub async fn cheques(&self, account_id: i64) -> Result<Vec<ChequeRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM cheques WHERE account_id = ? ORDER BY received_on DESC, id DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let reversal: Option<String> = row.try_get("reversal_entry_id")?;
                Ok(ChequeRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    entry_id: parse_uuid(row.try_get("entry_id")?)?,
                    cheque_number: row.try_get("cheque_number")?,
                    drawer: row.try_get("drawer")?,
                    amount_pence: row.try_get("amount_pence")?,
                    dated_on: row.try_get("dated_on")?,
                    received_on: row.try_get("received_on")?,
                    status: row.try_get("status")?,
                    status_at: parse_instant(row.try_get("status_at")?)?,
                    reversal_entry_id: reversal.as_deref().map(parse_uuid).transpose()?,
                })
            })
            .collect()
    }

    pub async fn mandates(&self, account_id: i64) -> Result<Vec<MandateRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, account_id, account_holder, sort_code_masked, account_number_masked, \
             frequency, amount_pence, first_collection_on, covers, modulus_check, recorded_at, \
             officer FROM direct_debit_mandates WHERE account_id = ? ORDER BY recorded_at DESC",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(MandateRecord {
                    id: parse_uuid(row.try_get("id")?)?,
                    account_id: row.try_get("account_id")?,
                    account_holder: row.try_get("account_holder")?,
                    sort_code_masked: row.try_get("sort_code_masked")?,
                    account_number_masked: row.try_get("account_number_masked")?,
                    frequency: row.try_get("frequency")?,
                    amount_pence: row.try_get("amount_pence")?,
                    first_collection_on: row.try_get("first_collection_on")?,
                    covers: row.try_get("covers")?,
                    modulus_check: row.try_get("modulus_check")?,
                    recorded_at: parse_instant(row.try_get("recorded_at")?)?,
                    officer: row.try_get("officer")?,
                })
            })
            .collect()
    }

    /// A mandate's bank details, unsealed: only for sending to head office.
    pub async fn mandate_bank_details(&self, id: Uuid) -> Result<BankDetails, StoreError> {
        let sealed: Vec<u8> = sqlx::query_scalar(
            "SELECT bank_details_sealed FROM direct_debit_mandates WHERE id = ?",
        )
        .bind(id.to_string())
        .fetch_one(self.pool())
        .await?;
        crate::sealed::unseal(self.field_key(), &id, &sealed)
    }
}

async fn insert_lone_working(
    transaction: &mut Transaction<'_>,
    record: &LoneWorkingRecord,
) -> Result<(), StoreError> {
    let (event, expected_minutes) = match record.event {
        LoneWorkingEvent::CheckIn { expected_minutes } => ("check_in", Some(expected_minutes)),
        LoneWorkingEvent::CheckOut => ("check_out", None),
        LoneWorkingEvent::Overdue => ("overdue", None),
    };
    sqlx::query(
        "INSERT INTO lone_working (id, check_in_id, event, account_id, at, expected_minutes, \
         officer) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.check_in_id.to_string())
    .bind(event)
    .bind(record.account_id)
    .bind(instant_text(record.at))
    .bind(expected_minutes)
    .bind(&record.officer)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

async fn insert_visit(
    transaction: &mut Transaction<'_>,
    record: &VisitRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO visit_records (id, account_id, outcome, spoke_to, authority, promise_pence, \
         promise_on, next_steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(&record.outcome)
    .bind(&record.spoke_to)
    .bind(&record.authority)
    .bind(record.promise_pence)
    .bind(record.promise_on)
    .bind(&record.next_steps)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

async fn insert_card_payment(
    transaction: &mut Transaction<'_>,
    record: &CardPaymentRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO card_payments (id, account_id, entry_id, amount_pence, provider_reference, \
         receipt_number, authorisation_code, response, card_last_four, scheme, entry_method, \
         terminal_id, simulator, offline, taken_at, state, resolved_at, reversal_entry_id) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(record.entry_id.map(|id| id.to_string()))
    .bind(record.amount_pence)
    .bind(&record.provider_reference)
    .bind(&record.receipt_number)
    .bind(&record.authorisation_code)
    .bind(&record.response)
    .bind(&record.card_last_four)
    .bind(&record.scheme)
    .bind(&record.entry_method)
    .bind(&record.terminal_id)
    .bind(flag_bool(record.simulator))
    .bind(flag_bool(record.offline))
    .bind(instant_text(record.taken_at))
    .bind(&record.state)
    .bind(record.resolved_at.map(instant_text))
    .bind(record.reversal_entry_id.map(|id| id.to_string()))
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

fn card_payment_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<CardPaymentRecord, StoreError> {
    let optional_uuid = |column: &str| -> Result<Option<Uuid>, StoreError> {
        let text: Option<String> = row.try_get(column)?;
        text.as_deref().map(parse_uuid).transpose()
    };
    let resolved_at: Option<String> = row.try_get("resolved_at")?;
    let simulator: i64 = row.try_get("simulator")?;
    let offline: i64 = row.try_get("offline")?;
    Ok(CardPaymentRecord {
        id: parse_uuid(row.try_get("id")?)?,
        account_id: row.try_get("account_id")?,
        entry_id: optional_uuid("entry_id")?,
        amount_pence: row.try_get("amount_pence")?,
        provider_reference: row.try_get("provider_reference")?,
        receipt_number: row.try_get("receipt_number")?,
        authorisation_code: row.try_get("authorisation_code")?,
        response: row.try_get("response")?,
        card_last_four: row.try_get("card_last_four")?,
        scheme: row.try_get("scheme")?,
        entry_method: row.try_get("entry_method")?,
        terminal_id: row.try_get("terminal_id")?,
        simulator: simulator != 0,
        offline: offline != 0,
        taken_at: parse_instant(row.try_get("taken_at")?)?,
        state: row.try_get("state")?,
        resolved_at: resolved_at.as_deref().map(parse_instant).transpose()?,
        reversal_entry_id: optional_uuid("reversal_entry_id")?,
    })
}

async fn insert_cheque(
    transaction: &mut Transaction<'_>,
    record: &ChequeRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO cheques (id, account_id, entry_id, cheque_number, drawer, amount_pence, \
         dated_on, received_on, status, status_at, reversal_entry_id) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(record.entry_id.to_string())
    .bind(&record.cheque_number)
    .bind(&record.drawer)
    .bind(record.amount_pence)
    .bind(record.dated_on)
    .bind(record.received_on)
    .bind(&record.status)
    .bind(instant_text(record.status_at))
    .bind(record.reversal_entry_id.map(|id| id.to_string()))
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

async fn insert_mandate(
    transaction: &mut Transaction<'_>,
    record: &MandateRecord,
    sealed: &[u8],
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO direct_debit_mandates (id, account_id, account_holder, bank_details_sealed, \
         sort_code_masked, account_number_masked, frequency, amount_pence, first_collection_on, \
         covers, modulus_check, recorded_at, officer) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.account_id)
    .bind(&record.account_holder)
    .bind(sealed)
    .bind(&record.sort_code_masked)
    .bind(&record.account_number_masked)
    .bind(&record.frequency)
    .bind(record.amount_pence)
    .bind(record.first_collection_on)
    .bind(&record.covers)
    .bind(&record.modulus_check)
    .bind(instant_text(record.recorded_at))
    .bind(&record.officer)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}
