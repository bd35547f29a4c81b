//! Korean-aware search: character bigrams. Korean writes compounds without
//! spaces (청년일자리) and many key words have two syllables, which word
//! tokenizers and trigram indexes cannot find. Every findable proposal's
//! text is cut into overlapping two-character grams (one-character words
//! are kept whole) stored in `proposal_grams`, and its title's again in
//! `proposal_title_grams`, on SQLite and PostgreSQL alike. A query matches
//! the proposals that hold every gram of every term; grams never span two
//! words. Without positions, a three-syllable term matches a text holding
//! its two grams apart (청년일 in "청년 … 년일하다") — rare in Korean
//! (measured by `hamkke search-quality`), and what keeps a search at 100,000
//! proposals an index lookup.

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

/// Whether any term has grams (a query of symbols only has none).
pub fn has_grams(terms: &[String]) -> bool {
    terms.iter().any(|t| !grams(t).is_empty())
}

/// Whether the public can find a proposal in this status (drafts and hidden
/// proposals have no grams, so a match never needs a status check).
pub fn searchable(status: &str) -> bool {
    !matches!(status, "draft" | "hidden")
}

/// Rewrites a proposal's grams: all its text in `proposal_grams` (title
/// grams marked), its title again in `proposal_title_grams`; none while it
/// is a draft or hidden. Call it whenever the text or the status changes.
pub async fn index(db: &impl ConnectionTrait, p: &proposal::Model) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for table in ["proposal_grams", "proposal_title_grams"] {
        let sql = format!("DELETE FROM {table} WHERE proposal_id = {}", placeholder(backend));
        db.execute_raw(Statement::from_sql_and_values(backend, sql, [p.id.into()])).await?;
    }
    if !searchable(&p.status) {
        return Ok(());
    }
    let mut all: BTreeMap<String, bool> = BTreeMap::new();
    for g in grams(&format!("{}\n{}\n{}", p.problem, p.solution, p.effect)) {
        all.insert(g, false);
    }
    let title = grams(&p.title);
    for g in &title {
        all.insert(g.clone(), true);
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
    for chunk in title.chunks(400) {
        let mut insert = Query::insert();
        insert.into_table(Alias::new("proposal_title_grams")).columns([Alias::new("gram"), Alias::new("proposal_id")]);
        for gram in chunk {
            insert.values_panic([gram.clone().into(), p.id.into()]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

/// One statement for a search, read from the gram tables' indexes alone:
/// rows `(id, 1)` for every findable proposal holding every gram of every
/// term, and rows `(id, 0)` for those whose title holds every gram of the
/// first term (the caller keeps the second only for ids of the first).
/// Posting lists are joined; the grams are written into the SQL (they are
/// letters and digits only) so the database plans each search with its own
/// grams' frequencies and starts from the rarest. `None` without grams.
pub fn matches_statement(backend: sea_orm::DatabaseBackend, terms: &[String]) -> Option<Statement> {
    let mut all: Vec<String> = terms.iter().flat_map(|t| grams(t)).collect();
    all.sort();
    all.dedup();
    let title: Vec<String> = terms.first().map(|t| grams(t)).unwrap_or_default();
    if all.is_empty() || title.is_empty() {
        return None;
    }
    let chain = |table: &str, grams: &[String], t: u8| {
        let lit = |g: &String| format!("'{}'", g.replace('\'', "''"));
        let mut sql = format!("SELECT g0.proposal_id AS id, CAST({t} AS BIGINT) AS t FROM {table} g0");
        for (i, g) in grams.iter().enumerate().skip(1) {
            sql.push_str(&format!(" JOIN {table} g{i} ON g{i}.proposal_id = g0.proposal_id AND g{i}.gram = {}", lit(g)));
        }
        sql.push_str(&format!(" WHERE g0.gram = {}", lit(&grams[0])));
        sql
    };
    let sql = format!("{} UNION ALL {}", chain("proposal_grams", &all, 1), chain("proposal_title_grams", &title, 0));
    Some(Statement::from_string(backend, sql))
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
