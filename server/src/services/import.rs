//! Importing proposals from JSONL or CSV files: the national petition
//! board's format (`petition_idx`, `category`, `begin`, `title`, `content`)
//! and a plain one (`id`, `title`, `problem`, `solution`, `effect`,
//! `area_code`, `region_code`, `tags`, `published_at`). Idempotent: each row
//! keeps its source id in `external_ref`, so a second run only adds what is
//! new. Rows that cannot be imported are reported with their line and why.

use crate::entities::{area, process, proposal, region, user};
use crate::error::{AppError, Result};
use crate::services::{notifications, search};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::Value;
use sha2::{Digest, Sha256};
use shared::account::VerificationLevel;
use shared::text::{char_len, clean};
use std::collections::HashSet;
use std::path::Path;

/// The account imported proposals are attributed to when none is named.
pub const IMPORT_ACCOUNT: &str = "import@hamkke.invalid";

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub read: u64,
    pub created: u64,
    /// Already imported before (same source id).
    pub skipped: u64,
    /// (line number, reason)
    pub rejected: Vec<(u64, String)>,
}

/// How to import.
pub struct ImportOptions<'a> {
    pub process_slug: &'a str,
    /// The author of the imported proposals (an existing account); default: the import account.
    pub author_email: Option<&'a str>,
    /// Stop after this many rows (for samples).
    pub limit: Option<u64>,
}

/// The 17 categories of the petition board, mapped to the three areas.
fn area_for_category(category: &str) -> &'static str {
    match category {
        "정치개혁" | "인권/성평등" | "외교/통일/국방" | "미래" => "participation",
        "행정" | "경제민주화" | "성장동력" => "work_practice",
        _ => "public_service",
    }
}

fn text(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match v.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// One row, mapped; or why not.
struct Row {
    external_ref: String,
    title: String,
    problem: String,
    solution: String,
    effect: String,
    area_code: String,
    region_code: String,
    tags: Vec<String>,
    published_at: DateTime<Utc>,
}

fn map_row(v: &Value, areas: &HashSet<String>, regions: &HashSet<String>) -> std::result::Result<Row, String> {
    let title = clean(&text(v, &["title"]).ok_or("no title")?);
    if char_len(&title) > 200 {
        return Err("the title is longer than 200 characters".into());
    }
    let problem = clean(&text(v, &["problem", "content", "body"]).ok_or("no text (problem / content)")?);
    if char_len(&problem) < 10 {
        return Err("the text is shorter than 10 characters".into());
    }
    if char_len(&problem) > 20_000 {
        return Err("the text is longer than 20,000 characters".into());
    }
    let external_ref = match (text(v, &["petition_idx"]), text(v, &["id", "external_id"])) {
        (Some(idx), _) => format!("petition:{idx}"),
        (None, Some(id)) => format!("import:{id}"),
        (None, None) => {
            let digest = Sha256::digest(format!("{title}\n{problem}").as_bytes());
            format!("sha256:{}", digest.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>())
        }
    };
    let area_code = match (text(v, &["area_code", "area"]), text(v, &["category"])) {
        (Some(a), _) => a,
        (None, Some(c)) => area_for_category(&c).to_owned(),
        (None, None) => "public_service".to_owned(),
    };
    if !areas.contains(&area_code) {
        return Err(format!("unknown area {area_code:?}"));
    }
    let region_code = text(v, &["region_code", "region"]).unwrap_or_else(|| "national".to_owned());
    if !regions.contains(&region_code) {
        return Err(format!("unknown region {region_code:?}"));
    }
    let mut tags: Vec<String> = match v.get("tags") {
        Some(Value::Array(a)) => a.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect(),
        Some(Value::String(s)) => shared::participation::split_tags(s),
        _ => Vec::new(),
    };
    if let Some(c) = text(v, &["category"]) {
        tags.extend(shared::participation::split_tags(&c.replace('/', " ")));
    }
    tags.sort();
    tags.dedup();
    tags.truncate(5);
    let published_at = match text(v, &["published_at", "begin", "date"]) {
        Some(d) => DateTime::parse_from_rfc3339(&d)
            .map(|t| t.with_timezone(&Utc))
            .or_else(|_| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map(|n| n.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()))
            .map_err(|_| format!("cannot read the date {d:?}"))?,
        None => Utc::now(),
    };
    Ok(Row {
        external_ref,
        title,
        problem,
        solution: text(v, &["solution"]).map(|s| clean(&s)).unwrap_or_default(),
        effect: text(v, &["effect"]).map(|s| clean(&s)).unwrap_or_default(),
        area_code,
        region_code,
        tags,
        published_at,
    })
}

/// Reads the file's rows as JSON objects, with their line numbers.
pub fn read_rows(path: &Path) -> Result<Vec<(u64, std::result::Result<Value, String>)>> {
    let content = std::fs::read_to_string(path).map_err(|e| AppError::BadRequest(format!("cannot read {}: {e}", path.display())))?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return Ok(content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i as u64 + 1, serde_json::from_str::<Value>(l).map_err(|e| format!("not JSON: {e}"))))
            .collect());
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(content.as_bytes());
    let headers = reader.headers().map_err(|e| AppError::BadRequest(format!("cannot read the CSV header: {e}")))?.clone();
    Ok(reader
        .records()
        .enumerate()
        .map(|(i, r)| {
            let line = i as u64 + 2;
            let row = r.map_err(|e| format!("not CSV: {e}")).map(|rec| {
                let map: serde_json::Map<String, Value> =
                    headers.iter().zip(rec.iter()).map(|(h, v)| (h.trim().to_owned(), Value::String(v.to_owned()))).collect();
                Value::Object(map)
            });
            (line, row)
        })
        .collect())
}

