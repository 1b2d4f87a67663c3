//! Tests of the Insights CSV reader.

use super::sums::Texts;
use super::*;

#[test]
fn headers_match_through_aliases() {
    let h = Header::new(&csv::StringRecord::from(vec![
        "Customer Tenant Id",
        "customer_name",
        "WORKLOADNAME",
        "Month",
        "PaidAvailableUnits",
        "MonthlyActiveUsers",
    ]));
    assert_eq!(h.dataset(), Some(Dataset::OfficeUsage));
    assert_eq!(
        sniff("CustomerTenantId\tCustomerName\tMonth\n"),
        Some(b'\t')
    );
    assert_eq!(sniff("a,b,c\n"), None);
}

proptest::proptest! {
    /// Sorting keys by the texts' ranks orders them as comparing the texts does (ties,
    /// prefixes, accents, CJK, missing texts first), whatever order the texts came in.
    #[test]
    fn ranks_order_as_the_texts_do(
        rows in proptest::collection::vec(
            (
                proptest::option::of("[aäb]{0,3}|臺北|Z"),
                "[ab]{0,2}|Ö",
            ),
            0..40,
        ),
    ) {
        let mut texts = Texts::default();
        let keys: Vec<(Option<u32>, u32)> = rows
            .iter()
            .map(|(a, b)| (a.as_deref().map(|a| texts.number(0, a)), texts.number(1, b)))
            .collect();
        let (ranked, rank) = texts.ranked();
        let rank_of = |n: Option<u32>| n.map_or(0, |n| rank[n as usize]);
        // Each text is found again from its rank.
        for ((a, b), (na, nb)) in rows.iter().zip(&keys) {
            proptest::prop_assert_eq!(ranked.text(rank_of(*na)), a.as_deref());
            proptest::prop_assert_eq!(ranked.text(rank_of(Some(*nb))), Some(b.as_str()));
        }
        let mut by_rank: Vec<usize> = (0..keys.len()).collect();
        by_rank.sort_by_key(|&i| (rank_of(keys[i].0), rank_of(Some(keys[i].1)), i));
        let mut by_text: Vec<usize> = (0..rows.len()).collect();
        by_text.sort_by(|&i, &j| {
            (rows[i].0.as_deref(), rows[i].1.as_str(), i)
                .cmp(&(rows[j].0.as_deref(), rows[j].1.as_str(), j))
        });
        proptest::prop_assert_eq!(by_rank, by_text);
    }
}
