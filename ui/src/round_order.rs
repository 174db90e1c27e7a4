//! Rearranging a planned round: the officer moves a stop up or down or removes it, and the
//! round is planned again in exactly that order ("as given"). Pure, so it is tested on the host.

/// Which way a stop moves in the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Remove,
}

/// The round's payment references after `change` to the stop at `index`. Moving the first stop
/// up or the last one down changes nothing; an index past the end changes nothing.
pub fn rearranged(references: &[String], index: usize, change: Move) -> Vec<String> {
    let mut order = references.to_vec();
    if index >= order.len() {
        return order;
    }
    match change {
        Move::Up => {
            if index > 0 {
                order.swap(index - 1, index);
            }
        }
        Move::Down => {
            if index + 1 < order.len() {
                order.swap(index, index + 1);
            }
        }
        Move::Remove => {
            order.remove(index);
        }
    }
    order
}

/// Adds the reference when ticked, removes it when unticked, keeping the order ticked.
pub fn toggled(picks: &[String], reference: &str, picked: bool) -> Vec<String> {
    let mut picks: Vec<String> = picks
        .iter()
        .filter(|pick| pick.as_str() != reference)
        .cloned()
        .collect();
    if picked {
        picks.push(reference.to_string());
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn references(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn stops_move_and_go() {
        fn check(before: &str, index: usize, change: Move, expected: &str) {
            assert_eq!(
                rearranged(&references(before), index, change),
                references(expected),
                "{before} {index} {change:?}"
            );
        }
        //     before    index  change        expected
        check("a b c", 1, Move::Up, "b a c");
        check("a b c", 0, Move::Up, "a b c");
        check("a b c", 1, Move::Down, "a c b");
        check("a b c", 2, Move::Down, "a b c");
        check("a b c", 1, Move::Remove, "a c");
        check("a b c", 3, Move::Remove, "a b c");
        check("", 0, Move::Up, "");
    }

    #[test]
    fn picks_keep_the_order_ticked() {
        let picks = toggled(&references("a b"), "c", true);
        assert_eq!(picks, references("a b c"));
        assert_eq!(toggled(&picks, "a", false), references("b c"));
        assert_eq!(toggled(&picks, "b", true), references("a c b"));
    }
}
