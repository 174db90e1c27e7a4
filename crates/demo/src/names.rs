//! Made-up people: names from many of the communities a UK social landlord serves.

use chrono::{Datelike, Days, NaiveDate};
use doorstep_domain::tenancy::PersonRole;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use doorstep_domain::tenancy::Person;

const FIRST_NAMES: [&str; 72] = [
    // British and Irish
    "Margaret",
    "John",
    "Susan",
    "David",
    "Karen",
    "Paul",
    "Emma",
    "James",
    "Sarah",
    "Michael",
    "Chloe",
    "Daniel",
    "Siobhan",
    "Sean",
    "Aoife",
    "Ciaran",
    "Niamh",
    "Patrick",
    "Brenda",
    "Gary",
    "Leanne",
    "Craig",
    "Jade",
    "Kyle",
    // South Asian
    "Aisha",
    "Imran",
    "Priya",
    "Rajesh",
    "Fatima",
    "Mohammed",
    "Nasreen",
    "Tariq",
    "Sunita",
    "Harpreet",
    "Bilal",
    "Shazia",
    // Caribbean and West African
    "Marcia",
    "Winston",
    "Delroy",
    "Claudette",
    "Adaeze",
    "Chinedu",
    "Kwame",
    "Ama",
    "Oluwaseun",
    "Folake",
    "Kofi",
    "Blessing",
    // Polish, Romanian and other European
    "Agnieszka",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Magdalena",
    "Krzysztof",
    "Ioana",
    "Andrei",
    "Lina",
    "Dmitri",
    "Eva",
    "Jonas",
    // Somali, Kurdish, Arabic, Eritrean and others
    "Hodan",
    "Abdirahman",
    "Amina",
    "Yusuf",
    "Rezan",
    "Ahmad",
    "Layla",
    "Omar",
    "Selam",
    "Tesfaye",
    "Mei",
    "Minh",
];

const LAST_NAMES: [&str; 72] = [
    // British and Irish
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Wilson",
    "Thompson",
    "Walker",
    "Wright",
    "Robinson",
    "Hall",
    "Wood",
    "Clarke",
    "Murphy",
    "O'Brien",
    "Kelly",
    "Byrne",
    "Doyle",
    "McCarthy",
    "Gallagher",
    "Quinn",
    "Hughes",
    "Ackroyd",
    "Sutcliffe",
    "Haigh",
    // South Asian
    "Khan",
    "Hussain",
    "Patel",
    "Begum",
    "Ahmed",
    "Akhtar",
    "Iqbal",
    "Singh",
    "Kaur",
    "Sharma",
    "Mahmood",
    "Chowdhury",
    // Caribbean and West African
    "Campbell",
    "Francis",
    "Henry",
    "Bailey",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Boateng",
    "Okonkwo",
    "Asante",
    "Balogun",
    "Owusu",
    // Polish, Romanian and other European
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Lewandowski",
    "Zielińska",
    "Wójcik",
    "Popescu",
    "Ionescu",
    "Kazlauskas",
    "Petrov",
    "Horváth",
    "Novák",
    // Somali, Kurdish, Arabic, Eritrean and others
    "Warsame",
    "Abdi",
    "Farah",
    "Mohamud",
    "Rashid",
    "Karimi",
    "Haddad",
    "Mansour",
    "Tesfamariam",
    "Gebre",
    "Nguyen",
    "Chen",
];

fn name(rng: &mut ChaCha8Rng, last_name: Option<&str>) -> String {
    let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
    let last = last_name.unwrap_or_else(|| LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())]);
    format!("{first} {last}")
}

fn date_of_birth(
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    age_years_min: i32,
    age_years_max: i32,
) -> Option<NaiveDate> {
    let year = today.year() - rng.gen_range(age_years_min..=age_years_max);
    let first_of_year = NaiveDate::from_ymd_opt(year, 1, 1)?;
    first_of_year.checked_add_days(Days::new(rng.gen_range(0..365)))
}

/// Phone numbers from Ofcom's ranges reserved for drama (07700 900000–900999 and 0113 496 0000–
/// 0999), so a demo can never ring a real person.
fn phone(rng: &mut ChaCha8Rng) -> Option<String> {
    if rng.gen_bool(0.12) {
        return None;
    }
    let number = rng.gen_range(0..1000);
    Some(if rng.gen_bool(0.8) {
        format!("07700 900{number:03}")
    } else {
        format!("0113 496 0{number:03}")
    })
}

pub(crate) fn people(rng: &mut ChaCha8Rng, today: NaiveDate) -> Vec<Person> {
    let tenant_name = name(rng, None);
    let tenant_last_name = tenant_name
        .split_once(' ')
        .map(|(_, last)| last.to_string());
    let mut people = vec![Person {
        role: PersonRole::Tenant,
        full_name: tenant_name,
        date_of_birth: date_of_birth(rng, today, 19, 89),
        phone: phone(rng),
    }];
    if rng.gen_bool(0.28) {
        // Most joint tenants are partners sharing a surname.
        let shared = if rng.gen_bool(0.7) {
            tenant_last_name.as_deref()
        } else {
            None
        };
        people.push(Person {
            role: PersonRole::JointTenant,
            full_name: name(rng, shared),
            date_of_birth: date_of_birth(rng, today, 19, 89),
            phone: phone(rng),
        });
    }
    // About 5% of tenants have a DWP appointee and 2% a Court of Protection deputy; they are
    // rarely relatives, so they get their own surname, and the landlord seldom holds their age.
    if rng.gen_bool(0.05) {
        people.push(Person {
            role: PersonRole::Appointee,
            full_name: name(rng, None),
            date_of_birth: None,
            phone: phone(rng),
        });
    }
    if rng.gen_bool(0.02) {
        people.push(Person {
            role: PersonRole::Deputy,
            full_name: name(rng, None),
            date_of_birth: None,
            phone: phone(rng),
        });
    }
    people
}
