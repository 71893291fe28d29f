//! Enterprise numbers and IBANs: real valid examples, and every way of getting one wrong.

use super::identifiers::*;

#[test]
fn real_enterprise_numbers_are_accepted_and_normalised() {
    for (input, digits, shown) in [
        ("0417.497.106", "0417497106", "0417.497.106"),
        ("0417497106", "0417497106", "0417.497.106"),
        ("BE0417497106", "0417497106", "0417.497.106"),
        ("be 0417.497.106", "0417497106", "0417.497.106"),
        (" 0417 497 106 ", "0417497106", "0417.497.106"),
        ("0203.201.340", "0203201340", "0203.201.340"),
        ("0207.437.468", "0207437468", "0207.437.468"),
    ] {
        let number = EnterpriseNumber::parse(input).unwrap();
        assert_eq!(number.as_digits(), digits, "{input}");
        assert_eq!(number.to_string(), shown, "{input}");
        assert_eq!(input.parse::<EnterpriseNumber>().unwrap(), number);
    }
}

#[test]
fn enterprise_numbers_starting_with_one_are_accepted() {
    // 1000.000.0xx: 10000000 mod 97 = 76, so the check digits are 21.
    assert_eq!(
        EnterpriseNumber::parse("1000.000.021").unwrap().as_digits(),
        "1000000021"
    );
}

#[test]
fn enterprise_numbers_with_wrong_check_digits_are_refused() {
    for bad in [
        "0417.497.107",
        "0417.497.105",
        "0203.201.341",
        "0207.437.486",
    ] {
        let error = EnterpriseNumber::parse(bad).unwrap_err();
        assert!(error.contains("check digits"), "{bad}: {error}");
    }
}

#[test]
fn enterprise_numbers_of_another_length_or_with_letters_are_refused() {
    for bad in [
        "",
        "417497106",
        "417.497.106",
        "04174971060",
        "0417.497.10",
        "0417.497.1O6",
        "0417-497-106",
        "NL0417497106",
        "BE",
        "０４１７４９７１０６",
    ] {
        let error = EnterpriseNumber::parse(bad).unwrap_err();
        assert!(error.contains("ten digits"), "{bad}: {error}");
    }
}

#[test]
fn enterprise_numbers_starting_with_two_or_more_are_refused() {
    // 2417.497.1xx would have valid check digits, but no KBO number starts with 2.
    let body = 24_174_971_u32;
    let check = 97 - body % 97;
    let error = EnterpriseNumber::parse(&format!("{body:08}{check:02}")).unwrap_err();
    assert!(error.contains("first"), "{error}");
    assert!(EnterpriseNumber::parse("9417497106").is_err());
}

#[test]
fn real_ibans_are_accepted_and_normalised() {
    for (input, compact, country) in [
        ("BE68 5390 0754 7034", "BE68539007547034", "BE"),
        ("BE71 0961 2345 6769", "BE71096123456769", "BE"),
        ("be68539007547034", "BE68539007547034", "BE"),
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", "NL"),
        ("nl91abna0417164300", "NL91ABNA0417164300", "NL"),
        (
            "DE89 3704 0044 0532 0130 00",
            "DE89370400440532013000",
            "DE",
        ),
        (
            "FR14 2004 1010 0505 0001 3M02 606",
            "FR1420041010050500013M02606",
            "FR",
        ),
        ("LU28 0019 4006 4475 0000", "LU280019400644750000", "LU"),
        (
            "GB82 WEST 1234 5698 7654 32",
            "GB82WEST12345698765432",
            "GB",
        ),
    ] {
        let iban = Iban::parse(input).unwrap();
        assert_eq!(iban.as_str(), compact, "{input}");
        assert_eq!(iban.country(), country);
        assert_eq!(input.parse::<Iban>().unwrap(), iban);
    }
}

#[test]
fn ibans_display_in_groups_of_four() {
    let show = |s: &str| Iban::parse(s).unwrap().to_string();
    assert_eq!(show("BE68539007547034"), "BE68 5390 0754 7034");
    assert_eq!(show("nl91abna0417164300"), "NL91 ABNA 0417 1643 00");
    assert_eq!(
        show("DE89370400440532013000"),
        "DE89 3704 0044 0532 0130 00"
    );
}

#[test]
fn ibans_with_wrong_check_digits_are_refused() {
    for bad in [
        "BE69 5390 0754 7034",
        "BE68 5390 0754 7043",
        "NL91 ABNA 0417 1643 01",
        "DE89 3704 0044 0532 0130 01",
        "GB82 WEST 1234 5698 7654 33",
    ] {
        let error = Iban::parse(bad).unwrap_err();
        assert!(error.contains("check digits"), "{bad}: {error}");
    }
}

#[test]
fn belgian_ibans_also_need_valid_national_check_digits() {
    // The account 5390 0754 7035 ends in 35, but 5390075470 mod 97 is 34: with IBAN check
    // digits computed to pass mod-97, it is still refused.
    let account = "539007547035";
    let remainder = format!("{account}111400")
        .bytes()
        .fold(0_u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    let iban = format!("BE{:02}{account}", 98 - remainder);
    let error = Iban::parse(&iban).unwrap_err();
    assert!(error.contains("check digits"), "{iban}: {error}");
}

#[test]
fn ibans_of_the_wrong_length_for_their_country_are_refused() {
    for (bad, expected) in [
        ("BE68 5390 0754 703", "16"),
        ("BE68 5390 0754 7034 0", "16"),
        ("NL91 ABNA 0417 1643", "18"),
        ("DE89 3704 0044 0532 0130 0", "22"),
        ("FR14 2004 1010 0505 0001 3M02 60", "27"),
        ("LU28 0019 4006 4475 000", "20"),
    ] {
        let error = Iban::parse(bad).unwrap_err();
        assert!(error.contains(expected), "{bad}: {error}");
    }
    let error = Iban::parse("XX12 3456 7890 12").unwrap_err();
    assert!(error.contains("15 to 34"), "{error}");
    assert!(Iban::parse(&format!("XX12{}", "1".repeat(31))).is_err());
}

#[test]
fn ibans_with_other_characters_or_shapes_are_refused() {
    for bad in [
        "",
        "BE",
        "68BE 5390 0754 7034",
        "B168 5390 0754 7034",
        "BEAB 5390 0754 7034",
        "BE68-5390-0754-7034",
        "BE68 5390 0754 703Ä",
        "BE00 5390 0754 7034",
        "BE99 5390 0754 7034",
    ] {
        assert!(Iban::parse(bad).is_err(), "{bad:?}");
    }
}
