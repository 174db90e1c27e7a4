//! Income and expenditure, structured as the Standard Financial Statement (SFS), and the
//! instalment towards rent arrears it shows a tenant can afford.
//!
//! The SFS is the Money and Pensions Service's single format for a financial statement in debt
//! advice (DOMAIN.md, "Repayment arrangements"). Creditors agree not to query flexible spending
//! at or below the published spending guidelines ("trigger figures"); above a guideline, the
//! adviser explains why. An officer who assesses affordability the same way produces a statement
//! a money adviser and a court recognise.
//!
//! What was confirmed, and where:
//! - The sections and their sub-items follow MaPS's SFS developer toolkit, data entry schema
//!   v1.1 (`moneyadviceservice/sfs-developer-toolkit`, `dds/v1.1/json/sfs-data-entry-schema.json`):
//!   income is earnings, benefits, pensions and other income; fixed costs are home and contents,
//!   utilities, water, care and health, transport and travel, school, pensions and insurance,
//!   professional costs and other essential costs; flexible costs are exactly three categories,
//!   communications and leisure, food and housekeeping, and personal costs, with the sub-items
//!   named in `BudgetItem`. Notably the schema puts home phone, internet and TV packages and
//!   the mobile phone under flexible communications and leisure, not fixed costs, and the TV
//!   licence under fixed home and contents; this module does the same.
//! - The same schema records a savings contribution and defines "available for priority debts"
//!   as income less outgoings less the savings contribution (less a debt admin fee, which an
//!   officer's assessment never has), and "available for non-priority debts" as that less the
//!   offers to priority debts. Rent arrears are a priority debt, so the disposable income here
//!   is income less fixed costs, flexible costs, the savings contribution and the payments to
//!   other priority debts; payments to non-priority debts are shown but not subtracted.
//! - The household is recorded as adults, dependent children and vehicles (the schema's
//!   household fields).
//! - New spending guidelines take effect on the first Monday of April each year (SFS news,
//!   "2019 Spending Guidelines", sfs.moneyadviceservice.org.uk/en/news/2019-spending-guidelines);
//!   creditors do not question spending below a guideline and advisers explain spending above
//!   it (fincap.org.uk blog, 26 April 2019, "The Standard Financial Statement and low-income
//!   households").
//!
//! What could not be confirmed: the published guideline figures themselves, and exactly how
//! they vary with the household (the figures are issued to SFS members under licence). The
//! bundled `data/sfs_spending_guidelines.json` therefore carries placeholder figures marked
//! `"verified": false`, by number of adults (one, two, each further adult) and per child, not by
//! vehicles; `Assessment::guidelines_verified` is false and the screen and paper say "guideline
//! figures not verified" until a set is replaced by the real one.
//!
//! Every line is entered as the tenant pays or receives it (weekly, fortnightly, four-weekly,
//! monthly or yearly) and converted to a monthly figure, because the SFS works in months.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::arrangement::{
    ArrangementKind, ArrangementTerms, InstalmentFrequency, ARRANGEMENT_INSTALMENTS_MAX,
    ARRANGEMENT_TOLERANCE_DAYS_DEFAULT,
};
use crate::money::{format_money, money_to_pence, round_money, MoneyError};
use crate::rent_schedule::first_monday_of_april;

/// Lines in one section (income, fixed costs, one flexible category, savings). The SFS has at
/// most fifteen sub-items in a section; forty leaves room for several "other" lines and for two
/// earners, while bounding what the tenant's copy has to print.
pub const BUDGET_LINES_PER_SECTION_MAX: usize = 40;

/// Debts listed on one statement. Sixty is more than any debt-advice case an officer sees; a
/// longer list is a runaway import, not a tenant.
pub const DEBTS_MAX: usize = 60;

/// The most any one line may come to in a month. A social tenant's income or bill above
/// £100,000 a month is a typing slip (an extra nought, pence typed as pounds), not a budget.
pub const LINE_AMOUNT_MONTHLY_MAX_POUNDS: i64 = 100_000;

/// A line's own words ("Agency shifts", "Sky") fit one line of the tenant's copy.
pub const LINE_DESCRIPTION_CHARS_MAX: usize = 80;

/// An officer's explanation of spending above a guideline: a paragraph, not a case file.
pub const EXPLANATION_CHARS_MAX: usize = 600;

/// People in one household. The guideline data has figures for one and two adults and each
/// additional adult or child; above twenty the count is a typing slip.
pub const HOUSEHOLD_PEOPLE_MAX: u32 = 20;

/// Guideline sets in the bundled file: one a year, so a century of them is a broken file.
pub const GUIDELINE_SETS_MAX: usize = 100;

/// The share of the weekly (or monthly) disposable income proposed towards the arrears.
/// Landlord policy, not an SFS rule: an arrangement that takes every spare pound breaks at the
/// first unexpected bill, and a broken arrangement costs the tenant more (a NOSP, court costs)
/// than a slower one. Half leaves a buffer while still clearing most arrears within a year or
/// two at typical surpluses.
pub const PROPOSAL_DISPOSABLE_SHARE_PERCENT: u32 = 50;

/// The smallest weekly instalment proposed: landlord policy, taken from the "usual amount"
/// advisers offer towards rent arrears on benefits, 5% of the income support personal allowance
/// for a person aged 25 or over (Social Security (Claims and Payments) Regulations 1987, Sch 9),
/// quoted as £3.65 a week by the National Homeless Advice Service (28 November 2019). The DWP
/// rate changes each April; this constant does not follow it, and the team may change it.
pub const PROPOSAL_WEEKLY_INSTALMENT_FLOOR_PENCE: i64 = 365;

/// The monthly counterpart of the weekly floor: £3.65 × 52 / 12 = £15.82, rounded up to the
/// whole pound that monthly instalments are proposed in, so a monthly payer is never asked for
/// less than the weekly floor.
pub const PROPOSAL_MONTHLY_INSTALMENT_FLOOR_PENCE: i64 = 1_600;

/// Weekly instalments are proposed in whole 50p steps and monthly ones in whole pounds, rounded
/// down: a round figure is easier to remember and to pay at a PayPoint, and rounding down never
/// asks for more than the statement shows is affordable.
pub const PROPOSAL_WEEKLY_STEP_PENCE: i64 = 50;
pub const PROPOSAL_MONTHLY_STEP_PENCE: i64 = 100;

const _: () =
    assert!(PROPOSAL_DISPOSABLE_SHARE_PERCENT > 0 && PROPOSAL_DISPOSABLE_SHARE_PERCENT <= 100);
// Each floor is a whole number of its own steps, so rounding down never lands below a floor
// that the unrounded amount met.
const _: () = assert!(PROPOSAL_WEEKLY_INSTALMENT_FLOOR_PENCE % 5 == 0);
const _: () = assert!(PROPOSAL_MONTHLY_INSTALMENT_FLOOR_PENCE % PROPOSAL_MONTHLY_STEP_PENCE == 0);
// The monthly floor is at least the weekly floor over a month (365 × 52 / 12 = 1,581.7 pence).
const _: () = assert!(
    PROPOSAL_MONTHLY_INSTALMENT_FLOOR_PENCE * 12 >= PROPOSAL_WEEKLY_INSTALMENT_FLOOR_PENCE * 52
);

fn pounds(pence: i64) -> Decimal {
    crate::money::money_from_pence(pence)
}

/// How often a line is paid or received, as the tenant says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountFrequency {
    Weekly,
    Fortnightly,
    FourWeekly,
    /// Calendar monthly.
    Monthly,
    Yearly,
}

impl AmountFrequency {
    pub fn label(&self) -> &'static str {
        match self {
            AmountFrequency::Weekly => "Weekly",
            AmountFrequency::Fortnightly => "Fortnightly",
            AmountFrequency::FourWeekly => "Every 4 weeks",
            AmountFrequency::Monthly => "Monthly",
            AmountFrequency::Yearly => "Yearly",
        }
    }

    /// Periods in a year: a month is a twelfth of a year, so weekly × 52 / 12, fortnightly
    /// × 26 / 12, four-weekly × 13 / 12, yearly / 12 (the conversion the SFS budget sheets
    /// and advisers use; a year of 52 weeks ignores the 53rd rent week some years have).
    fn periods_per_year(&self) -> u32 {
        match self {
            AmountFrequency::Weekly => 52,
            AmountFrequency::Fortnightly => 26,
            AmountFrequency::FourWeekly => 13,
            AmountFrequency::Monthly => 12,
            AmountFrequency::Yearly => 1,
        }
    }
}

/// `amount` a `frequency` as a monthly figure: multiplied by the periods in a year, then
/// divided by twelve, then rounded to the penny half away from zero (`round_money`) once, at
/// the end of the line. Multiplying first keeps the intermediate exact (£100 a week is
/// £5,200 a year, then £433.333… a month, then £433.33); rounding per line, not per total,
/// means the totals are the sums of the figures printed beside each line.
pub fn monthly_amount(amount: Decimal, frequency: AmountFrequency) -> Decimal {
    let yearly = amount * Decimal::from(frequency.periods_per_year());
    round_money(yearly / Decimal::from(12))
}

/// The three flexible categories the SFS compares with its spending guidelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlexibleCategory {
    CommunicationsAndLeisure,
    FoodAndHousekeeping,
    PersonalCosts,
}

impl FlexibleCategory {
    pub const ALL: [FlexibleCategory; 3] = [
        FlexibleCategory::CommunicationsAndLeisure,
        FlexibleCategory::FoodAndHousekeeping,
        FlexibleCategory::PersonalCosts,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            FlexibleCategory::CommunicationsAndLeisure => "Communications and leisure",
            FlexibleCategory::FoodAndHousekeeping => "Food and housekeeping",
            FlexibleCategory::PersonalCosts => "Personal costs",
        }
    }
}

/// Where a line belongs on the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "section", content = "category")]
pub enum BudgetSection {
    Income,
    FixedCosts,
    FlexibleCosts(FlexibleCategory),
    /// The SFS's savings contribution: a small regular saving so one broken boiler does not
    /// become a new debt.
    Savings,
}

impl BudgetSection {
    /// In the order the statement prints them.
    pub const ALL: [BudgetSection; 6] = [
        BudgetSection::Income,
        BudgetSection::FixedCosts,
        BudgetSection::FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
        BudgetSection::FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
        BudgetSection::FlexibleCosts(FlexibleCategory::PersonalCosts),
        BudgetSection::Savings,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            BudgetSection::Income => "Income",
            BudgetSection::FixedCosts => "Fixed costs",
            BudgetSection::FlexibleCosts(category) => category.label(),
            BudgetSection::Savings => "Savings",
        }
    }
}

