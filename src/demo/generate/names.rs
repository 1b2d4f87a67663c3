//! Customer names in several scripts (Latin, German, CJK, others) and tenant ids.

use super::rng::Rng;

const LATIN: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Tailspin",
    "Woodgrove",
    "Litware",
    "Proseware",
    "Adatum",
    "Alpine",
    "Coho",
    "Wingtip",
    "Relecloud",
    "Lamna",
    "Trey",
    "VanArsdel",
    "Wide World",
    "Blue Yonder",
    "Fourth Coffee",
    "Humongous",
    "Lucerne",
    "Southridge",
    "Graphic Design",
    "Consolidated",
    "Margie's",
    "City Power",
    "Bellows",
    "Boulder",
    "Cascade",
    "Harbor",
    "Summit",
];
const LATIN_MID: &[&str] = &[
    "Logistics",
    "Software",
    "Consulting",
    "Health",
    "Foods",
    "Energy",
    "Media",
    "Travel",
    "Legal",
    "Insurance",
    "Retail",
    "Builders",
    "Labs",
    "Motors",
    "Dental",
    "Design",
];
const LATIN_END: &[&str] = &[
    "Ltd", "Inc.", "LLC", "Group", "Holdings", "Partners", "Co.", "Pty Ltd", "S.A.", "B.V.",
];
const GERMAN: &[&str] = &[
    "Müller",
    "Schäfer",
    "Köhler",
    "Weiß",
    "Groß",
    "Fürst",
    "Bäckerei Jäger",
    "Zürcher",
    "Öko-Strom",
    "Süßwaren Krüger",
    "Kältetechnik",
    "Brücken",
    "Gärtnerei Löw",
];
const GERMAN_END: &[&str] = &[
    "GmbH",
    "AG",
    "KG",
    "& Söhne GmbH",
    "eG",
    "GmbH & Co. KG",
    "e.K.",
];
const CITY: &[&str] = &[
    "Seattle",
    "Berlin",
    "München",
    "Hamburg",
    "Wien",
    "Zürich",
    "London",
    "Dublin",
    "Lyon",
    "Madrid",
    "Toronto",
    "Austin",
    "Denver",
    "Oslo",
    "Malmö",
    "Kraków",
    "Porto",
    "Graz",
    "Köln",
    "Leipzig",
    "Bremen",
    "Basel",
    "Sydney",
    "Auckland",
    "Cape Town",
    "Nairobi",
    "Singapore",
    "Osaka",
    "Lille",
    "Turin",
];
const CJK_CITY: &[&str] = &[
    "臺灣", "台北", "高雄", "新竹", "台中", "桃園", "臺南", "基隆",
];
const CJK_TRADE: &[&str] = &[
    "雲端",
    "數位",
    "精密",
    "半導體",
    "資訊",
    "物流",
    "生技",
    "綠能",
    "光電",
];
const CJK_END: &[&str] = &["股份有限公司", "有限公司", "企業社"];
const OTHER: &[&str] = &[
    "株式会社 東京商事",
    "大阪電機株式会社",
    "Αθηναϊκή Λογισμικού Α.Ε.",
    "ООО Северный Ветер",
    "서울 클라우드 주식회사",
    "Ørsted Façade ApS",
    "Łódź Transport Sp. z o.o.",
];

pub(super) fn name(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=54 => format!(
            "{} {} {} {}",
            rng.pick(LATIN),
            rng.pick(LATIN_MID),
            rng.pick(CITY),
            rng.pick(LATIN_END)
        ),
        55..=74 => format!(
            "{} {} {}",
            rng.pick(GERMAN),
            rng.pick(CITY),
            rng.pick(GERMAN_END)
        ),
        75..=92 => format!(
            "{}{}{}{}",
            rng.pick(CJK_CITY),
            rng.pick(CJK_TRADE),
            rng.pick(CJK_TRADE),
            rng.pick(CJK_END)
        ),
        _ => rng.pick(OTHER).to_string(),
    }
}

pub(super) fn uuid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}
