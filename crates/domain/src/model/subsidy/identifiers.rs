//! Identifiers of an applicant: the Belgian enterprise number (KBO/BCE) and the IBAN of the
//! account a subsidy is paid into. Both are valid by construction: `parse` checks the
//! checksum and normalises, and is the only way in.

use std::fmt;
use std::str::FromStr;

/// A Belgian enterprise number (KBO/BCE): ten digits, the first `0` or `1`, the last two
/// equal to 97 minus the first eight modulo 97. Held as the ten digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnterpriseNumber(String);

impl EnterpriseNumber {
    /// Parses `0417.497.106`, `0417 497 106`, `0417497106` or the VAT form `BE0417497106`
    /// (`BE` in any case, dots and spaces anywhere), and checks the digits.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let rest = match trimmed.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("BE") => &trimmed[2..],
            _ => trimmed,
        };
        let compact: String = rest.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        if compact.len() != 10 || !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "`{text}` is not an enterprise number: ten digits, e.g. 0417.497.106"
            ));
        }
        if !compact.starts_with(['0', '1']) {
            return Err(format!(
                "`{text}` is not an enterprise number: the first of its ten digits is 0 or 1"
            ));
        }
        let (body, check) = compact.split_at(8);
        let expected = 97 - digits_mod_97(body);
        if check != format!("{expected:02}") {
            return Err(format!(
                "`{text}` is not an enterprise number: its check digits do not match (the last \
                 two digits are 97 minus the first eight modulo 97); check for a typing error"
            ));
        }
        Ok(Self(compact))
    }

    /// The ten digits without separators, e.g. `0417497106`.
    pub fn as_digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EnterpriseNumber {
    /// The official notation `0417.497.106`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}.{}.{}", &d[..4], &d[4..7], &d[7..])
    }
}

impl FromStr for EnterpriseNumber {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// An International Bank Account Number (ISO 13616): two country letters, two check digits
/// and the national account number, with mod-97 = 1 over the rearranged string. Held
/// uppercase without spaces, e.g. `BE68539007547034`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iban(String);

/// The length of the IBAN in the countries of the SEPA area that is checked exactly;
/// another country's IBAN has 15 to 34 characters.
#[rustfmt::skip]
const LENGTHS: &[(&str, usize)] = &[
    ("AT", 20), ("BE", 16), ("BG", 22), ("CH", 21), ("CY", 28), ("CZ", 24), ("DE", 22),
    ("DK", 18), ("EE", 20), ("ES", 24), ("FI", 18), ("FR", 27), ("GB", 22), ("GR", 27),
    ("HR", 21), ("HU", 28), ("IE", 22), ("IS", 26), ("IT", 27), ("LI", 21), ("LT", 20),
    ("LU", 20), ("LV", 21), ("MC", 27), ("MT", 31), ("NL", 18), ("NO", 15), ("PL", 28),
    ("PT", 25), ("RO", 24), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27),
];

/// The shortest IBAN of any country.
pub const MIN_IBAN_CHARS: usize = 15;
/// The longest IBAN of any country.
pub const MAX_IBAN_CHARS: usize = 34;

impl Iban {
    /// Parses an IBAN in print form (`BE68 5390 0754 7034`) or compact, in any case; checks the
    /// shape, the country's length, the mod-97 checksum and, for a Belgian account, the
    /// national check digits.
    pub fn parse(text: &str) -> Result<Self, String> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let example = "e.g. BE68 5390 0754 7034";
        let bytes = compact.as_bytes();
        let well_formed = bytes.len() >= 4
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..4].iter().all(u8::is_ascii_digit)
            && bytes.iter().all(u8::is_ascii_alphanumeric);
        if !well_formed {
            return Err(format!(
                "`{text}` is not an IBAN: two country letters, two check digits and the account \
                 number in letters and digits, {example}"
            ));
        }
        let country = &compact[..2];
        let length = compact.len();
        match LENGTHS.iter().find(|(code, _)| *code == country) {
            Some(&(_, expected)) if expected != length => {
                return Err(format!(
                    "`{text}` is not an IBAN: an IBAN of {country} has {expected} characters, \
                     not {length}"
                ));
            }
            None if !(MIN_IBAN_CHARS..=MAX_IBAN_CHARS).contains(&length) => {
                return Err(format!(
                    "`{text}` is not an IBAN: an IBAN has {MIN_IBAN_CHARS} to {MAX_IBAN_CHARS} \
                     characters, not {length}"
                ));
            }
            _ => {}
        }
        let check_digits = compact[2..4].parse::<u8>().unwrap_or(0);
        let checksum_holds = (2..=98).contains(&check_digits)
            && iban_mod_97(&compact) == 1
            && (country != "BE" || belgian_account_holds(&compact[4..]));
        if !checksum_holds {
            return Err(format!(
                "`{text}` is not an IBAN: its check digits do not match; check for a typing error"
            ));
        }
        Ok(Self(compact))
    }

    /// The IBAN uppercase without spaces, e.g. `BE68539007547034`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its ISO 3166 country code, e.g. `BE`.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for Iban {
    /// The print form, in groups of four: `BE68 5390 0754 7034`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, group) in self.0.as_bytes().chunks(4).enumerate() {
            if index > 0 {
                f.write_str(" ")?;
            }
            // The IBAN is ASCII, so every chunk of bytes is a string.
            f.write_str(std::str::from_utf8(group).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl FromStr for Iban {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A string of ASCII digits modulo 97, digit by digit (no overflow whatever the length).
fn digits_mod_97(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97)
}

/// ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end and each
/// letter replaced by two digits (A = 10 … Z = 35). `iban` is uppercase ASCII alphanumeric.
fn iban_mod_97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.bytes().chain(head.bytes()).fold(0, |acc, b| {
        if b.is_ascii_digit() {
            (acc * 10 + u32::from(b - b'0')) % 97
        } else {
            (acc * 100 + u32::from(b - b'A') + 10) % 97
        }
    })
}

/// A Belgian account number (the IBAN's last twelve digits): the last two are the first ten
/// modulo 97, or 97 when that is 0.
fn belgian_account_holds(account: &str) -> bool {
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (body, check) = account.split_at(10);
    let expected = match digits_mod_97(body) {
        0 => 97,
        n => n,
    };
    check == format!("{expected:02}")
}