/// One sub-item of the SFS (data entry schema v1.1), with the section it belongs to. The
/// section is read from the item, never entered beside it, so a line cannot be filed in the
/// wrong place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetItem {
    // Earnings
    ClientSalaryOrWages,
    PartnerSalaryOrWages,
    OtherEarnings,
    // Benefits
    UniversalCreditOrTaxCredits,
    JobseekersAllowanceIncomeBased,
    JobseekersAllowanceContributionBased,
    IncomeSupport,
    WorkingTaxCredit,
    ChildTaxCredit,
    ChildBenefit,
    EmploymentAndSupportAllowance,
    DisabilityBenefits,
    CarersAllowance,
    /// If Housing Benefit or the Universal Credit housing element is paid straight to the
    /// landlord, enter it here and the full rent under `Rent`, so the two cancel; or leave
    /// both out. The disposable income is the same either way.
    HousingBenefitOrLocalHousingAllowance,
    CouncilTaxSupport,
    OtherBenefits,
    // Pensions
    StatePension,
    PrivateOrWorkPension,
    PensionCredit,
    OtherPensions,
    // Other income
    MaintenanceOrChildSupportReceived,
    BoardersOrLodgers,
    NonDependantsContributions,
    StudentLoansOrGrants,
    OtherIncome,
    // Home and contents
    /// The current rent. Arrears owed to this landlord are what the proposal is for, so they
    /// are never entered as a debt on the same statement.
    Rent,
    GroundRentOrServiceCharges,
    Mortgage,
    MortgageEndowment,
    SecuredLoans,
    CouncilTax,
    ApplianceOrFurnitureRental,
    TvLicence,
    OtherHomeAndContents,
    // Utilities
    Gas,
    Electricity,
    OtherUtilities,
    // Water
    WaterSupply,
    WaterWaste,
    // Care and health
    Childcare,
    AdultCare,
    ChildMaintenancePaid,
    PrescriptionsAndMedicines,
    DentistryAndOpticians,
    OtherCareAndHealth,
    // Transport and travel
    PublicTransport,
    VehicleHirePurchase,
    CarInsurance,
    RoadTax,
    MotAndMaintenance,
    BreakdownCover,
    FuelParkingAndTolls,
    OtherTransportAndTravel,
    // School
    SchoolUniform,
    AfterSchoolClubsAndTrips,
    OtherSchool,
    // Pensions and insurance
    PensionPayments,
    LifeInsurance,
    MortgagePaymentProtection,
    BuildingsAndContentsInsurance,
    HealthInsurance,
    OtherPensionsAndInsurance,
    // Professional costs
    ProfessionalCourses,
    UnionFees,
    ProfessionalFees,
    OtherProfessional,
    // Other essential costs
    OtherEssentialCosts,
    // Communications and leisure
    HomePhoneInternetAndTv,
    MobilePhone,
    HobbiesLeisureAndSport,
    Gifts,
    PocketMoney,
    NewspapersMagazinesStationeryAndPostage,
    OtherCommunicationsAndLeisure,
    // Food and housekeeping
    Groceries,
    NappiesAndBabyItems,
    SchoolAndWorkMeals,
    LaundryAndDryCleaning,
    Alcohol,
    SmokingProducts,
    VetBillsAndPetInsurance,
    HouseRepairsAndMaintenance,
    OtherFoodAndHousekeeping,
    // Personal costs
    ClothingAndFootwear,
    Hairdressing,
    Toiletries,
    OtherPersonalCosts,
    // Savings
    SavingsContribution,
}

/// How one item is filed and named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetItemSpec {
    pub section: BudgetSection,
    /// The SFS's heading within the section ("Benefits", "Utilities").
    pub group: &'static str,
    pub label: &'static str,
}

impl BudgetItem {
    /// Every item, in the SFS's order; `items_in` lists one section's for a form.
    pub const ALL: [BudgetItem; 88] = [
        BudgetItem::ClientSalaryOrWages,
        BudgetItem::PartnerSalaryOrWages,
        BudgetItem::OtherEarnings,
        BudgetItem::UniversalCreditOrTaxCredits,
        BudgetItem::JobseekersAllowanceIncomeBased,
        BudgetItem::JobseekersAllowanceContributionBased,
        BudgetItem::IncomeSupport,
        BudgetItem::WorkingTaxCredit,
        BudgetItem::ChildTaxCredit,
        BudgetItem::ChildBenefit,
        BudgetItem::EmploymentAndSupportAllowance,
        BudgetItem::DisabilityBenefits,
        BudgetItem::CarersAllowance,
        BudgetItem::HousingBenefitOrLocalHousingAllowance,
        BudgetItem::CouncilTaxSupport,
        BudgetItem::OtherBenefits,
        BudgetItem::StatePension,
        BudgetItem::PrivateOrWorkPension,
        BudgetItem::PensionCredit,
        BudgetItem::OtherPensions,
        BudgetItem::MaintenanceOrChildSupportReceived,
        BudgetItem::BoardersOrLodgers,
        BudgetItem::NonDependantsContributions,
        BudgetItem::StudentLoansOrGrants,
        BudgetItem::OtherIncome,
        BudgetItem::Rent,
        BudgetItem::GroundRentOrServiceCharges,
        BudgetItem::Mortgage,
        BudgetItem::MortgageEndowment,
        BudgetItem::SecuredLoans,
        BudgetItem::CouncilTax,
        BudgetItem::ApplianceOrFurnitureRental,
        BudgetItem::TvLicence,
        BudgetItem::OtherHomeAndContents,
        BudgetItem::Gas,
        BudgetItem::Electricity,
        BudgetItem::OtherUtilities,
        BudgetItem::WaterSupply,
        BudgetItem::WaterWaste,
        BudgetItem::Childcare,
        BudgetItem::AdultCare,
        BudgetItem::ChildMaintenancePaid,
        BudgetItem::PrescriptionsAndMedicines,
        BudgetItem::DentistryAndOpticians,
        BudgetItem::OtherCareAndHealth,
        BudgetItem::PublicTransport,
        BudgetItem::VehicleHirePurchase,
        BudgetItem::CarInsurance,
        BudgetItem::RoadTax,
        BudgetItem::MotAndMaintenance,
        BudgetItem::BreakdownCover,
        BudgetItem::FuelParkingAndTolls,
        BudgetItem::OtherTransportAndTravel,
        BudgetItem::SchoolUniform,
        BudgetItem::AfterSchoolClubsAndTrips,
        BudgetItem::OtherSchool,
        BudgetItem::PensionPayments,
        BudgetItem::LifeInsurance,
        BudgetItem::MortgagePaymentProtection,
        BudgetItem::BuildingsAndContentsInsurance,
        BudgetItem::HealthInsurance,
        BudgetItem::OtherPensionsAndInsurance,
        BudgetItem::ProfessionalCourses,
        BudgetItem::UnionFees,
        BudgetItem::ProfessionalFees,
        BudgetItem::OtherProfessional,
        BudgetItem::OtherEssentialCosts,
        BudgetItem::HomePhoneInternetAndTv,
        BudgetItem::MobilePhone,
        BudgetItem::HobbiesLeisureAndSport,
        BudgetItem::Gifts,
        BudgetItem::PocketMoney,
        BudgetItem::NewspapersMagazinesStationeryAndPostage,
        BudgetItem::OtherCommunicationsAndLeisure,
        BudgetItem::Groceries,
        BudgetItem::NappiesAndBabyItems,
        BudgetItem::SchoolAndWorkMeals,
        BudgetItem::LaundryAndDryCleaning,
        BudgetItem::Alcohol,
        BudgetItem::SmokingProducts,
        BudgetItem::VetBillsAndPetInsurance,
        BudgetItem::HouseRepairsAndMaintenance,
        BudgetItem::OtherFoodAndHousekeeping,
        BudgetItem::ClothingAndFootwear,
        BudgetItem::Hairdressing,
        BudgetItem::Toiletries,
        BudgetItem::OtherPersonalCosts,
        BudgetItem::SavingsContribution,
    ];

