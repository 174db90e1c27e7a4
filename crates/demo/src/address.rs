//! The patch: streets in a few postcode districts of one region, and an address for each account.
//!
//! Postcodes are well-formed (outward code, space, digit and two letters) but the inward parts
//! are made up. Addresses are allocated by account index, so no two accounts share one.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// (town, outward code): a few districts so grouping a caseload by postcode means something.
const DISTRICTS: [(&str, &str); 8] = [
    ("Leeds", "LS8"),
    ("Leeds", "LS9"),
    ("Leeds", "LS11"),
    ("Bradford", "BD3"),
    ("Bradford", "BD5"),
    ("Wakefield", "WF1"),
    ("Wakefield", "WF2"),
    ("Huddersfield", "HD1"),
];

const STREET_STEMS: [&str; 60] = [
    "Elm",
    "Tanner",
    "Marlowe",
    "Chapel",
    "Mill",
    "Victoria",
    "Albion",
    "Cavendish",
    "Hawthorn",
    "Beech",
    "Cross",
    "Kirk",
    "Moor",
    "Fountain",
    "Ashley",
    "Granby",
    "Clifton",
    "Stanley",
    "Harehills",
    "Nowell",
    "Brunswick",
    "Foundry",
    "Weaver",
    "Dyer",
    "Spinner",
    "Canal",
    "Wharf",
    "Station",
    "Church",
    "School",
    "Oak",
    "Sycamore",
    "Rowan",
    "Larch",
    "Willow",
    "Holly",
    "Laburnum",
    "Primrose",
    "Bluebell",
    "Heather",
    "Coronation",
    "Jubilee",
    "Peel",
    "Gladstone",
    "Cobden",
    "Brontë",
    "Priestley",
    "Hepworth",
    "Moore",
    "Tetley",
    "Sharp",
    "Croft",
    "Green",
    "Park",
    "Garden",
    "Orchard",
    "Meadow",
    "Brook",
    "Hill",
    "Bank",
];

const STREET_SUFFIXES: [&str; 12] = [
    "Street", "Road", "Grove", "Avenue", "Terrace", "Close", "Place", "Lane", "Mount", "View",
    "Crescent", "Walk",
];

const BLOCK_NAMES: [&str; 16] = [
    "Marlowe House",
    "Brunel Court",
    "Priestley House",
    "Bramley Court",
    "Fairfax House",
    "Kirkstall Court",
    "Oastler House",
    "Saltaire Court",
    "Calder House",
    "Aire Court",
    "Pennine House",
    "Ilkley Court",
    "Wharfe House",
    "Holme Court",
    "Rawson House",
    "Lister Court",
];

/// Postcode inward letters never use C, I, K, M, O or V (Royal Mail addressing rules), so made-up
/// codes avoid them too.
const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

const STREETS_COUNT: usize = 120;
/// Houses share a postcode unit in runs of this many numbers, as on a real street.
const HOUSES_PER_POSTCODE_UNIT: u32 = 40;
const POSTCODE_UNITS_PER_STREET: usize = 4;

pub(crate) struct Street {
    name: String,
    town: &'static str,
    outward: &'static str,
    /// `Some` when the street's homes are flats in one block.
    block: Option<&'static str>,
    units: [String; POSTCODE_UNITS_PER_STREET],
    /// 0 for odd house numbers, 1 for even, so neighbouring indexes look like one side of a road.
    side: u32,
}

pub(crate) struct Patch {
    streets: Vec<Street>,
}

pub(crate) struct Address {
    pub(crate) line_1: String,
    pub(crate) line_2: Option<String>,
    pub(crate) town: String,
    pub(crate) postcode: String,
}

pub(crate) fn build_patch(rng: &mut ChaCha8Rng) -> Patch {
    let mut names: Vec<String> = STREET_STEMS
        .iter()
        .flat_map(|stem| {
            STREET_SUFFIXES
                .iter()
                .map(move |suffix| format!("{stem} {suffix}"))
        })
        .collect();
    names.shuffle(rng);
    names.truncate(STREETS_COUNT);
    let streets = names
        .into_iter()
        .map(|name| {
            let (town, outward) = DISTRICTS[rng.gen_range(0..DISTRICTS.len())];
            let sector = rng.gen_range(1..=9);
            let block = rng
                .gen_bool(0.3)
                .then(|| BLOCK_NAMES[rng.gen_range(0..BLOCK_NAMES.len())]);
            let units = std::array::from_fn(|_| {
                let first = INWARD_LETTERS[rng.gen_range(0..INWARD_LETTERS.len())] as char;
                let second = INWARD_LETTERS[rng.gen_range(0..INWARD_LETTERS.len())] as char;
                format!("{sector}{first}{second}")
            });
            Street {
                name,
                town,
                outward,
                block,
                units,
                side: rng.gen_range(0..2),
            }
        })
        .collect();
    Patch { streets }
}

/// Account `index` lives on street `index % streets` at slot `index / streets`, so addresses are
/// distinct without any shared state between accounts.
pub(crate) fn address_for(patch: &Patch, index: u32) -> Address {
    let streets_count = patch.streets.len() as u32;
    let street = &patch.streets[(index % streets_count) as usize];
    let slot = index / streets_count;
    match street.block {
        Some(block) => Address {
            line_1: format!("Flat {}, {block}", slot + 1),
            line_2: Some(street.name.clone()),
            town: street.town.to_string(),
            postcode: format!("{} {}", street.outward, street.units[0]),
        },
        None => {
            let number = 2 * slot + 1 + street.side;
            let unit = (number / HOUSES_PER_POSTCODE_UNIT) as usize % POSTCODE_UNITS_PER_STREET;
            Address {
                line_1: format!("{number} {}", street.name),
                line_2: None,
                town: street.town.to_string(),
                postcode: format!("{} {}", street.outward, street.units[unit]),
            }
        }
    }
}
