//! The notice before a possession claim: a Notice of Seeking Possession for a secure tenancy
//! (Housing Act 1985 s83; to the effect of the form in the Secure Tenancies (Notices)
//! Regulations 1987) or Form 3 for an assured tenancy (Housing Act 1988 s8). The caller
//! chooses the grounds and computes the dates; this prints them with the grounds' words.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::court::claim::{
    check_header, check_list, check_signatory, check_text, incomplete, ClaimHeader, Signatory,
};
use crate::court::paper::{
    bullet, field, heading, money, paragraph, paragraph_styled, render, signature_lines,
    title_block, BODY_BOLD,
};
use crate::error::{long_date, DocumentError};
use crate::layout::Pages;

const DOCUMENT: &str = "notice seeking possession";

/// Housing Act 1985 Sch 2 Pt I, Ground 1.
pub const GROUND_1_SECURE: &str = "Rent lawfully due from the tenant has not been paid or an \
     obligation of the tenancy has been broken or not performed.";

/// Housing Act 1988 Sch 2 Pt I, Ground 8, as amended by the Housing Act 1996 and before the
/// Renters' Rights Act 2025 raises the thresholds; a later rule set supplies its own words.
pub const GROUND_8_ASSURED_BEFORE_RRA_2025: &str = "Both at the date of the service of the \
     notice under section 8 of this Act relating to the proceedings for possession and at the \
     date of the hearing—\n(a) if rent is payable weekly or fortnightly, at least eight weeks' \
     rent is unpaid;\n(b) if rent is payable monthly, at least two months' rent is unpaid;\n(c) \
     if rent is payable quarterly, at least one quarter's rent is more than three months in \
     arrears; and\n(d) if rent is payable yearly, at least three months' rent is more than three \
     months in arrears;\nand for the purpose of this ground \"rent\" means rent lawfully due from \
     the tenant.";

/// Housing Act 1988 Sch 2 Pt II, Ground 10.
pub const GROUND_10_ASSURED: &str = "Some rent lawfully due from the tenant—\n(a) is unpaid on \
     the date on which the proceedings for possession are begun; and\n(b) except where \
     subsection (1)(b) of section 8 of this Act applies, was in arrears at the date of the \
     service of the notice under that section relating to those proceedings.";

/// Housing Act 1988 Sch 2 Pt II, Ground 11.
pub const GROUND_11_ASSURED: &str = "Whether or not any rent is in arrears on the date on which \
     proceedings for possession are begun, the tenant has persistently delayed paying rent which \
     has become lawfully due.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Housing Act 1985 s83: a secure tenancy (councils).
    SecureNoticeOfSeekingPossession,
    /// Housing Act 1988 s8, Form 3: an assured tenancy (housing associations).
    AssuredForm3,
}

impl NoticeKind {
    pub(crate) fn title(self) -> &'static str {
        match self {
            NoticeKind::SecureNoticeOfSeekingPossession => "Notice of seeking possession",
            NoticeKind::AssuredForm3 => {
                "Notice seeking possession of a property let on an assured tenancy"
            }
        }
    }

    fn to_the_effect_of(self) -> &'static str {
        match self {
            NoticeKind::SecureNoticeOfSeekingPossession => {
                "Housing Act 1985, section 83. To the effect of the form prescribed by the \
                 Secure Tenancies (Notices) Regulations 1987."
            }
            NoticeKind::AssuredForm3 => {
                "Housing Act 1988, section 8, as amended. To the effect of Form 3 prescribed by \
                 the Assured Tenancies and Agricultural Occupancies (Forms) (England) Regulations."
            }
        }
    }
}

/// One ground relied on, with the words of the Act and why it applies here.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeGround {
    /// "Ground 8"
    pub code: String,
    /// The ground's full statutory text, e.g. `GROUND_8_ASSURED_BEFORE_RRA_2025`.
    pub statutory_text: String,
    pub arrears_as_at: NaiveDate,
    pub arrears: Decimal,
    pub rent: Decimal,
    /// "weekly", "monthly"
    pub rent_frequency: String,
    /// A short history in the officer's words: missed payments, late payments relied on.
    pub history: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    /// The date specified in the notice: proceedings may not begin before it.
    pub proceedings_not_before: NaiveDate,
    /// The last day proceedings may be begun on this notice (12 months on).
    pub usable_until: NaiveDate,
    pub grounds: Vec<NoticeGround>,
    pub signatory: Signatory,
    pub signed_on: NaiveDate,
}