    pub fn spec(&self) -> BudgetItemSpec {
        use BudgetSection::*;
        let (section, group, label) = match self {
            BudgetItem::ClientSalaryOrWages => (Income, "Earnings", "Your salary or wages"),
            BudgetItem::PartnerSalaryOrWages => (Income, "Earnings", "Partner's salary or wages"),
            BudgetItem::OtherEarnings => (Income, "Earnings", "Other earnings"),
            BudgetItem::UniversalCreditOrTaxCredits => {
                (Income, "Benefits", "Universal Credit or tax credits")
            }
            BudgetItem::JobseekersAllowanceIncomeBased => {
                (Income, "Benefits", "Jobseeker's Allowance (income-based)")
            }
            BudgetItem::JobseekersAllowanceContributionBased => (
                Income,
                "Benefits",
                "Jobseeker's Allowance (contribution-based)",
            ),
            BudgetItem::IncomeSupport => (Income, "Benefits", "Income Support"),
            BudgetItem::WorkingTaxCredit => (Income, "Benefits", "Working Tax Credit"),
            BudgetItem::ChildTaxCredit => (Income, "Benefits", "Child Tax Credit"),
            BudgetItem::ChildBenefit => (Income, "Benefits", "Child Benefit"),
            BudgetItem::EmploymentAndSupportAllowance => {
                (Income, "Benefits", "Employment and Support Allowance")
            }
            BudgetItem::DisabilityBenefits => (
                Income,
                "Benefits",
                "Disability benefits (PIP, DLA, Attendance Allowance)",
            ),
            BudgetItem::CarersAllowance => (Income, "Benefits", "Carer's Allowance"),
            BudgetItem::HousingBenefitOrLocalHousingAllowance => (
                Income,
                "Benefits",
                "Housing Benefit or Local Housing Allowance",
            ),
            BudgetItem::CouncilTaxSupport => (Income, "Benefits", "Council Tax Support"),
            BudgetItem::OtherBenefits => (Income, "Benefits", "Other benefits"),
            BudgetItem::StatePension => (Income, "Pensions", "State Pension"),
            BudgetItem::PrivateOrWorkPension => (Income, "Pensions", "Private or work pension"),
            BudgetItem::PensionCredit => (Income, "Pensions", "Pension Credit"),
            BudgetItem::OtherPensions => (Income, "Pensions", "Other pensions"),
            BudgetItem::MaintenanceOrChildSupportReceived => (
                Income,
                "Other income",
                "Maintenance or child support received",
            ),
            BudgetItem::BoardersOrLodgers => (Income, "Other income", "Boarders or lodgers"),
            BudgetItem::NonDependantsContributions => (
                Income,
                "Other income",
                "Contributions from other household members",
            ),
            BudgetItem::StudentLoansOrGrants => (Income, "Other income", "Student loans or grants"),
            BudgetItem::OtherIncome => (Income, "Other income", "Other income"),
            BudgetItem::Rent => (FixedCosts, "Home and contents", "Rent"),
            BudgetItem::GroundRentOrServiceCharges => (
                FixedCosts,
                "Home and contents",
                "Ground rent or service charges",
            ),
            BudgetItem::Mortgage => (FixedCosts, "Home and contents", "Mortgage"),
            BudgetItem::MortgageEndowment => {
                (FixedCosts, "Home and contents", "Mortgage endowment")
            }
            BudgetItem::SecuredLoans => (FixedCosts, "Home and contents", "Secured loans"),
            BudgetItem::CouncilTax => (FixedCosts, "Home and contents", "Council tax"),
            BudgetItem::ApplianceOrFurnitureRental => (
                FixedCosts,
                "Home and contents",
                "Appliance or furniture rental",
            ),
            BudgetItem::TvLicence => (FixedCosts, "Home and contents", "TV licence"),
            BudgetItem::OtherHomeAndContents => {
                (FixedCosts, "Home and contents", "Other home and contents")
            }
            BudgetItem::Gas => (FixedCosts, "Utilities", "Gas"),
            BudgetItem::Electricity => (FixedCosts, "Utilities", "Electricity"),
            BudgetItem::OtherUtilities => {
                (FixedCosts, "Utilities", "Other fuel (oil, LPG, coal, wood)")
            }
            BudgetItem::WaterSupply => (FixedCosts, "Water", "Water supply"),
            BudgetItem::WaterWaste => (FixedCosts, "Water", "Water waste (sewerage)"),
            BudgetItem::Childcare => (FixedCosts, "Care and health", "Childcare"),
            BudgetItem::AdultCare => (FixedCosts, "Care and health", "Adult care"),
            BudgetItem::ChildMaintenancePaid => (
                FixedCosts,
                "Care and health",
                "Child maintenance or child support paid",
            ),
            BudgetItem::PrescriptionsAndMedicines => {
                (FixedCosts, "Care and health", "Prescriptions and medicines")
            }
            BudgetItem::DentistryAndOpticians => {
                (FixedCosts, "Care and health", "Dentistry and opticians")
            }
            BudgetItem::OtherCareAndHealth => {
                (FixedCosts, "Care and health", "Other care and health")
            }
            BudgetItem::PublicTransport => (FixedCosts, "Transport and travel", "Public transport"),
            BudgetItem::VehicleHirePurchase => (
                FixedCosts,
                "Transport and travel",
                "Vehicle hire purchase or conditional sale",
            ),
            BudgetItem::CarInsurance => (FixedCosts, "Transport and travel", "Car insurance"),
            BudgetItem::RoadTax => (FixedCosts, "Transport and travel", "Road tax"),
            BudgetItem::MotAndMaintenance => (
                FixedCosts,
                "Transport and travel",
                "MOT and ongoing maintenance",
            ),
            BudgetItem::BreakdownCover => (FixedCosts, "Transport and travel", "Breakdown cover"),
            BudgetItem::FuelParkingAndTolls => (
                FixedCosts,
                "Transport and travel",
                "Fuel, parking and toll road charges",
            ),
            BudgetItem::OtherTransportAndTravel => (
                FixedCosts,
                "Transport and travel",
                "Other transport and travel",
            ),
            BudgetItem::SchoolUniform => (FixedCosts, "School", "School uniform"),
            BudgetItem::AfterSchoolClubsAndTrips => {
                (FixedCosts, "School", "After-school clubs and school trips")
            }
            BudgetItem::OtherSchool => (FixedCosts, "School", "Other school costs"),
            BudgetItem::PensionPayments => {
                (FixedCosts, "Pensions and insurance", "Pension payments")
            }
            BudgetItem::LifeInsurance => (FixedCosts, "Pensions and insurance", "Life insurance"),
            BudgetItem::MortgagePaymentProtection => (
                FixedCosts,
                "Pensions and insurance",
                "Mortgage payment protection insurance",
            ),
            BudgetItem::BuildingsAndContentsInsurance => (
                FixedCosts,
                "Pensions and insurance",
                "Buildings and contents insurance",
            ),
            BudgetItem::HealthInsurance => {
                (FixedCosts, "Pensions and insurance", "Health insurance")
            }
            BudgetItem::OtherPensionsAndInsurance => (
                FixedCosts,
                "Pensions and insurance",
                "Other pensions and insurance",
            ),
            BudgetItem::ProfessionalCourses => {
                (FixedCosts, "Professional costs", "Professional courses")
            }
            BudgetItem::UnionFees => (FixedCosts, "Professional costs", "Union fees"),
            BudgetItem::ProfessionalFees => (FixedCosts, "Professional costs", "Professional fees"),
            BudgetItem::OtherProfessional => {
                (FixedCosts, "Professional costs", "Other professional costs")
            }
            BudgetItem::OtherEssentialCosts => {
                (FixedCosts, "Other essential costs", "Other essential costs")
            }
            BudgetItem::HomePhoneInternetAndTv => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Home phone, internet and TV package",
            ),
            BudgetItem::MobilePhone => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Mobile phone",
            ),
            BudgetItem::HobbiesLeisureAndSport => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Hobbies, leisure and sport",
            ),
            BudgetItem::Gifts => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Gifts",
            ),
            BudgetItem::PocketMoney => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Pocket money",
            ),
            BudgetItem::NewspapersMagazinesStationeryAndPostage => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Newspapers, magazines, stationery and postage",
            ),
            BudgetItem::OtherCommunicationsAndLeisure => (
                FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                "Communications and leisure",
                "Other communications and leisure",
            ),
            BudgetItem::Groceries => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Groceries",
            ),
            BudgetItem::NappiesAndBabyItems => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Nappies and baby items",
            ),
            BudgetItem::SchoolAndWorkMeals => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "School and work meals",
            ),
            BudgetItem::LaundryAndDryCleaning => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Laundry and dry cleaning",
            ),
            BudgetItem::Alcohol => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Alcohol",
            ),
            BudgetItem::SmokingProducts => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Smoking products",
            ),
            BudgetItem::VetBillsAndPetInsurance => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Vet bills and pet insurance",
            ),
            BudgetItem::HouseRepairsAndMaintenance => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "House repairs and maintenance",
            ),
            BudgetItem::OtherFoodAndHousekeeping => (
                FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                "Food and housekeeping",
                "Other food and housekeeping",
            ),
            BudgetItem::ClothingAndFootwear => (
                FlexibleCosts(FlexibleCategory::PersonalCosts),
                "Personal costs",
                "Clothing and footwear",
            ),
            BudgetItem::Hairdressing => (
                FlexibleCosts(FlexibleCategory::PersonalCosts),
                "Personal costs",
                "Hairdressing",
            ),
            BudgetItem::Toiletries => (
                FlexibleCosts(FlexibleCategory::PersonalCosts),
                "Personal costs",
                "Toiletries",
            ),
            BudgetItem::OtherPersonalCosts => (
                FlexibleCosts(FlexibleCategory::PersonalCosts),
                "Personal costs",
                "Other personal costs",
            ),
            BudgetItem::SavingsContribution => (Savings, "Savings", "Savings contribution"),
        };
        BudgetItemSpec {
            section,
            group,
            label,
        }
    }

    pub fn section(&self) -> BudgetSection {
        self.spec().section
    }

    pub fn label(&self) -> &'static str {
        self.spec().label
    }
}

/// The items a form offers for one section, in the SFS's order.
pub fn items_in(section: BudgetSection) -> Vec<BudgetItem> {
    BudgetItem::ALL
        .into_iter()
        .filter(|item| item.section() == section)
        .collect()
}

/// One line as entered: what, how much, how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub item: BudgetItem,
    /// The tenant's own words, optional ("Agency shifts", "Sky"); the item's label is printed
    /// when blank.
    #[serde(default)]
    pub description: String,
    /// Pounds per `frequency`, to the penny; zero or more.
    pub amount: Decimal,
    pub frequency: AmountFrequency,
}

impl BudgetLine {
    /// How an error or the tenant's copy names the line: "Groceries (Aldi and the market)".
    pub fn name(&self) -> String {
        let description = self.description.trim();
        if description.is_empty() {
            self.item.label().to_string()
        } else {
            format!("{} ({description})", self.item.label())
        }
    }
}

/// The SFS splits debts into priority debts (losing a home, fuel, liberty or essential goods:
/// council tax, energy, court fines, other rent) and the rest; priority payments come out of
/// the disposable income before anything is offered to this landlord's arrears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DebtPriority {
    Priority,
    NonPriority,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtLine {
    pub priority: DebtPriority,
    /// "Calderdale Council (council tax arrears)".
    pub creditor: String,
    /// What is owed today; zero or more.
    pub owed: Decimal,
    /// What the tenant pays (or has offered) per `frequency`; zero or more.
    pub payment: Decimal,
    pub frequency: AmountFrequency,
}

/// The officer's reason a flexible category is above its guideline ("special diet for
/// coeliac disease"); the SFS expects one for every category over its figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryExplanation {
    pub category: FlexibleCategory,
    pub explanation: String,
}

/// A tenant's income and expenditure as entered: plain data the core stores as JSON and the UI
/// sends. `check_income_expenditure` (which `assess` calls first) enforces the bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeExpenditure {
    pub lines: Vec<BudgetLine>,
    #[serde(default)]
    pub debts: Vec<DebtLine>,
    #[serde(default)]
    pub explanations: Vec<CategoryExplanation>,
}

/// Who the spending guidelines are for: the SFS records adults, dependent children and
/// vehicles. The bundled guideline figures vary with adults and children only (see the
/// module comment); vehicles are kept for the record and for figures that may use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Household {
    /// The tenant, a partner and any other adults whose spending is on this statement; at
    /// least 1.
    pub adults_count: u32,
    pub children_count: u32,
    #[serde(default)]
    pub vehicles_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeExpenditureError {
    #[error("{section} has {lines_count} lines; at most {lines_max} fit on one statement")]
    TooManyLines {
        section: String,
        lines_count: usize,
        lines_max: usize,
    },
    #[error("the statement lists {debts_count} debts; at most {debts_max} fit on one statement")]
    TooManyDebts {
        debts_count: usize,
        debts_max: usize,
    },
    #[error("{line}: the amount cannot be negative ({amount} was entered); enter what is paid or received as a positive figure")]
    AmountNegative { line: String, amount: Decimal },
    #[error("{line}: {amount} has a fraction of a penny; amounts are kept to 2 decimal places")]
    AmountFractionOfPenny { line: String, amount: Decimal },
    #[error(
        "{line}: {} a month is more than the {} a month one line may be; check for an extra nought",
        format_money(*.amount_monthly),
        format_money(*.amount_monthly_max)
    )]
    AmountTooLarge {
        line: String,
        amount_monthly: Decimal,
        amount_monthly_max: Decimal,
    },
    #[error("{line}: the description is {chars} characters long; at most {chars_max} fit")]
    DescriptionTooLong {
        line: String,
        chars: usize,
        chars_max: usize,
    },
    #[error("a debt has no creditor named; say who is owed")]
    DebtCreditorMissing,
    #[error("the explanation for {} is {chars} characters long; at most {chars_max} fit", .category.label())]
    ExplanationTooLong {
        category: FlexibleCategory,
        chars: usize,
        chars_max: usize,
    },
    #[error("{} has two explanations; keep one", .category.label())]
    ExplanationRepeated { category: FlexibleCategory },
    #[error("a household has at least one adult")]
    HouseholdWithoutAdult,
    #[error("a household of {people_count} people is more than the {people_max} the guidelines are used for")]
    HouseholdTooLarge { people_count: u32, people_max: u32 },
    #[error(
        "no spending guidelines are in force on {on}: the earliest set Doorstep has starts on {first_effective_from}"
    )]
    GuidelinesNotInForce {
        on: NaiveDate,
        first_effective_from: NaiveDate,
    },
    /// A programming error in the bundled file; a test over the file keeps it from shipping, and
    /// this keeps it from panicking if it ever does.
    #[error("the bundled spending guidelines are broken: {problem}")]
    GuidelinesInvalid { problem: String },
    #[error(
        "{} comes to {} a month, above the guideline of {}; record why before saving",
        .category.label(),
        format_money(*.total_monthly),
        format_money(*.guideline_monthly)
    )]
    ExplanationMissing {
        category: FlexibleCategory,
        total_monthly: Decimal,
        guideline_monthly: Decimal,
    },
    #[error("there are no arrears to arrange: the balance is {}", format_money(*.arrears))]
    ArrearsNotPositive { arrears: Decimal },
    #[error(
        "the {amount_name} of {amount} is not an amount in pounds and pence that can be recorded"
    )]
    AmountInvalid {
        amount_name: String,
        amount: Decimal,
    },
}

/// Checks every bound on a statement; the first problem is returned, naming the line.
pub fn check_income_expenditure(
    statement: &IncomeExpenditure,
) -> Result<(), IncomeExpenditureError> {
    for section in BudgetSection::ALL {
        let lines_count = statement
            .lines
            .iter()
            .filter(|line| line.item.section() == section)
            .count();
        if lines_count > BUDGET_LINES_PER_SECTION_MAX {
            return Err(IncomeExpenditureError::TooManyLines {
                section: section.label().to_string(),
                lines_count,
                lines_max: BUDGET_LINES_PER_SECTION_MAX,
            });
        }
    }
    if statement.debts.len() > DEBTS_MAX {
        return Err(IncomeExpenditureError::TooManyDebts {
            debts_count: statement.debts.len(),
            debts_max: DEBTS_MAX,
        });
    }
    for line in &statement.lines {
        let chars = line.description.trim().chars().count();
        if chars > LINE_DESCRIPTION_CHARS_MAX {
            return Err(IncomeExpenditureError::DescriptionTooLong {
                line: line.item.label().to_string(),
                chars,
                chars_max: LINE_DESCRIPTION_CHARS_MAX,
            });
        }
        check_line_amount(&line.name(), line.amount, line.frequency)?;
    }
    for debt in &statement.debts {
        let creditor = debt.creditor.trim();
        if creditor.is_empty() {
            return Err(IncomeExpenditureError::DebtCreditorMissing);
        }
        let chars = creditor.chars().count();
        if chars > LINE_DESCRIPTION_CHARS_MAX {
            return Err(IncomeExpenditureError::DescriptionTooLong {
                line: format!("Debt to {}", creditor.chars().take(20).collect::<String>()),
                chars,
                chars_max: LINE_DESCRIPTION_CHARS_MAX,
            });
        }
        check_line_amount(
            &format!("Payment to {creditor}"),
            debt.payment,
            debt.frequency,
        )?;
        // What is owed is a balance, not a monthly flow; only its sign and pennies are checked.
        check_penny_amount(&format!("Amount owed to {creditor}"), debt.owed)?;
    }
    check_explanations(&statement.explanations)
}

