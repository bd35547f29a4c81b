//! What the meeting pages need beyond the REST DTOs of [`crate::meeting`]:
//! the meeting with what the person asking may do there, the staff's list
//! of registrations (the check-in desk and its printable list) and the
//! answer of the check-in desk.

use crate::meeting::{AttendanceMode, MeetingDto, RegistrationDto};
use serde::{Deserialize, Serialize};

/// A meeting as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPageDto {
    pub meeting: MeetingDto,
    /// The person asking runs the meeting: check-in desk, polls, minutes.
    pub can_manage: bool,
    /// The person asking is signed in (may register).
    pub signed_in: bool,
    /// The site's public address, for the link in one's check-in QR code.
    pub base_url: String,
}

/// A registration as the meeting's staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeDto {
    pub display_name: String,
    pub registration: RegistrationDto,
}

/// The staff's list of a meeting's registrations (cancelled ones left out):
/// room seats first, then online, then the waiting list, each by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeesDto {
    pub meeting_id: i64,
    pub title: String,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub venue: Option<String>,
    /// The site's public address, for the links in the QR codes.
    pub base_url: String,
    pub attendees: Vec<AttendeeDto>,
}

/// A person checked in at the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInResultDto {
    pub registration_id: i64,
    pub display_name: String,
    pub mode: AttendanceMode,
    /// RFC 3339, UTC.
    pub checked_in_at: String,
}

/// The address a room seat's QR code holds: the staff's check-in page with
/// the code filled in (a phone's camera opens it; the staff confirm).
pub fn check_in_url(base_url: &str, meeting_id: i64, code: &str) -> String {
    let code: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{}/meetings/{meeting_id}/check-in?code={code}", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_in_url_keeps_only_the_code_characters() {
        assert_eq!(check_in_url("https://hamkke.go.kr/", 7, "ABCDE-FGHJK"), "https://hamkke.go.kr/meetings/7/check-in?code=ABCDEFGHJK");
        assert_eq!(check_in_url("http://localhost:3000", 1, "a&b=c"), "http://localhost:3000/meetings/1/check-in?code=abc");
    }
}
