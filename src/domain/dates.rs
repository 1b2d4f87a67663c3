//! When a date is in the future: the one rule Partner Center's rows and Graph's reports are
//! both held to.

use crate::domain::model::Timestamp;

/// A day of slack for clocks and time zones before a date counts as in the future.
const FUTURE_SLACK: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// After this moment a date is in the future (beyond a day of slack): a typo'd year, a wrong
/// clock or an edited file. Such data counts as dated, never over data dated as it should be.
pub fn future(now: Timestamp) -> Timestamp {
    now + FUTURE_SLACK
}