fn check_explanations(explanations: &[CategoryExplanation]) -> Result<(), IncomeExpenditureError> {
    for (index, explanation) in explanations.iter().enumerate() {
        let chars = explanation.explanation.trim().chars().count();
        if chars > EXPLANATION_CHARS_MAX {
            return Err(IncomeExpenditureError::ExplanationTooLong {
                category: explanation.category,
                chars,
                chars_max: EXPLANATION_CHARS_MAX,
            });
        }
        if explanations[..index]
            .iter()
            .any(|earlier| earlier.category == explanation.category)
        {
            return Err(IncomeExpenditureError::ExplanationRepeated {
                category: explanation.category,
            });
        }
    }
    Ok(())
}

fn check_penny_amount(line: &str, amount: Decimal) -> Result<(), IncomeExpenditureError> {
    match money_to_pence(amount) {
        Ok(_) => {}
        Err(MoneyError::FractionOfPenny { amount }) => {
            return Err(IncomeExpenditureError::AmountFractionOfPenny {
                line: line.to_string(),
                amount,
            })
        }
        Err(MoneyError::OutOfRange { amount }) => {
            return Err(IncomeExpenditureError::AmountTooLarge {
                line: line.to_string(),
                amount_monthly: amount,
                amount_monthly_max: Decimal::from(LINE_AMOUNT_MONTHLY_MAX_POUNDS),
            })
        }
    }
    if amount < Decimal::ZERO {
        return Err(IncomeExpenditureError::AmountNegative {
            line: line.to_string(),
            amount,
        });
    }
    Ok(())
}

fn check_line_amount(
    line: &str,
    amount: Decimal,
    frequency: AmountFrequency,
) -> Result<(), IncomeExpenditureError> {
    check_penny_amount(line, amount)?;
    // `money_to_pence` accepted the amount, so it is below 10^17 pounds and × 52 cannot
    // overflow a Decimal.
    let amount_monthly = monthly_amount(amount, frequency);
    let amount_monthly_max = Decimal::from(LINE_AMOUNT_MONTHLY_MAX_POUNDS);
    if amount_monthly > amount_monthly_max {
        return Err(IncomeExpenditureError::AmountTooLarge {
            line: line.to_string(),
            amount_monthly,
            amount_monthly_max,
        });
    }
    Ok(())
}

fn check_household(household: &Household) -> Result<(), IncomeExpenditureError> {
    if household.adults_count == 0 {
        return Err(IncomeExpenditureError::HouseholdWithoutAdult);
    }
    let people_count = household
        .adults_count
        .saturating_add(household.children_count);
    if people_count > HOUSEHOLD_PEOPLE_MAX {
        return Err(IncomeExpenditureError::HouseholdTooLarge {
            people_count,
            people_max: HOUSEHOLD_PEOPLE_MAX,
        });
    }
    Ok(())
}

/// One category's monthly guideline by household composition: the figure for one adult or
/// for two, plus each further adult and each child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelineFigures {
    pub one_adult: Decimal,
    pub two_adults: Decimal,
    pub each_additional_adult: Decimal,
    pub each_child: Decimal,
}

impl GuidelineFigures {
    /// The household's guideline: the one- or two-adult figure, plus the additional adults
    /// beyond two and the children. `check_household` has bounded the counts, so the sum is
    /// small.
    fn for_household(&self, household: &Household) -> Decimal {
        let base = if household.adults_count >= 2 {
            self.two_adults
        } else {
            self.one_adult
        };
        let additional_adults = household.adults_count.saturating_sub(2);
        base + self.each_additional_adult * Decimal::from(additional_adults)
            + self.each_child * Decimal::from(household.children_count)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelineCategories {
    pub communications_and_leisure: GuidelineFigures,
    pub food_and_housekeeping: GuidelineFigures,
    pub personal_costs: GuidelineFigures,
}

impl GuidelineCategories {
    pub fn figures(&self, category: FlexibleCategory) -> &GuidelineFigures {
        match category {
            FlexibleCategory::CommunicationsAndLeisure => &self.communications_and_leisure,
            FlexibleCategory::FoodAndHousekeeping => &self.food_and_housekeeping,
            FlexibleCategory::PersonalCosts => &self.personal_costs,
        }
    }
}

/// One year's spending guidelines, in force from `effective_from` (the first Monday of April)
/// until the next set's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelineSet {
    pub effective_from: NaiveDate,
    pub source: String,
    /// False until the figures are checked against the published SFS guidelines; the screen
    /// and the paper then say "guideline figures not verified".
    pub verified: bool,
    pub note: String,
    pub categories: GuidelineCategories,
}

/// The monthly guideline figures one household is compared with on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdGuidelines {
    pub effective_from: NaiveDate,
    pub source: String,
    pub verified: bool,
    pub communications_and_leisure_monthly: Decimal,
    pub food_and_housekeeping_monthly: Decimal,
    pub personal_costs_monthly: Decimal,
}

impl HouseholdGuidelines {
    pub fn monthly(&self, category: FlexibleCategory) -> Decimal {
        match category {
            FlexibleCategory::CommunicationsAndLeisure => self.communications_and_leisure_monthly,
            FlexibleCategory::FoodAndHousekeeping => self.food_and_housekeeping_monthly,
            FlexibleCategory::PersonalCosts => self.personal_costs_monthly,
        }
    }
}

#[derive(Deserialize)]
struct GuidelineFile {
    sets: Vec<GuidelineSet>,
}

const GUIDELINES_JSON: &str = include_str!("../data/sfs_spending_guidelines.json");

/// The bundled guideline sets, parsed and checked once: oldest first, each starting on the
/// first Monday of April, every figure to the penny and not negative.
pub fn guideline_sets() -> Result<&'static [GuidelineSet], IncomeExpenditureError> {
    static PARSED: OnceLock<Result<Vec<GuidelineSet>, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_guideline_sets(GUIDELINES_JSON)) {
        Ok(sets) => Ok(sets),
        Err(problem) => Err(IncomeExpenditureError::GuidelinesInvalid {
            problem: problem.clone(),
        }),
    }
}

fn parse_guideline_sets(text: &str) -> Result<Vec<GuidelineSet>, String> {
    let file: GuidelineFile = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let sets = file.sets;
    if sets.is_empty() || sets.len() > GUIDELINE_SETS_MAX {
        return Err(format!(
            "{} sets; between 1 and {GUIDELINE_SETS_MAX} expected",
            sets.len()
        ));
    }
    for (index, set) in sets.iter().enumerate() {
        let effective_from = set.effective_from;
        // The SFS's date of change each year is the rent year's: the first Monday of April.
        if Some(effective_from) != first_monday_of_april(effective_from.year()) {
            return Err(format!(
                "the set from {effective_from} does not start on the first Monday of April"
            ));
        }
        if index > 0 && sets[index - 1].effective_from >= effective_from {
            return Err(format!(
                "the set from {effective_from} is out of date order"
            ));
        }
        for category in FlexibleCategory::ALL {
            let figures = set.categories.figures(category);
            for figure in [
                figures.one_adult,
                figures.two_adults,
                figures.each_additional_adult,
                figures.each_child,
            ] {
                if figure < Decimal::ZERO || money_to_pence(figure).is_err() {
                    return Err(format!(
                        "the set from {effective_from} has {figure} for {}",
                        category.label()
                    ));
                }
            }
        }
    }
    Ok(sets)
}

/// The set in force on `on`: the latest starting on or before it.
fn set_in_force(
    sets: &[GuidelineSet],
    on: NaiveDate,
) -> Result<&GuidelineSet, IncomeExpenditureError> {
    let in_force = sets.iter().rev().find(|set| set.effective_from <= on);
    match (in_force, sets.first()) {
        (Some(set), _) => Ok(set),
        (None, Some(first)) => Err(IncomeExpenditureError::GuidelinesNotInForce {
            on,
            first_effective_from: first.effective_from,
        }),
        (None, None) => Err(IncomeExpenditureError::GuidelinesInvalid {
            problem: "there are no sets".to_string(),
        }),
    }
}

/// The guideline figures for `household` in force on `on`. Refuses a date before the first
/// bundled set rather than guessing with later figures.
pub fn guidelines_for(
    household: &Household,
    on: NaiveDate,
) -> Result<HouseholdGuidelines, IncomeExpenditureError> {
    check_household(household)?;
    let set = set_in_force(guideline_sets()?, on)?;
    let categories = &set.categories;
    Ok(HouseholdGuidelines {
        effective_from: set.effective_from,
        source: set.source.clone(),
        verified: set.verified,
        communications_and_leisure_monthly: categories
            .communications_and_leisure
            .for_household(household),
        food_and_housekeeping_monthly: categories.food_and_housekeeping.for_household(household),
        personal_costs_monthly: categories.personal_costs.for_household(household),
    })
}

/// One line converted to a month, as the tenant's copy prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyLine {
    pub item: BudgetItem,
    /// `BudgetLine::name`.
    pub name: String,
    pub amount: Decimal,
    pub frequency: AmountFrequency,
    /// `monthly_amount(amount, frequency)`.
    pub amount_monthly: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyDebt {
    pub priority: DebtPriority,
    pub creditor: String,
    pub owed: Decimal,
    pub payment_monthly: Decimal,
}

/// One flexible category against its guideline. The SFS compares category totals, not single
/// lines, so £40 on a mobile phone is fine if communications and leisure as a whole is not over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryComparison {
    pub category: FlexibleCategory,
    pub total_monthly: Decimal,
    pub guideline_monthly: Decimal,
    /// Strictly above the guideline: spending at the figure is what creditors accept unasked.
    pub over_guideline: bool,
    /// The officer's explanation, if one was given (kept even when not over, so a note about
    /// a category close to its figure is not lost).
    pub explanation: Option<String>,
}

/// Whether the statement leaves anything for the arrears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentOutcome {
    /// Income is more than outgoings and priority debt payments.
    Surplus,
    /// Nothing left, or less than nothing: no affordable offer; refer to money advice.
    NoSurplus,
}

/// The SFS's monthly figures for one statement on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub assessed_on: NaiveDate,
    pub household: Household,
    /// Every line, in the order entered.
    pub lines: Vec<MonthlyLine>,
    pub debts: Vec<MonthlyDebt>,
    pub income_monthly_total: Decimal,
    pub fixed_costs_monthly_total: Decimal,
    /// One per flexible category, in `FlexibleCategory::ALL` order.
    pub flexible_categories: Vec<CategoryComparison>,
    pub flexible_costs_monthly_total: Decimal,
    pub savings_contribution_monthly_total: Decimal,
    pub priority_debt_payments_monthly_total: Decimal,
    /// Shown for the record; not subtracted (the SFS pays non-priority debts from what is left
    /// after priority debts, and rent arrears are a priority debt).
    pub non_priority_debt_payments_monthly_total: Decimal,
    /// Income − fixed costs − flexible costs − savings contribution − priority debt payments.
    /// May be negative.
    pub disposable_income_monthly: Decimal,
    pub outcome: AssessmentOutcome,
    pub guidelines: HouseholdGuidelines,
}

