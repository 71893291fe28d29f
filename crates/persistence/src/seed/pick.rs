//! Weighted random choices among the values of a domain enumeration.

use rand::Rng;
use samenleven_domain::reference::Enumeration;

/// Values of `E` with relative weights; a value the table does not name gets weight 1, so
/// every code of the enumeration occurs.
pub(crate) struct Pick<E: Enumeration> {
    values: Vec<(E, u32)>,
    total: u32,
}

impl<E: Enumeration> Pick<E> {
    /// The enumeration's values, those in `weights` (by code) weighted, the rest at 1;
    /// `excluded` codes are left out.
    pub(crate) fn weighted(weights: &[(&str, u32)], excluded: &[&str]) -> Self {
        let values: Vec<(E, u32)> = E::ALL
            .iter()
            .copied()
            .filter(|v| !excluded.contains(&v.code()))
            .map(|v| {
                let weight = weights
                    .iter()
                    .find(|(code, _)| *code == v.code())
                    .map_or(1, |(_, w)| *w);
                (v, weight)
            })
            .collect();
        let total = values.iter().map(|(_, w)| w).sum();
        Self { values, total }
    }

    /// One value.
    pub(crate) fn one(&self, rng: &mut impl Rng) -> E {
        let mut ticket = rng.random_range(0..self.total.max(1));
        for (value, weight) in &self.values {
            if ticket < *weight {
                return *value;
            }
            ticket -= weight;
        }
        self.values[0].0
    }

    /// One to `most` distinct values, the first the most likely.
    pub(crate) fn some(&self, rng: &mut impl Rng, most: usize) -> Vec<E> {
        let wanted = match rng.random_range(0..100) {
            0..70 => 1,
            70..92 => 2,
            _ => 3,
        }
        .min(most.max(1));
        let mut chosen: Vec<E> = Vec::with_capacity(wanted);
        // A few draws suffice; a repeated draw just gives fewer values.
        for _ in 0..wanted * 3 {
            if chosen.len() == wanted {
                break;
            }
            let value = self.one(rng);
            if !chosen.contains(&value) {
                chosen.push(value);
            }
        }
        chosen
    }
}
