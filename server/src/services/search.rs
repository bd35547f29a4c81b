//! Korean-aware search: character bigrams. Korean writes compounds without
//! spaces (청년일자리) and many key words have two syllables, which word
//! tokenizers and trigram indexes cannot find. Every proposal's text is cut
//! into overlapping two-character grams (one-character words are kept
//! whole) stored in `proposal_grams`, on SQLite and PostgreSQL alike; a
//! query term matches the proposals that hold all its grams, then the
//! term itself is checked in the text (so 청년일 does not match 청년 … 년일).

use crate::entities::proposal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr, Statement};
use std::collections::BTreeMap;

/// Lower-cases and turns everything but letters and digits into spaces.
pub fn normalize(text: &str) -> String {
    text.chars().map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' }).collect()
}

/// The grams of a piece of text: two-character windows of each word, or the
/// word itself when it has one character.
pub fn grams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in normalize(text).split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() == 1 {
            out.push(word.to_owned());
        } else {
            for w in chars.windows(2) {
                out.push(w.iter().collect());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The search terms of a query: normalised words, at most 8.
pub fn terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in normalize(query).split_whitespace() {
        if !out.iter().any(|t| t == w) {
            out.push(w.to_owned());
        }
    }
    out.truncate(8);
    out
}

/// Rewrites a proposal's grams (title grams marked, for ranking).
pub async fn index(db: &impl ConnectionTrait, p: &proposal::Model) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(backend, "DELETE FROM proposal_grams WHERE proposal_id = $1".replace("$1", placeholder(backend)), [p.id.into()]))
        .await?;
    let mut all: BTreeMap<String, bool> = BTreeMap::new();
    for g in grams(&format!("{}\n{}\n{}", p.problem, p.solution, p.effect)) {
        all.insert(g, false);
    }
    for g in grams(&p.title) {
        all.insert(g, true);
    }
    let rows: Vec<(String, bool)> = all.into_iter().collect();
    for chunk in rows.chunks(400) {
        let mut insert = Query::insert();
        insert.into_table(Alias::new("proposal_grams")).columns([Alias::new("gram"), Alias::new("proposal_id"), Alias::new("in_title")]);
        for (gram, in_title) in chunk {
            insert.values_panic([gram.clone().into(), p.id.into(), (*in_title).into()]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

fn placeholder(backend: sea_orm::DatabaseBackend) -> &'static str {
    match backend {
        sea_orm::DatabaseBackend::Postgres => "$1",
        _ => "?",
    }
}

/// Ids of proposals holding every gram of `term` (before the text check).
pub fn candidates(term: &str) -> Option<SelectStatement> {
    let g = grams(term);
    if g.is_empty() {
        return None;
    }
    if let [one] = g.as_slice() {
        // One gram (a two-syllable word): its posting list as it is.
        return Some(Query::select().column(Alias::new("proposal_id")).from(Alias::new("proposal_grams")).and_where(Expr::col(Alias::new("gram")).eq(one.clone())).to_owned());
    }
    let n = g.len() as i64;
    Some(
        Query::select()
            .column(Alias::new("proposal_id"))
            .from(Alias::new("proposal_grams"))
            .and_where(Expr::col(Alias::new("gram")).is_in(g))
            .group_by_col(Alias::new("proposal_id"))
            .and_having(Expr::cust("COUNT(*)").eq(n))
            .to_owned(),
    )
}

/// `LIKE` pattern for a term (its `%` and `_` cannot occur: terms are letters and digits).
pub fn like(term: &str) -> String {
    format!("%{term}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_syllable_words_are_found_inside_compounds() {
        let g = grams("청년일자리 지원, 세금!");
        assert!(g.contains(&"청년".to_owned()));
        assert!(g.contains(&"일자".to_owned()));
        assert!(g.contains(&"세금".to_owned()));
        assert!(!g.contains(&"원세".to_owned()), "no grams across words");
        assert_eq!(grams("a 가 BC"), ["a", "bc", "가"]);
        assert_eq!(terms("  청년  교통, 청년 "), ["청년", "교통"]);
    }
}