impl Assessment {
    pub fn section_monthly_total(&self, section: BudgetSection) -> Decimal {
        self.lines
            .iter()
            .filter(|line| line.item.section() == section)
            .map(|line| line.amount_monthly)
            .sum()
    }

    /// The sentence the screen and the paper print under the disposable income.
    pub fn outcome_sentence(&self) -> String {
        match self.outcome {
            AssessmentOutcome::Surplus => format!(
                "After essential spending and priority debts, {} a month is left.",
                format_money(self.disposable_income_monthly)
            ),
            AssessmentOutcome::NoSurplus => format!(
                "Outgoings are {} a month more than income: there is no affordable offer. Refer to money advice.",
                format_money(-self.disposable_income_monthly)
            ),
        }
    }
}

/// The SFS's figures for `statement`, compared with the guidelines for `household` in force
/// `on`. Refuses a statement outside the bounds, naming the line, and a date before the first
/// guideline set. Explanations are copied to their categories; whether every category over its
/// guideline has one is `validate_for_saving`'s question, so an officer can see the flags
/// before writing the explanations.
pub fn assess(
    statement: &IncomeExpenditure,
    household: &Household,
    on: NaiveDate,
) -> Result<Assessment, IncomeExpenditureError> {
    check_income_expenditure(statement)?;
    let guidelines = guidelines_for(household, on)?;
    let lines: Vec<MonthlyLine> = statement
        .lines
        .iter()
        .map(|line| MonthlyLine {
            item: line.item,
            name: line.name(),
            amount: line.amount,
            frequency: line.frequency,
            amount_monthly: monthly_amount(line.amount, line.frequency),
        })
        .collect();
    let debts: Vec<MonthlyDebt> = statement
        .debts
        .iter()
        .map(|debt| MonthlyDebt {
            priority: debt.priority,
            creditor: debt.creditor.trim().to_string(),
            owed: debt.owed,
            payment_monthly: monthly_amount(debt.payment, debt.frequency),
        })
        .collect();
    let section_total = |section: BudgetSection| -> Decimal {
        lines
            .iter()
            .filter(|line| line.item.section() == section)
            .map(|line| line.amount_monthly)
            .sum()
    };
    let debts_total = |priority: DebtPriority| -> Decimal {
        debts
            .iter()
            .filter(|debt| debt.priority == priority)
            .map(|debt| debt.payment_monthly)
            .sum()
    };
    let flexible_categories: Vec<CategoryComparison> = FlexibleCategory::ALL
        .into_iter()
        .map(|category| {
            let total_monthly = section_total(BudgetSection::FlexibleCosts(category));
            let guideline_monthly = guidelines.monthly(category);
            CategoryComparison {
                category,
                total_monthly,
                guideline_monthly,
                over_guideline: total_monthly > guideline_monthly,
                explanation: statement
                    .explanations
                    .iter()
                    .find(|explanation| explanation.category == category)
                    .map(|explanation| explanation.explanation.trim().to_string())
                    .filter(|explanation| !explanation.is_empty()),
            }
        })
        .collect();
    let income_monthly_total = section_total(BudgetSection::Income);
    let fixed_costs_monthly_total = section_total(BudgetSection::FixedCosts);
    let flexible_costs_monthly_total: Decimal = flexible_categories
        .iter()
        .map(|comparison| comparison.total_monthly)
        .sum();
    let savings_contribution_monthly_total = section_total(BudgetSection::Savings);
    let priority_debt_payments_monthly_total = debts_total(DebtPriority::Priority);
    let non_priority_debt_payments_monthly_total = debts_total(DebtPriority::NonPriority);
    let disposable_income_monthly = income_monthly_total
        - fixed_costs_monthly_total
        - flexible_costs_monthly_total
        - savings_contribution_monthly_total
        - priority_debt_payments_monthly_total;
    let outcome = if disposable_income_monthly > Decimal::ZERO {
        AssessmentOutcome::Surplus
    } else {
        AssessmentOutcome::NoSurplus
    };
    Ok(Assessment {
        assessed_on: on,
        household: *household,
        lines,
        debts,
        income_monthly_total,
        fixed_costs_monthly_total,
        flexible_categories,
        flexible_costs_monthly_total,
        savings_contribution_monthly_total,
        priority_debt_payments_monthly_total,
        non_priority_debt_payments_monthly_total,
        disposable_income_monthly,
        outcome,
        guidelines,
    })
}

/// Refuses to save an assessment with a flexible category above its guideline and no
/// explanation: the SFS's side of the bargain with creditors is that spending above a figure
/// is explained. The first such category is named, with its total and its figure.
pub fn validate_for_saving(assessment: &Assessment) -> Result<(), IncomeExpenditureError> {
    let unexplained = assessment
        .flexible_categories
        .iter()
        .find(|comparison| comparison.over_guideline && comparison.explanation.is_none());
    match unexplained {
        Some(comparison) => Err(IncomeExpenditureError::ExplanationMissing {
            category: comparison.category,
            total_monthly: comparison.total_monthly,
            guideline_monthly: comparison.guideline_monthly,
        }),
        None => Ok(()),
    }
}

/// How the proposal was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalOutcome {
    /// `PROPOSAL_DISPOSABLE_SHARE_PERCENT` of the disposable income, rounded down to the step,
    /// is at least the floor (or clears the arrears at once).
    ShareOfDisposable,
    /// The share is below the floor but the whole disposable income covers the floor, so the
    /// floor is proposed.
    Floor,
    /// Something is left, but less than the floor: no instalment is proposed; refer to money
    /// advice.
    BelowFloor,
    /// Nothing is left: no affordable offer; refer to money advice.
    NoAffordableOffer,
}

/// A figure with the sentence an officer can read out, the domain's counterpart of the api's
/// `ExplainedFigure` (the core copies it across by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFigure {
    /// Stable id: "disposable_income", "instalment", "time_to_clear".
    pub key: String,
    pub label: String,
    /// As shown: "£12.50 a week".
    pub value: String,
    pub explanation: String,
}

/// An affordable instalment towards the arrears, on top of the current rent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub outcome: ProposalOutcome,
    /// Weekly, or calendar monthly when most of the income arrives monthly (see
    /// `propose_arrangement`).
    pub frequency: InstalmentFrequency,
    /// The disposable income per `frequency`: weekly is monthly × 12 / 52 rounded down to the
    /// penny, so the proposal never rests on a penny the statement does not show.
    pub disposable_per_period: Decimal,
    /// None when nothing affordable can be proposed. Never more than
    /// `disposable_per_period`, nor than the arrears.
    pub instalment: Option<Decimal>,
    pub arrears: Decimal,
    /// Instalments to clear the arrears, rounding up; None without an instalment or beyond
    /// `ARRANGEMENT_INSTALMENTS_MAX`.
    pub instalments_to_clear_count: Option<u32>,
    /// The current rent per `frequency`, when given.
    pub rent_per_period: Option<Decimal>,
    pub explanation: String,
    pub figures: Vec<ProposalFigure>,
}

/// Proposes an instalment towards `arrears` that the assessment shows is affordable.
///
/// Frequency: weekly, because social rent is charged weekly and a weekly instalment beside the
/// weekly rent is what the breach check and most tenants follow; but calendar monthly when more
/// than half of the monthly income is entered monthly or yearly (Universal Credit, a monthly
/// salary), because an instalment due on payday is the one that gets paid.
///
/// Amount: `PROPOSAL_DISPOSABLE_SHARE_PERCENT` of the disposable income per period, rounded
/// down to the step (50p weekly, £1 monthly); raised to the floor when the whole disposable
/// income covers the floor; capped at the arrears. Never more than the disposable income.
pub fn propose_arrangement(
    assessment: &Assessment,
    arrears: Decimal,
    weekly_rent: Option<Decimal>,
) -> Result<Proposal, IncomeExpenditureError> {
    check_amount("arrears", arrears)?;
    if arrears <= Decimal::ZERO {
        return Err(IncomeExpenditureError::ArrearsNotPositive { arrears });
    }
    if let Some(rent) = weekly_rent {
        check_amount("weekly rent", rent)?;
        if rent < Decimal::ZERO {
            return Err(IncomeExpenditureError::AmountInvalid {
                amount_name: "weekly rent".to_string(),
                amount: rent,
            });
        }
    }
    let frequency = proposal_frequency(assessment);
    let (floor, step) = match frequency {
        InstalmentFrequency::Monthly => (
            pounds(PROPOSAL_MONTHLY_INSTALMENT_FLOOR_PENCE),
            pounds(PROPOSAL_MONTHLY_STEP_PENCE),
        ),
        _ => (
            pounds(PROPOSAL_WEEKLY_INSTALMENT_FLOOR_PENCE),
            pounds(PROPOSAL_WEEKLY_STEP_PENCE),
        ),
    };
    let disposable_per_period = per_period(assessment.disposable_income_monthly, frequency);
    let share = disposable_per_period * Decimal::from(PROPOSAL_DISPOSABLE_SHARE_PERCENT)
        / Decimal::ONE_HUNDRED;
    let share_rounded = round_down_to_step(share, step);
    let (outcome, instalment) = if disposable_per_period <= Decimal::ZERO {
        (ProposalOutcome::NoAffordableOffer, None)
    } else if share_rounded >= floor || (share_rounded > Decimal::ZERO && share_rounded >= arrears)
    {
        (
            ProposalOutcome::ShareOfDisposable,
            Some(share_rounded.min(arrears)),
        )
    } else if disposable_per_period >= floor.min(arrears) {
        (ProposalOutcome::Floor, Some(floor.min(arrears)))
    } else {
        (ProposalOutcome::BelowFloor, None)
    };
    if let Some(instalment) = instalment {
        assert!(instalment > Decimal::ZERO && instalment <= disposable_per_period);
        assert!(instalment <= arrears);
    }
    let instalments_to_clear_count = instalment.and_then(|instalment| {
        (arrears / instalment)
            .ceil()
            .to_u32()
            .filter(|count| *count <= ARRANGEMENT_INSTALMENTS_MAX)
    });
    let rent_per_period = weekly_rent.map(|rent| match frequency {
        InstalmentFrequency::Monthly => monthly_amount(rent, AmountFrequency::Weekly),
        _ => rent,
    });
    let mut proposal = Proposal {
        outcome,
        frequency,
        disposable_per_period,
        instalment,
        arrears,
        instalments_to_clear_count,
        rent_per_period,
        explanation: String::new(),
        figures: Vec::new(),
    };
    proposal.explanation = proposal_explanation(&proposal, floor, assessment);
    proposal.figures = proposal_figures(&proposal);
    Ok(proposal)
}

/// Pounds and pence that fit the store; the caller checks the sign it needs.
fn check_amount(amount_name: &str, amount: Decimal) -> Result<(), IncomeExpenditureError> {
    if money_to_pence(amount).is_err() {
        return Err(IncomeExpenditureError::AmountInvalid {
            amount_name: amount_name.to_string(),
            amount,
        });
    }
    Ok(())
}

/// Monthly when more than half the income arrives monthly or yearly; weekly otherwise
/// (including when there is no income at all).
fn proposal_frequency(assessment: &Assessment) -> InstalmentFrequency {
    let monthly_income: Decimal = assessment
        .lines
        .iter()
        .filter(|line| line.item.section() == BudgetSection::Income)
        .filter(|line| {
            matches!(
                line.frequency,
                AmountFrequency::Monthly | AmountFrequency::Yearly
            )
        })
        .map(|line| line.amount_monthly)
        .sum();
    if monthly_income * Decimal::TWO > assessment.income_monthly_total {
        InstalmentFrequency::Monthly
    } else {
        InstalmentFrequency::Weekly
    }
}