async fn import_author(db: &DatabaseConnection, email: Option<&str>) -> Result<user::Model> {
    let email = email.unwrap_or(IMPORT_ACCOUNT).trim().to_lowercase();
    if let Some(u) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).filter(user::Column::DeletedAt.is_null()).one(db).await? {
        return Ok(u);
    }
    if email != IMPORT_ACCOUNT {
        return Err(AppError::BadRequest(format!("no account has the e-mail address {email}")));
    }
    let now = Utc::now();
    Ok(user::ActiveModel {
        email: Set(email),
        display_name: Set("국민청원 가져오기".to_owned()),
        password_hash: Set(None),
        verification_level: Set(VerificationLevel::Unverified.as_str().to_owned()),
        locale: Set("ko".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Imports the rows; `progress(done, total)` is called as it goes.
pub async fn import_proposals(
    db: &DatabaseConnection,
    rows: Vec<(u64, std::result::Result<Value, String>)>,
    options: &ImportOptions<'_>,
    progress: impl Fn(u64, u64),
) -> Result<ImportReport> {
    let process = process::Entity::find()
        .filter(process::Column::Slug.eq(options.process_slug))
        .one(db)
        .await?
        .ok_or_else(|| AppError::BadRequest(format!("no process has the address {:?}", options.process_slug)))?;
    let author = import_author(db, options.author_email).await?;
    let areas: HashSet<String> = area::Entity::find().all(db).await?.into_iter().map(|a| a.code).collect();
    let regions: HashSet<String> = region::Entity::find().all(db).await?.into_iter().map(|r| r.code).collect();
    let mut report = ImportReport::default();
    let rows: Vec<_> = rows.into_iter().take(options.limit.map_or(usize::MAX, |l| l as usize)).collect();
    let total = rows.len() as u64;
    let mut done = 0;
    for chunk in rows.chunks(200) {
        let mut mapped = Vec::new();
        for (line, row) in chunk {
            report.read += 1;
            match row.as_ref().map_err(Clone::clone).and_then(|v| map_row(v, &areas, &regions)) {
                Ok(r) => mapped.push((*line, r)),
                Err(why) => report.rejected.push((*line, why)),
            }
        }
        let refs: Vec<String> = mapped.iter().map(|(_, r)| r.external_ref.clone()).collect();
        let existing: HashSet<String> = proposal::Entity::find()
            .filter(proposal::Column::ExternalRef.is_in(refs))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|p| p.external_ref)
            .collect();
        let txn = db.begin().await?;
        let mut seen = HashSet::new();
        for (_, r) in mapped {
            if existing.contains(&r.external_ref) || !seen.insert(r.external_ref.clone()) {
                report.skipped += 1;
                continue;
            }
            let now = Utc::now();
            let p = proposal::ActiveModel {
                process_id: Set(process.id),
                author_id: Set(author.id),
                title: Set(r.title),
                problem: Set(r.problem),
                solution: Set(r.solution),
                effect: Set(r.effect),
                area_code: Set(r.area_code),
                region_code: Set(r.region_code),
                tags: Set(serde_json::to_string(&r.tags).unwrap_or_else(|_| "[]".into())),
                status: Set("published".to_owned()),
                support_count: Set(0),
                comment_count: Set(0),
                version: Set(1),
                published_at: Set(Some(r.published_at)),
                created_at: Set(now),
                updated_at: Set(now),
                external_ref: Set(Some(r.external_ref)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            search::index(&txn, &p).await?;
            notifications::follow(&txn, author.id, p.id).await?;
            report.created += 1;
        }
        txn.commit().await?;
        done += chunk.len() as u64;
        progress(done, total);
    }
    Ok(report)
}
