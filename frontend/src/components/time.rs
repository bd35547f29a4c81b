//! Times as people here read them: the server sends UTC (RFC 3339), pages
//! show Korea Standard Time (UTC+9, no daylight saving; DESIGN.md §5).
//! Done by hand rather than with a date crate, to keep the WASM bundle small.

/// KST's offset from UTC, in hours.
const KST_OFFSET_HOURS: i64 = 9;

/// `2026-03-01T20:07:09Z` → `2026-03-02 05:07` (KST). Anything that is not
/// a UTC timestamp in that form is returned as it is.
pub fn kst(rfc3339: &str) -> String {
    parse_utc(rfc3339)
        .map(|(days, minutes)| {
            let minutes = minutes + KST_OFFSET_HOURS * 60;
            let (days, minutes) = (days + minutes.div_euclid(24 * 60), minutes.rem_euclid(24 * 60));
            let (y, m, d) = civil_from_days(days);
            format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", minutes / 60, minutes % 60)
        })
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// A moment given in Unix seconds, in KST: `1772341629` → `2026-03-01 14:07`.
pub fn kst_unix(ts: i64) -> String {
    let minutes = ts.div_euclid(60) + KST_OFFSET_HOURS * 60;
    let (days, minutes) = (minutes.div_euclid(24 * 60), minutes.rem_euclid(24 * 60));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// A moment given in Unix seconds as RFC 3339 UTC (for `<time datetime>`).
pub fn utc_unix(ts: i64) -> String {
    let (days, secs) = (ts.div_euclid(86_400), ts.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3_600, secs % 3_600 / 60, secs % 60)
}

/// The KST date alone: `2026-03-02`.
pub fn kst_date(rfc3339: &str) -> String {
    let full = kst(rfc3339);
    full.get(..10).map(str::to_owned).unwrap_or(full)
}

/// The value of a `datetime-local` field showing a UTC time in KST:
/// `2026-03-01T20:07:09Z` → `2026-03-02T05:07`; empty for anything else.
pub fn kst_input(rfc3339: &str) -> String {
    if parse_utc(rfc3339).is_none() {
        return String::new();
    }
    kst(rfc3339).replacen(' ', "T", 1)
}

/// (days since 1970-01-01, minutes since midnight) of a `YYYY-MM-DDTHH:MM[:SS[.f]]Z` time.
fn parse_utc(s: &str) -> Option<(i64, i64)> {
    let s = s.strip_suffix('Z')?;
    let (date, time) = s.split_once('T')?;
    let mut date = date.split('-');
    let (y, m, d) = (date.next()?.parse().ok()?, date.next()?.parse().ok()?, date.next()?.parse().ok()?);
    let mut time = time.split(':');
    let (h, min): (i64, i64) = (time.next()?.parse().ok()?, time.next()?.parse().ok()?);
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d) && (0..24).contains(&h) && (0..60).contains(&min);
    valid.then(|| (days_from_civil(y, m, d), h * 60 + min))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (the inverse of [`days_from_civil`]).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_are_shown_in_korea_standard_time() {
        assert_eq!(kst("2026-03-01T05:07:09Z"), "2026-03-01 14:07");
        // Past midnight in Seoul: the next day, the next month, the next year.
        assert_eq!(kst("2026-03-01T20:07:09Z"), "2026-03-02 05:07");
        assert_eq!(kst("2026-02-28T15:00:00Z"), "2026-03-01 00:00");
        assert_eq!(kst("2024-02-28T15:00:00Z"), "2024-02-29 00:00");
        assert_eq!(kst("2025-12-31T23:59:59Z"), "2026-01-01 08:59");
        assert_eq!(kst_date("2025-12-31T23:59:59Z"), "2026-01-01");
    }

    #[test]
    fn unix_seconds_are_shown_in_korea_standard_time() {
        let ts = days_from_civil(2026, 3, 1) * 86_400 + 5 * 3_600 + 7 * 60 + 9;
        assert_eq!(kst_unix(ts), "2026-03-01 14:07");
        assert_eq!(utc_unix(ts), "2026-03-01T05:07:09Z");
        assert_eq!(kst(&utc_unix(ts)), kst_unix(ts));
    }

    #[test]
    fn form_fields_get_the_korean_local_time() {
        assert_eq!(kst_input("2026-03-01T20:07:09Z"), "2026-03-02T05:07");
        assert_eq!(kst_input("2026-12-01T00:00:00Z"), "2026-12-01T09:00");
        assert_eq!(kst_input("not a time"), "");
    }

    #[test]
    fn anything_else_is_shown_as_it_came() {
        for odd in ["", "yesterday", "2026-03-01", "2026-13-01T00:00:00Z", "2026-03-01T05:07:09+09:00"] {
            assert_eq!(kst(odd), odd);
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_513, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