/// A monthly figure per instalment period: monthly as it is; weekly × 12 / 52, rounded toward
/// zero to the penny (down for a surplus, so an instalment never rests on a rounded-up penny).
fn per_period(amount_monthly: Decimal, frequency: InstalmentFrequency) -> Decimal {
    match frequency {
        InstalmentFrequency::Monthly => amount_monthly,
        _ => (amount_monthly * Decimal::from(12) / Decimal::from(52))
            .round_dp_with_strategy(2, RoundingStrategy::ToZero),
    }
}

/// Down to a whole number of `step`s; zero or less stays as it is.
fn round_down_to_step(amount: Decimal, step: Decimal) -> Decimal {
    if amount <= Decimal::ZERO {
        return amount;
    }
    (amount / step).floor() * step
}

fn proposal_explanation(proposal: &Proposal, floor: Decimal, assessment: &Assessment) -> String {
    let per = proposal.frequency.per_period();
    let left = format!(
        "{} {per} is left after essential spending and priority debts",
        format_money(proposal.disposable_per_period)
    );
    // Set for the two outcomes that propose an instalment; zero is never printed otherwise.
    let instalment = proposal.instalment.unwrap_or(Decimal::ZERO);
    let first = match proposal.outcome {
        ProposalOutcome::NoAffordableOffer => format!(
            "Nothing is left after essential spending and priority debts (outgoings are {} a month more than income), so there is no affordable offer. Refer to money advice.",
            format_money(-assessment.disposable_income_monthly)
        ),
        ProposalOutcome::BelowFloor => format!(
            "Only {left}, less than the smallest instalment we propose ({} {per}), so no instalment is proposed. Refer to money advice; any token payment is for the officer and tenant to agree.",
            format_money(floor)
        ),
        ProposalOutcome::ShareOfDisposable => {
            let step_words = if proposal.frequency == InstalmentFrequency::Monthly {
                "pound"
            } else {
                "50p"
            };
            format!(
                "{} {per} towards the arrears: {left}, and {PROPOSAL_DISPOSABLE_SHARE_PERCENT}% of it, rounded down to the {step_words}, is proposed so that an unexpected bill does not break the arrangement.",
                format_money(instalment)
            )
        }
        ProposalOutcome::Floor => format!(
            "{} {per} towards the arrears, the smallest instalment we propose: {left}, which covers it, though {PROPOSAL_DISPOSABLE_SHARE_PERCENT}% of it would be less.",
            format_money(instalment)
        ),
    };
    let mut sentences = vec![first];
    if let Some(instalment) = proposal.instalment {
        sentences.push(clear_sentence(proposal, instalment));
        if let Some(rent) = proposal.rent_per_period {
            sentences.push(format!(
                "With the rent of {} {per}, that is {} {per} in all.",
                format_money(rent),
                format_money(rent + instalment)
            ));
        }
    }
    sentences.join(" ")
}

fn clear_sentence(proposal: &Proposal, instalment: Decimal) -> String {
    let arrears = format_money(proposal.arrears);
    let (unit_one, unit_many) = if proposal.frequency == InstalmentFrequency::Monthly {
        ("monthly instalment", "monthly instalments")
    } else {
        ("weekly instalment", "weekly instalments")
    };
    match proposal.instalments_to_clear_count {
        Some(1) => format!("That clears the arrears of {arrears} in one {unit_one}."),
        Some(count) => format!("At this rate the arrears of {arrears} clear in {count} {unit_many}."),
        None => format!(
            "At {} the arrears of {arrears} would take more than {ARRANGEMENT_INSTALMENTS_MAX} {unit_many} to clear; review the arrangement regularly.",
            format_money(instalment)
        ),
    }
}

fn proposal_figures(proposal: &Proposal) -> Vec<ProposalFigure> {
    let per = proposal.frequency.per_period();
    let mut figures = vec![ProposalFigure {
        key: "disposable_income".to_string(),
        label: "Left over".to_string(),
        value: format!("{} {per}", format_money(proposal.disposable_per_period)),
        explanation: "Income less fixed costs, flexible costs, savings and priority debt payments."
            .to_string(),
    }];
    let instalment_value = match proposal.instalment {
        Some(instalment) => format!("{} {per}", format_money(instalment)),
        None => "No affordable offer".to_string(),
    };
    figures.push(ProposalFigure {
        key: "instalment".to_string(),
        label: "Towards the arrears".to_string(),
        value: instalment_value,
        explanation: proposal.explanation.clone(),
    });
    if let Some(instalment) = proposal.instalment {
        let value = match proposal.instalments_to_clear_count {
            Some(count) => format!("{count} instalments"),
            None => format!("Over {ARRANGEMENT_INSTALMENTS_MAX} instalments"),
        };
        figures.push(ProposalFigure {
            key: "time_to_clear".to_string(),
            label: "Time to clear".to_string(),
            value,
            explanation: clear_sentence(proposal, instalment),
        });
    }
    figures
}

