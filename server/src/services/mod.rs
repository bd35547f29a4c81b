//! Business rules, one module per area. Services take `&impl ConnectionTrait`
//! so they run on the pool or inside a transaction; REST handlers and server
//! functions only adapt to them.

pub mod access;
pub mod accounts;
pub mod attendees;
pub mod audit;
pub mod comments;
pub mod demo;
pub mod execution;
pub mod feedback;
pub mod import;
pub mod live;
pub mod markdown;
pub mod meetings;
pub mod minutes;
pub mod moderation;
pub mod notifications;
pub mod oidc;
pub mod polls;
pub mod privacy;
pub mod processes;
pub mod proposals;
pub mod reminders;
pub mod reference;
pub mod review;
pub mod room;
pub mod search;
pub mod site;
pub mod sos;
pub mod status;
pub mod support_batch;
pub mod throttle;
pub mod tokens;

/// A timestamp as the API shows it: RFC 3339, UTC, whole seconds.
pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A table as CSV for spreadsheet programs: UTF-8 with a byte-order mark (so
/// Korean reads right), CRLF lines, quoting where needed, and cells that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` not starting a
/// number) prefixed with `'`.
pub fn csv_document(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &[String]| {
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| {
                let c = if c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err() { format!("'{c}") } else { c.clone() };
                if c.contains([',', '"', '\n', '\r']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c }
            })
            .collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(&header.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
    for row in rows {
        line(&row);
    }
    out
}

/// Display names of some accounts (`탈퇴한 사용자` for deleted ones), by id.
pub async fn display_names(db: &impl sea_orm::ConnectionTrait, ids: impl IntoIterator<Item = i64>) -> crate::error::Result<std::collections::HashMap<i64, String>> {
    use crate::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, if u.deleted_at.is_some() { privacy::DELETED_NAME.to_owned() } else { u.display_name }))
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let doc = super::csv_document(&["a", "b"], [vec!["=1+1".to_owned(), "x, \"y\"".to_owned()], vec!["-3.5".to_owned(), "청년".to_owned()]]);
        assert_eq!(doc, "\u{feff}a,b\r\n'=1+1,\"x, \"\"y\"\"\"\r\n-3.5,청년\r\n");
    }
}
