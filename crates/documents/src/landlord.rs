//! The landlord whose name heads every page. The application core supplies it from the
//! landlord's settings; this crate only checks that a page will not go out without a name or a
//! phone number to call.

use serde::{Deserialize, Serialize};

use crate::error::DocumentError;

/// Address lines beyond this do not fit the header block beside the page title.
pub const LANDLORD_ADDRESS_LINES_MAX: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landlord {
    pub name: String,
    /// Printed one per line, in order, under the name.
    pub address_lines: Vec<String>,
    pub phone: String,
    pub email: Option<String>,
}

impl Landlord {
    /// A made-up West Yorkshire housing association for demos and tests. The phone number is in
    /// Ofcom's range reserved for drama (01632 960xxx), so nobody real is ever called.
    pub fn demo() -> Landlord {
        Landlord {
            name: "Calder Valley Homes".to_string(),
            address_lines: vec![
                "Rent Income Team".to_string(),
                "Wharf House, 12 Canal Street".to_string(),
                "Hebden Bridge".to_string(),
                "HX7 8ZZ".to_string(),
            ],
            phone: "01632 960 418".to_string(),
            email: Some("rents@caldervalleyhomes.example".to_string()),
        }
    }
}

/// Refuses a landlord that would leave the header half-empty.
pub(crate) fn check_landlord(landlord: &Landlord) -> Result<(), DocumentError> {
    let problem = if landlord.name.trim().is_empty() {
        Some("the name is missing".to_string())
    } else if landlord.phone.trim().is_empty() {
        Some("the phone number is missing".to_string())
    } else if landlord
        .address_lines
        .iter()
        .all(|line| line.trim().is_empty())
    {
        Some("the address is missing".to_string())
    } else if landlord.address_lines.len() > LANDLORD_ADDRESS_LINES_MAX {
        Some(format!(
            "the address has {} lines and at most {LANDLORD_ADDRESS_LINES_MAX} fit",
            landlord.address_lines.len()
        ))
    } else {
        None
    };
    match problem {
        Some(problem) => Err(DocumentError::LandlordIncomplete { problem }),
        None => Ok(()),
    }
}