/// Prefills an informal arrangement from the proposal, for the officer to confirm: the
/// proposed instalment and frequency, the arrears as the starting balance, the default grace.
/// None when nothing affordable was proposed. The terms still go through `Arrangement::new`.
pub fn proposal_arrangement_terms(
    proposal: &Proposal,
    agreed_on: NaiveDate,
    first_instalment_on: NaiveDate,
) -> Option<ArrangementTerms> {
    let instalment = proposal.instalment?;
    Some(ArrangementTerms {
        kind: ArrangementKind::Informal,
        frequency: proposal.frequency,
        instalment,
        first_instalment_on,
        initial_payment: None,
        starting_balance: proposal.arrears,
        agreed_on,
        tolerance_days: ARRANGEMENT_TOLERANCE_DAYS_DEFAULT,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arrangement::Arrangement;
    use proptest::prelude::*;
    use std::str::FromStr;
    use AmountFrequency::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn line(item: BudgetItem, amount: &str, frequency: AmountFrequency) -> BudgetLine {
        BudgetLine {
            item,
            description: String::new(),
            amount: dec(amount),
            frequency,
        }
    }

    fn statement(lines: Vec<BudgetLine>) -> IncomeExpenditure {
        IncomeExpenditure {
            lines,
            debts: Vec::new(),
            explanations: Vec::new(),
        }
    }

    const SINGLE: Household = Household {
        adults_count: 1,
        children_count: 0,
        vehicles_count: 0,
    };

    /// A date the placeholder 2026 set is in force.
    fn in_2026() -> NaiveDate {
        date(2026, 6, 1)
    }

    #[test]
    fn monthly_conversions_round_once_per_line() {
        fn check(amount: &str, frequency: AmountFrequency, expected: &str, why: &str) {
            assert_eq!(
                monthly_amount(dec(amount), frequency),
                dec(expected),
                "{amount} {frequency:?}: {why}"
            );
        }
        //    as entered  frequency     monthly    worked
        check("100", Weekly, "433.33", "5,200 / 12 = 433.333…");
        check("73.50", Weekly, "318.50", "3,822 / 12 exactly");
        check("98.50", Weekly, "426.83", "5,122 / 12 = 426.833…");
        check("50", Fortnightly, "108.33", "1,300 / 12 = 108.333…");
        check("393.45", FourWeekly, "426.24", "5,114.85 / 12 = 426.2375");
        check("1200", Monthly, "1200", "as entered");
        check("174.50", Yearly, "14.54", "14.541…");
        check(
            "169.50",
            Yearly,
            "14.13",
            "14.125: half away from zero, not to even",
        );
        check("0.06", Yearly, "0.01", "0.005 rounds up");
        check("0.03", Yearly, "0.00", "0.0025 rounds down");
        check("0", Weekly, "0", "nothing");
    }

    /// A single parent on Universal Credit with some weekly earnings: the worked example the
    /// tenant's copy test also prints.
    fn worked_statement() -> IncomeExpenditure {
        use BudgetItem::*;
        IncomeExpenditure {
            lines: vec![
                line(UniversalCreditOrTaxCredits, "1000.00", Monthly),
                line(ChildBenefit, "26.05", Weekly), // 112.88
                line(ClientSalaryOrWages, "120.00", Weekly), // 520.00
                line(Rent, "98.50", Weekly),         // 426.83
                line(CouncilTax, "120.00", Monthly),
                line(Electricity, "25.00", Weekly), // 108.33
                line(Gas, "20.00", Weekly),         // 86.67
                line(WaterSupply, "35.00", Monthly),
                line(TvLicence, "174.50", Yearly), // 14.54
                line(MobilePhone, "20.00", Monthly),
                line(HomePhoneInternetAndTv, "30.00", Monthly),
                BudgetLine {
                    description: "special diet".to_string(),
                    ..line(Groceries, "110.00", Weekly) // 476.67
                },
                line(ClothingAndFootwear, "30.00", Monthly),
                line(Toiletries, "10.00", Monthly),
            ],
            debts: vec![
                DebtLine {
                    priority: DebtPriority::Priority,
                    creditor: "Calderdale Council (council tax arrears)".to_string(),
                    owed: dec("300.00"),
                    payment: dec("10.00"),
                    frequency: Monthly,
                },
                DebtLine {
                    priority: DebtPriority::NonPriority,
                    creditor: "Catalogue".to_string(),
                    owed: dec("500.00"),
                    payment: dec("5.00"),
                    frequency: Monthly,
                },
            ],
            explanations: Vec::new(),
        }
    }

    const PARENT_AND_CHILD: Household = Household {
        adults_count: 1,
        children_count: 1,
        vehicles_count: 0,
    };

    #[test]
    fn worked_example_totals() {
        let assessment =
            assess(&worked_statement(), &PARENT_AND_CHILD, in_2026()).expect("assesses");
        assert_eq!(assessment.income_monthly_total, dec("1632.88"));
        assert_eq!(assessment.fixed_costs_monthly_total, dec("791.37"));
        let totals: Vec<(FlexibleCategory, Decimal, Decimal, bool)> = assessment
            .flexible_categories
            .iter()
            .map(|comparison| {
                (
                    comparison.category,
                    comparison.total_monthly,
                    comparison.guideline_monthly,
                    comparison.over_guideline,
                )
            })
            .collect();
        assert_eq!(
            totals,
            vec![
                // One adult and one child: 90 + 25, 330 + 120, 60 + 35 (placeholders).
                (
                    FlexibleCategory::CommunicationsAndLeisure,
                    dec("50.00"),
                    dec("115.00"),
                    false
                ),
                (
                    FlexibleCategory::FoodAndHousekeeping,
                    dec("476.67"),
                    dec("450.00"),
                    true
                ),
                (
                    FlexibleCategory::PersonalCosts,
                    dec("40.00"),
                    dec("95.00"),
                    false
                ),
            ]
        );
        assert_eq!(assessment.flexible_costs_monthly_total, dec("566.67"));
        assert_eq!(
            assessment.priority_debt_payments_monthly_total,
            dec("10.00")
        );
        assert_eq!(
            assessment.non_priority_debt_payments_monthly_total,
            dec("5.00")
        );
        // 1,632.88 − 791.37 − 566.67 − 10.00; the catalogue's £5 is not subtracted.
        assert_eq!(assessment.disposable_income_monthly, dec("264.84"));
        assert_eq!(assessment.outcome, AssessmentOutcome::Surplus);
        assert!(!assessment.guidelines.verified);
        assert_eq!(assessment.guidelines.effective_from, date(2026, 4, 6));
        assert_eq!(
            assessment.outcome_sentence(),
            "After essential spending and priority debts, £264.84 a month is left."
        );
    }

    #[test]
    fn negative_disposable_income_is_an_outcome_not_an_error() {
        use BudgetItem::*;
        let assessment = assess(
            &statement(vec![
                line(JobseekersAllowanceContributionBased, "90.50", Weekly), // 392.17
                line(Rent, "98.50", Weekly),                                 // 426.83
            ]),
            &SINGLE,
            in_2026(),
        )
        .expect("assesses");
        assert_eq!(assessment.disposable_income_monthly, dec("-34.66"));
        assert_eq!(assessment.outcome, AssessmentOutcome::NoSurplus);
        assert_eq!(
            assessment.outcome_sentence(),
            "Outgoings are £34.66 a month more than income: there is no affordable offer. Refer to money advice."
        );
    }

    #[test]
    fn guideline_flags_at_and_just_above() {
        fn check(groceries_monthly: &str, explanation: Option<&str>, expected: Result<(), &str>) {
            let mut entered = statement(vec![line(
                BudgetItem::Groceries,
                groceries_monthly,
                Monthly,
            )]);
            if let Some(explanation) = explanation {
                entered.explanations.push(CategoryExplanation {
                    category: FlexibleCategory::FoodAndHousekeeping,
                    explanation: explanation.to_string(),
                });
            }
            let assessment = assess(&entered, &SINGLE, in_2026()).expect("assesses");
            let result = validate_for_saving(&assessment).map_err(|error| error.to_string());
            assert_eq!(
                result,
                expected.map_err(str::to_string),
                "{groceries_monthly} {explanation:?}"
            );
        }
        // One adult's food and housekeeping placeholder is £330.00.
        check("330.00", None, Ok(()));
        check("329.99", None, Ok(()));
        check(
            "330.01",
            None,
            Err("Food and housekeeping comes to £330.01 a month, above the guideline of £330.00; record why before saving"),
        );
        check(
            "330.01",
            Some("   "),
            Err("Food and housekeeping comes to £330.01 a month, above the guideline of £330.00; record why before saving"),
        );
        check("330.01", Some("Coeliac diet on prescription"), Ok(()));
    }

    #[test]
    fn guideline_composition() {
        fn check(adults_count: u32, children_count: u32, expected: Result<[&str; 3], &str>) {
            let household = Household {
                adults_count,
                children_count,
                vehicles_count: 1,
            };
            let result = guidelines_for(&household, in_2026())
                .map(|guidelines| {
                    FlexibleCategory::ALL.map(|category| guidelines.monthly(category))
                })
                .map_err(|error| error.to_string());
            assert_eq!(
                result,
                expected
                    .map(|figures| figures.map(dec))
                    .map_err(str::to_string),
                "{adults_count} adults, {children_count} children"
            );
        }
        //    adults children  comms     food      personal   (placeholders)
        check(1, 0, Ok(["90.00", "330.00", "60.00"]));
        check(2, 0, Ok(["130.00", "520.00", "100.00"]));
        check(1, 2, Ok(["140.00", "570.00", "130.00"]));
        check(3, 2, Ok(["220.00", "950.00", "210.00"]));
        check(0, 2, Err("a household has at least one adult"));
        check(
            15,
            6,
            Err("a household of 21 people is more than the 20 the guidelines are used for"),
        );
    }

    #[test]
    fn guidelines_change_on_the_first_monday_of_april() {
        fn check(on: NaiveDate, expected: Result<NaiveDate, &str>) {
            let result = guidelines_for(&SINGLE, on)
                .map(|guidelines| guidelines.effective_from)
                .map_err(|error| error.to_string());
            assert_eq!(result, expected.map_err(str::to_string), "{on}");
        }
        //    on                 set in force
        check(date(2025, 4, 6), Err("no spending guidelines are in force on 2025-04-06: the earliest set Doorstep has starts on 2025-04-07"));
        check(date(2025, 4, 7), Ok(date(2025, 4, 7)));
        check(date(2026, 4, 5), Ok(date(2025, 4, 7))); // the Sunday before
        check(date(2026, 4, 6), Ok(date(2026, 4, 6))); // the first Monday of April 2026
        check(date(2030, 1, 1), Ok(date(2026, 4, 6))); // the latest set stays in force
    }

    #[test]
    fn bundled_guidelines_are_well_formed_and_say_whether_verified() {
        let sets = guideline_sets().expect("the bundled file parses");
        assert!(!sets.is_empty());
        for set in sets {
            assert_eq!(
                Some(set.effective_from),
                first_monday_of_april(set.effective_from.year())
            );
            assert!(!set.source.trim().is_empty());
            if !set.verified {
                assert!(
                    set.note.contains("not verified"),
                    "an unverified set says so: {}",
                    set.note
                );
            }
        }
    }

    #[test]
    fn broken_guideline_files_are_refused() {
        fn file(sets: &[(&str, &str)]) -> String {
            let figures = r#"{"one_adult":"1","two_adults":"2","each_additional_adult":"1","each_child":"FOOD"}"#;
            let sets: Vec<String> = sets
                .iter()
                .map(|(effective_from, food_child)| {
                    let food = figures.replace("FOOD", food_child);
                    let other = figures.replace("FOOD", "1");
                    format!(
                        r#"{{"effective_from":"{effective_from}","source":"test","verified":false,"note":"not verified","categories":{{"communications_and_leisure":{other},"food_and_housekeeping":{food},"personal_costs":{other}}}}}"#
                    )
                })
                .collect();
            format!(r#"{{"sets":[{}]}}"#, sets.join(","))
        }
        fn check(text: &str, expected: Result<usize, &str>) {
            let result = parse_guideline_sets(text).map(|sets| sets.len());
            assert_eq!(result, expected.map_err(str::to_string), "{text}");
        }
        check(&file(&[("2025-04-07", "1"), ("2026-04-06", "1")]), Ok(2));
        check(
            &file(&[("2025-04-01", "1")]),
            Err("the set from 2025-04-01 does not start on the first Monday of April"),
        );
        check(
            &file(&[("2026-04-06", "1"), ("2025-04-07", "1")]),
            Err("the set from 2025-04-07 is out of date order"),
        );
        check(
            &file(&[("2025-04-07", "-1")]),
            Err("the set from 2025-04-07 has -1 for Food and housekeeping"),
        );
        check(
            &file(&[("2025-04-07", "1.005")]),
            Err("the set from 2025-04-07 has 1.005 for Food and housekeeping"),
        );
        check(&file(&[]), Err("0 sets; between 1 and 100 expected"));
    }

    #[test]
    fn bounds_name_the_line() {
        fn check(entered: IncomeExpenditure, expected: &str) {
            let error = assess(&entered, &SINGLE, in_2026()).expect_err("refused");
            assert_eq!(error.to_string(), expected);
        }
        let aldi = BudgetLine {
            description: "Aldi".to_string(),
            ..line(BudgetItem::Groceries, "-5", Weekly)
        };
        check(
            statement(vec![aldi]),
            "Groceries (Aldi): the amount cannot be negative (-5 was entered); enter what is paid or received as a positive figure",
        );
        check(
            statement(vec![line(BudgetItem::Gas, "12.345", Weekly)]),
            "Gas: 12.345 has a fraction of a penny; amounts are kept to 2 decimal places",
        );
        check(
            statement(vec![line(BudgetItem::ClientSalaryOrWages, "100000.01", Monthly)]),
            "Your salary or wages: £100,000.01 a month is more than the £100,000.00 a month one line may be; check for an extra nought",
        );
        // £23,077 a week is £100,000.33 a month.
        check(
            statement(vec![line(BudgetItem::ClientSalaryOrWages, "23077", Weekly)]),
            "Your salary or wages: £100,000.33 a month is more than the £100,000.00 a month one line may be; check for an extra nought",
        );
        assert!(assess(
            &statement(vec![line(
                BudgetItem::ClientSalaryOrWages,
                "100000",
                Monthly
            )]),
            &SINGLE,
            in_2026()
        )
        .is_ok());
        let too_many = vec![line(BudgetItem::Gifts, "1", Weekly); BUDGET_LINES_PER_SECTION_MAX + 1];
        check(
            statement(too_many),
            "Communications and leisure has 41 lines; at most 40 fit on one statement",
        );
        let long = BudgetLine {
            description: "x".repeat(LINE_DESCRIPTION_CHARS_MAX + 1),
            ..line(BudgetItem::Gifts, "1", Weekly)
        };
        check(
            statement(vec![long]),
            "Gifts: the description is 81 characters long; at most 80 fit",
        );
        let mut debt = worked_statement();
        debt.debts[0].payment = dec("-1");
        check(
            debt,
            "Payment to Calderdale Council (council tax arrears): the amount cannot be negative (-1 was entered); enter what is paid or received as a positive figure",
        );
        let mut repeated = statement(Vec::new());
        for _ in 0..2 {
            repeated.explanations.push(CategoryExplanation {
                category: FlexibleCategory::PersonalCosts,
                explanation: "growing children".to_string(),
            });
        }
        check(repeated, "Personal costs has two explanations; keep one");
    }

    /// An assessment whose only line is an income, so the disposable income is that income.
    fn income_only(amount: &str, frequency: AmountFrequency) -> Assessment {
        assess(
            &statement(vec![line(BudgetItem::OtherEarnings, amount, frequency)]),
            &SINGLE,
            in_2026(),
        )
        .expect("assesses")
    }

    #[test]
    fn proposals() {
        use ProposalOutcome::*;
        fn check(
            income: (&str, AmountFrequency),
            arrears: &str,
            expected_frequency: InstalmentFrequency,
            expected_outcome: ProposalOutcome,
            expected_instalment: Option<&str>,
            expected_count: Option<u32>,
        ) {
            let assessment = income_only(income.0, income.1);
            let proposal = propose_arrangement(&assessment, dec(arrears), None).expect("proposes");
            let got = (
                proposal.frequency,
                proposal.outcome,
                proposal.instalment,
                proposal.instalments_to_clear_count,
            );
            let expected = (
                expected_frequency,
                expected_outcome,
                expected_instalment.map(dec),
                expected_count,
            );
            assert_eq!(
                got, expected,
                "{income:?} arrears {arrears}: {}",
                proposal.explanation
            );
        }
        use InstalmentFrequency::Monthly as M;
        use InstalmentFrequency::Weekly as W;
        // Weekly: £25.40 a week is £110.07 a month, back to £25.40 a week; half is £12.70,
        // rounded down to the 50p.
        //    income               arrears    freq outcome            instalment  count
        check(
            ("25.40", Weekly),
            "1000",
            W,
            ShareOfDisposable,
            Some("12.50"),
            Some(80),
        );
        // £10 a week → £43.33 a month → £9.99 a week (down); half £4.995 → £4.50.
        check(
            ("10.00", Weekly),
            "1000",
            W,
            ShareOfDisposable,
            Some("4.50"),
            Some(223),
        );
        // £7 a week → £6.99; half £3.495 → £3.00, below the £3.65 floor that £6.99 covers.
        check(("7.00", Weekly), "1000", W, Floor, Some("3.65"), Some(274));
        check(("3.65", Fortnightly), "1000", W, BelowFloor, None, None);
        check(("0", Weekly), "1000", W, NoAffordableOffer, None, None);
        // Small arrears: never more than is owed.
        check(
            ("25.40", Weekly),
            "2.00",
            W,
            ShareOfDisposable,
            Some("2.00"),
            Some(1),
        );
        check(
            ("3.00", Weekly),
            "1.00",
            W,
            ShareOfDisposable,
            Some("1.00"),
            Some(1),
        );
        check(("3.00", Weekly), "2.00", W, Floor, Some("2.00"), Some(1));
        // £8 a week, half £4: 1,250 weeks is beyond the instalment limit.
        check(
            ("8.00", Weekly),
            "5000",
            W,
            ShareOfDisposable,
            Some("4.00"),
            None,
        );
        // Monthly income: whole pounds, £16 floor.
        check(
            ("1000", Monthly),
            "5000",
            M,
            ShareOfDisposable,
            Some("500"),
            Some(10),
        );
        check(
            ("45", Monthly),
            "1000",
            M,
            ShareOfDisposable,
            Some("22"),
            Some(46),
        );
        check(("25", Monthly), "1000", M, Floor, Some("16"), Some(63));
        check(("15", Monthly), "1000", M, BelowFloor, None, None);
        check(
            ("1200", Yearly),
            "1000",
            M,
            ShareOfDisposable,
            Some("50"),
            Some(20),
        );
    }

    #[test]
    fn proposal_words() {
        fn check(assessment: &Assessment, arrears: &str, rent: Option<&str>, expected: &str) {
            let proposal =
                propose_arrangement(assessment, dec(arrears), rent.map(dec)).expect("proposes");
            assert_eq!(proposal.explanation, expected);
            let instalment_figure = proposal
                .figures
                .iter()
                .find(|figure| figure.key == "instalment")
                .expect("always an instalment figure");
            assert_eq!(instalment_figure.explanation, expected);
        }
        check(
            &income_only("25.40", Weekly),
            "1000",
            Some("98.50"),
            "£12.50 a week towards the arrears: £25.40 a week is left after essential spending and priority debts, and 50% of it, rounded down to the 50p, is proposed so that an unexpected bill does not break the arrangement. At this rate the arrears of £1,000.00 clear in 80 weekly instalments. With the rent of £98.50 a week, that is £111.00 a week in all.",
        );
        check(
            &income_only("25", Monthly),
            "1000",
            Some("98.50"),
            "£16.00 a month towards the arrears, the smallest instalment we propose: £25.00 a month is left after essential spending and priority debts, which covers it, though 50% of it would be less. At this rate the arrears of £1,000.00 clear in 63 monthly instalments. With the rent of £426.83 a month, that is £442.83 a month in all.",
        );
        check(
            &income_only("3.00", Weekly),
            "1000",
            None,
            "Only £3.00 a week is left after essential spending and priority debts, less than the smallest instalment we propose (£3.65 a week), so no instalment is proposed. Refer to money advice; any token payment is for the officer and tenant to agree.",
        );
        let short = assess(
            &statement(vec![line(BudgetItem::Rent, "98.50", Weekly)]),
            &SINGLE,
            in_2026(),
        )
        .expect("assesses");
        check(
            &short,
            "1000",
            None,
            "Nothing is left after essential spending and priority debts (outgoings are £426.83 a month more than income), so there is no affordable offer. Refer to money advice.",
        );
    }

    #[test]
    fn proposal_refusals() {
        fn check(arrears: &str, rent: Option<&str>, expected: &str) {
            let error =
                propose_arrangement(&income_only("25", Weekly), dec(arrears), rent.map(dec))
                    .expect_err("refused");
            assert_eq!(error.to_string(), expected);
        }
        check(
            "0",
            None,
            "there are no arrears to arrange: the balance is £0.00",
        );
        check(
            "-12.30",
            None,
            "there are no arrears to arrange: the balance is -£12.30",
        );
        check(
            "10.001",
            None,
            "the arrears of 10.001 is not an amount in pounds and pence that can be recorded",
        );
        check(
            "100",
            Some("-1"),
            "the weekly rent of -1 is not an amount in pounds and pence that can be recorded",
        );
    }

    #[test]
    fn proposal_prefills_arrangement_terms_that_pass_the_checks() {
        let assessment =
            assess(&worked_statement(), &PARENT_AND_CHILD, in_2026()).expect("assesses");
        // Universal Credit is most of the income, so the proposal is monthly: half of £264.84
        // is £132.42, rounded down to £132.
        let proposal =
            propose_arrangement(&assessment, dec("1234.56"), Some(dec("98.50"))).expect("proposes");
        assert_eq!(proposal.frequency, InstalmentFrequency::Monthly);
        assert_eq!(proposal.instalment, Some(dec("132")));
        assert_eq!(proposal.instalments_to_clear_count, Some(10));
        let terms = proposal_arrangement_terms(&proposal, date(2026, 6, 1), date(2026, 6, 15))
            .expect("an instalment was proposed");
        assert_eq!(terms.kind, ArrangementKind::Informal);
        assert_eq!(terms.starting_balance, dec("1234.56"));
        assert_eq!(terms.tolerance_days, ARRANGEMENT_TOLERANCE_DAYS_DEFAULT);
        let arrangement = Arrangement::new(terms).expect("valid terms");
        assert_eq!(arrangement.projected_clear_on(), Some(date(2027, 3, 15)));

        let nothing =
            propose_arrangement(&income_only("0", Weekly), dec("100"), None).expect("proposes");
        assert_eq!(
            proposal_arrangement_terms(&nothing, date(2026, 6, 1), date(2026, 6, 15)),
            None
        );
    }

    #[test]
    fn serde_shapes() {
        let text = serde_json::to_string(&worked_statement()).expect("serialise");
        assert!(
            text.contains(r#""item":"universal_credit_or_tax_credits""#),
            "{text}"
        );
        assert!(
            text.contains(r#""frequency":"four_weekly""#)
                || text.contains(r#""frequency":"weekly""#)
        );
        assert!(text.contains(r#""priority":"non_priority""#), "{text}");
        let back: IncomeExpenditure = serde_json::from_str(&text).expect("deserialise");
        assert_eq!(back, worked_statement());
        // The UI may leave out debts and explanations.
        let minimal: IncomeExpenditure = serde_json::from_str(
            r#"{"lines":[{"item":"groceries","amount":"80.00","frequency":"weekly"}]}"#,
        )
        .expect("minimal");
        assert_eq!(minimal.lines[0].description, "");
        let assessment =
            assess(&worked_statement(), &PARENT_AND_CHILD, in_2026()).expect("assesses");
        let text = serde_json::to_string(&assessment).expect("serialise");
        let back: Assessment = serde_json::from_str(&text).expect("deserialise");
        assert_eq!(back, assessment);
    }

    #[test]
    fn every_item_is_in_exactly_one_section_and_the_sections_match_the_sfs() {
        let counts: Vec<(BudgetSection, usize)> = BudgetSection::ALL
            .into_iter()
            .map(|section| (section, items_in(section).len()))
            .collect();
        assert_eq!(
            counts,
            vec![
                (BudgetSection::Income, 25),
                (BudgetSection::FixedCosts, 42),
                (
                    BudgetSection::FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure),
                    7
                ),
                (
                    BudgetSection::FlexibleCosts(FlexibleCategory::FoodAndHousekeeping),
                    9
                ),
                (
                    BudgetSection::FlexibleCosts(FlexibleCategory::PersonalCosts),
                    4
                ),
                (BudgetSection::Savings, 1),
            ]
        );
        // Checked against the SFS schema, not guessed: phones are flexible, the TV licence fixed.
        assert_eq!(
            BudgetItem::MobilePhone.section(),
            BudgetSection::FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure)
        );
        assert_eq!(
            BudgetItem::HomePhoneInternetAndTv.section(),
            BudgetSection::FlexibleCosts(FlexibleCategory::CommunicationsAndLeisure)
        );
        assert_eq!(BudgetItem::TvLicence.section(), BudgetSection::FixedCosts);
        assert_eq!(BudgetItem::Childcare.section(), BudgetSection::FixedCosts);
    }

    fn any_frequency() -> impl Strategy<Value = AmountFrequency> {
        prop_oneof![
            Just(Weekly),
            Just(Fortnightly),
            Just(FourWeekly),
            Just(Monthly),
            Just(Yearly),
        ]
    }

    fn any_line() -> impl Strategy<Value = BudgetLine> {
        (0..BudgetItem::ALL.len(), 0i64..2_000_000, any_frequency()).prop_map(
            |(index, pence, frequency)| BudgetLine {
                item: BudgetItem::ALL[index],
                description: String::new(),
                amount: crate::money::money_from_pence(pence),
                frequency,
            },
        )
    }

    fn any_debt() -> impl Strategy<Value = DebtLine> {
        (any::<bool>(), 0i64..100_000, any_frequency()).prop_map(|(priority, pence, frequency)| {
            DebtLine {
                priority: if priority {
                    DebtPriority::Priority
                } else {
                    DebtPriority::NonPriority
                },
                creditor: "Creditor".to_string(),
                owed: dec("100"),
                payment: crate::money::money_from_pence(pence),
                frequency,
            }
        })
    }

    proptest! {
        /// Totals are the sums of the monthly figures printed beside each line, and the
        /// disposable income subtracts exactly the sections the module comment names.
        #[test]
        fn totals_are_sums_of_monthly_lines(
            lines in proptest::collection::vec(any_line(), 0..30),
            debts in proptest::collection::vec(any_debt(), 0..5),
        ) {
            let entered = IncomeExpenditure { lines, debts, explanations: Vec::new() };
            let assessment = assess(&entered, &PARENT_AND_CHILD, in_2026()).expect("in bounds");
            for (monthly, entered_line) in assessment.lines.iter().zip(&entered.lines) {
                prop_assert_eq!(monthly.amount_monthly, monthly_amount(entered_line.amount, entered_line.frequency));
            }
            let sum = |section: BudgetSection| -> Decimal {
                entered.lines.iter()
                    .filter(|line| line.item.section() == section)
                    .map(|line| monthly_amount(line.amount, line.frequency))
                    .sum()
            };
            prop_assert_eq!(assessment.income_monthly_total, sum(BudgetSection::Income));
            prop_assert_eq!(assessment.fixed_costs_monthly_total, sum(BudgetSection::FixedCosts));
            let flexible: Decimal = FlexibleCategory::ALL.into_iter()
                .map(|category| sum(BudgetSection::FlexibleCosts(category)))
                .sum();
            prop_assert_eq!(assessment.flexible_costs_monthly_total, flexible);
            prop_assert_eq!(assessment.savings_contribution_monthly_total, sum(BudgetSection::Savings));
            let priority: Decimal = entered.debts.iter()
                .filter(|debt| debt.priority == DebtPriority::Priority)
                .map(|debt| monthly_amount(debt.payment, debt.frequency))
                .sum();
            prop_assert_eq!(
                assessment.disposable_income_monthly,
                sum(BudgetSection::Income) - sum(BudgetSection::FixedCosts) - flexible
                    - sum(BudgetSection::Savings) - priority
            );
            for section in BudgetSection::ALL {
                prop_assert_eq!(assessment.section_monthly_total(section), sum(section));
            }
        }

        /// Whatever the statement, the instalment is never more than the disposable income per
        /// period (nor, over a year, than the monthly disposable income), never more than the
        /// arrears, and always a whole step or the floor or the whole arrears.
        #[test]
        fn proposal_never_exceeds_disposable_income(
            lines in proptest::collection::vec(any_line(), 0..12),
            arrears_pence in 1i64..2_000_000,
            rent_pence in proptest::option::of(0i64..50_000),
        ) {
            let entered = statement(lines);
            let assessment = assess(&entered, &SINGLE, in_2026()).expect("in bounds");
            let arrears = crate::money::money_from_pence(arrears_pence);
            let proposal = propose_arrangement(
                &assessment,
                arrears,
                rent_pence.map(crate::money::money_from_pence),
            ).expect("proposes");
            if let Some(instalment) = proposal.instalment {
                prop_assert!(instalment > Decimal::ZERO);
                prop_assert!(instalment <= proposal.disposable_per_period);
                prop_assert!(instalment <= arrears);
                let yearly = match proposal.frequency {
                    InstalmentFrequency::Monthly => instalment * Decimal::from(12),
                    _ => instalment * Decimal::from(52),
                };
                prop_assert!(yearly <= assessment.disposable_income_monthly * Decimal::from(12));
                let step = if proposal.frequency == InstalmentFrequency::Monthly { dec("1") } else { dec("0.5") };
                let floor = if proposal.frequency == InstalmentFrequency::Monthly { dec("16") } else { dec("3.65") };
                prop_assert!(
                    (instalment / step).fract().is_zero() || instalment == floor || instalment == arrears,
                    "{}", instalment
                );
            } else {
                prop_assert!(matches!(
                    proposal.outcome,
                    ProposalOutcome::BelowFloor | ProposalOutcome::NoAffordableOffer
                ));
            }
        }
    }
}