pub(crate) fn check_notice(header: &ClaimHeader, notice: &Notice) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    check_signatory(DOCUMENT, &notice.signatory)?;
    check_list(DOCUMENT, "grounds", &notice.grounds, true)?;
    for ground in &notice.grounds {
        check_text(DOCUMENT, "ground's number", &ground.code)?;
        check_text(
            DOCUMENT,
            "ground's statutory wording",
            &ground.statutory_text,
        )?;
        check_text(DOCUMENT, "rent frequency", &ground.rent_frequency)?;
        check_text(DOCUMENT, "history of the arrears", &ground.history)?;
        if ground.arrears < Decimal::ZERO || ground.rent <= Decimal::ZERO {
            return Err(incomplete(
                DOCUMENT,
                format!(
                    "{} gives arrears of {} and rent of {}; a notice needs arrears owed and a \
                     rent above £0.00",
                    ground.code.trim(),
                    money(ground.arrears),
                    money(ground.rent)
                ),
            ));
        }
    }
    if notice.proceedings_not_before <= notice.signed_on {
        return Err(incomplete(
            DOCUMENT,
            format!(
                "the date after which proceedings may begin, {}, must be after the date it is \
                 signed, {}",
                long_date(&notice.proceedings_not_before),
                long_date(&notice.signed_on)
            ),
        ));
    }
    if notice.usable_until <= notice.proceedings_not_before {
        return Err(incomplete(
            DOCUMENT,
            format!(
                "the notice would stop being usable on {}, before proceedings could begin on {}",
                long_date(&notice.usable_until),
                long_date(&notice.proceedings_not_before)
            ),
        ));
    }
    Ok(())
}

pub fn notice_pdf(header: &ClaimHeader, notice: &Notice) -> Result<Vec<u8>, DocumentError> {
    check_notice(header, notice)?;
    render(
        notice.kind.title(),
        header,
        notice.signed_on,
        false,
        |pages| draw_notice(pages, header, notice),
    )
}

pub(crate) fn draw_notice(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    notice: &Notice,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        notice.kind.title(),
        notice.kind.to_the_effect_of(),
        header,
    )?;
    heading(pages, "1. To")?;
    for name in &header.defendants {
        bullet(pages, name)?;
    }
    heading(pages, "2. Of (the address of the property)")?;
    paragraph(pages, &header.address_one_line())?;
    heading(pages, "3. Your landlord intends to apply to the court for an order requiring you to give up possession of the property on the following grounds")?;
    for ground in &notice.grounds {
        paragraph_styled(pages, &ground.code, BODY_BOLD, 0.0)?;
        paragraph(pages, &ground.statutory_text)?;
    }
    heading(pages, "4. Particulars of each ground")?;
    for ground in &notice.grounds {
        paragraph_styled(pages, &ground.code, BODY_BOLD, 0.0)?;
        let figures = format!(
            "At {} the rent arrears were {}. The rent is {} {}.",
            long_date(&ground.arrears_as_at),
            money(ground.arrears),
            money(ground.rent),
            ground.rent_frequency.trim()
        );
        paragraph(pages, &figures)?;
        paragraph(pages, &ground.history)?;
    }
    heading(pages, "5. When proceedings may begin")?;
    paragraph(
        pages,
        &format!(
            "Court proceedings will not begin until after {}. This notice cannot be used to begin \
         proceedings after {}.",
            long_date(&notice.proceedings_not_before),
            long_date(&notice.usable_until)
        ),
    )?;
    heading(pages, "6. Landlord")?;
    field(pages, "Name", header.claimant.name.trim())?;
    field(pages, "Address", &header.claimant.address_lines.join(", "))?;
    field(pages, "Telephone", header.claimant.phone.trim())?;
    signature_lines(pages, &notice.signatory, Some(notice.signed_on))?;
    heading(pages, "Notes for the tenant")?;
    for note in TENANT_NOTES {
        bullet(pages, note)?;
    }
    Ok(())
}

/// The advice the prescribed forms give, in plain words.
const TENANT_NOTES: [&str; 5] = [
    "This is a notice that your landlord may go to court to ask for possession of your home. It \
     is not a court order and it does not mean you have to leave now.",
    "If you pay the arrears, or agree an affordable arrangement with your landlord and keep to \
     it, your landlord may decide not to go to court. Contact your landlord as soon as possible.",
    "Get advice now. Free, independent advice is available from Citizens Advice \
     (citizensadvice.org.uk, 0800 144 8848), Shelter (shelter.org.uk, 0808 800 4444) or a \
     solicitor; you may be entitled to legal aid.",
    "If the landlord goes to court, you will be told the date of the hearing. Go to the hearing: \
     the court can take your circumstances into account and may allow you to stay.",
    "If you are receiving Universal Credit or Housing Benefit, tell your landlord, and make sure \
     your claim is up to date.",
];
