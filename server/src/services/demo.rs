//! `hamkke seed-demo`: a believable demo site — two processes, real
//! petitions (the attributed sample in `server/data/`) as proposals, demo
//! citizens who support and discuss them. Runs once; a second run changes
//! nothing.

use crate::entities::{comment, process, process_phase, proposal, user};
use crate::error::Result;
use crate::services::import::{self, ImportOptions};
use crate::services::{markdown, notifications};
use chrono::{Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

/// The sample, compiled into the binary so the demo needs no files.
const SAMPLE: &str = include_str!("../../data/demo-proposals.jsonl");
const DEMO_SLUG: &str = "2026-national-proposals";

/// Comments demo citizens write, with their alignment.
const COMMENTS: [(&str, &str); 12] = [
    ("for", "저도 같은 불편을 겪었습니다. 꼭 개선되었으면 합니다."),
    ("for", "관계 기관이 함께 검토하면 **빠르게** 해결할 수 있을 것 같습니다."),
    ("against", "취지에는 공감하지만 예산이 얼마나 드는지 먼저 따져 봐야 합니다."),
    ("neutral", "비슷한 제도가 다른 지자체에 있는지 찾아보면 좋겠습니다."),
    ("for", "현장에서 일하는 사람으로서 꼭 필요한 제안이라고 생각합니다."),
    ("against", "이미 관련 법이 있어서 새 제도보다 기존 제도 홍보가 먼저입니다."),
    ("neutral", "찬반 의견을 더 들어 보고 싶습니다. 구체적인 자료가 있을까요?"),
    ("for", "청년 입장에서 체감할 수 있는 변화가 될 것 같아요."),
    ("against", "특정 집단에만 혜택이 가는 것 아닌지 걱정됩니다."),
    ("for", "단계적으로 시범 운영해 보면 어떨까요?"),
    ("neutral", "담당 부처의 공식 답변을 기다려 봅니다."),
    ("for", "주변에도 같은 의견인 사람이 많습니다."),
];

/// What the demo added.
pub struct DemoReport {
    pub created: bool,
    pub proposals: u64,
    pub citizens: u64,
}

/// Seeds the demo (once).
pub async fn seed(db: &DatabaseConnection) -> Result<DemoReport> {
    if process::Entity::find().filter(process::Column::Slug.eq(DEMO_SLUG)).one(db).await?.is_some() {
        return Ok(DemoReport { created: false, proposals: 0, citizens: 0 });
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let main = process::ActiveModel {
        slug: Set(DEMO_SLUG.into()),
        title: Set("2026 정부혁신 국민제안".into()),
        description: Set("국민 누구나 정부혁신 과제를 제안하고, 토론하고, 공감합니다. 공감 20개를 넘은 제안은 심사에 올라갑니다.".into()),
        area_code: Set(None),
        region_code: Set(None),
        propose_level: Set("unverified".into()),
        support_level: Set("unverified".into()),
        support_threshold: Set(20),
        supports_per_person: Set(None),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let collab = process::ActiveModel {
        slug: Set("2026-collaboration-tasks".into()),
        title: Set("2026 협업과제 공모".into()),
        description: Set("여러 기관이 함께 풀어야 할 협업과제를 공모합니다. 공감은 한 사람이 다섯 개까지 할 수 있습니다.".into()),
        area_code: Set(Some("work_practice".into())),
        region_code: Set(None),
        propose_level: Set("unverified".into()),
        support_level: Set("unverified".into()),
        support_threshold: Set(30),
        supports_per_person: Set(Some(5)),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let phases = [
        (main.id, "intake", now - Duration::days(30), now + Duration::days(30)),
        (main.id, "deliberation", now + Duration::days(30), now + Duration::days(45)),
        (main.id, "review", now + Duration::days(45), now + Duration::days(60)),
        (collab.id, "intake", now - Duration::days(10), now + Duration::days(50)),
    ];
    for (pid, kind, s, e) in phases {
        process_phase::ActiveModel { process_id: Set(pid), kind: Set(kind.into()), starts_at: Set(s), ends_at: Set(e), ..Default::default() }
            .insert(&txn)
            .await?;
    }
    let mut citizens = Vec::new();
    for i in 1..=30 {
        let u = user::ActiveModel {
            email: Set(format!("demo-citizen-{i:02}@demo.hamkke.invalid")),
            display_name: Set(format!("시민{i:02}")),
            password_hash: Set(None),
            verification_level: Set(if i % 3 == 0 { "verified" } else { "unverified" }.into()),
            locale: Set("ko".into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        citizens.push(u.id);
    }
    txn.commit().await?;

    let rows: Vec<_> = SAMPLE
        .lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, serde_json::from_str(l).map_err(|e| format!("not JSON: {e}"))))
        .collect();
    let report = import::import_proposals(db, rows, &ImportOptions { process_slug: DEMO_SLUG, author_email: None, limit: None }, |_, _| {}).await?;
    let proposals = proposal::Entity::find().filter(proposal::Column::ProcessId.eq(main.id)).order_by_asc(proposal::Column::Id).all(db).await?;

    // Supports: a deterministic spread, a few proposals popular.
    let txn = db.begin().await?;
    for (pi, p) in proposals.iter().enumerate() {
        let fans = (pi * 7 + 3) % citizens.len();
        for (ci, uid) in citizens.iter().enumerate().take(fans) {
            if (ci + pi) % 4 == 3 {
                continue;
            }
            txn.execute(
                Query::insert()
                    .into_table(Alias::new("supports"))
                    .columns([Alias::new("proposal_id"), Alias::new("user_id"), Alias::new("created_at")])
                    .values_panic([p.id.into(), (*uid).into(), (now - Duration::hours((ci * 3) as i64)).into()])
                    .on_conflict(OnConflict::columns([Alias::new("proposal_id"), Alias::new("user_id")]).do_nothing().to_owned()),
            )
            .await?;
            txn.execute(
                Query::insert()
                    .into_table(Alias::new("support_counts"))
                    .columns([Alias::new("proposal_id"), Alias::new("shard"), Alias::new("n")])
                    .values_panic([p.id.into(), uid.rem_euclid(16).into(), 1.into()])
                    .on_conflict(
                        OnConflict::columns([Alias::new("proposal_id"), Alias::new("shard")])
                            .value(Alias::new("n"), Expr::col((Alias::new("support_counts"), Alias::new("n"))).add(1))
                            .to_owned(),
                    ),
            )
            .await?;
            notifications::follow(&txn, *uid, p.id).await?;
        }
        // Comments on every other proposal, with a reply.
        if pi % 2 == 0 {
            let mut parent: Option<comment::Model> = None;
            for k in 0..3 {
                let (alignment, body) = COMMENTS[(pi + k * 5) % COMMENTS.len()];
                let author = citizens[(pi * 3 + k * 11) % citizens.len()];
                let c = comment::ActiveModel {
                    proposal_id: Set(p.id),
                    parent_id: Set(if k == 2 { parent.as_ref().map(|c| c.id) } else { None }),
                    author_id: Set(author),
                    body: Set(body.into()),
                    body_html: Set(markdown::render(body)),
                    alignment: Set(alignment.into()),
                    depth: Set(if k == 2 && parent.is_some() { 1 } else { 0 }),
                    up: Set(((pi + k) % 5) as i32),
                    down: Set(((pi + k) % 2) as i32),
                    reply_count: Set(0),
                    created_at: Set(now - Duration::minutes((90 - k * 20) as i64)),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                if k == 0 {
                    parent = Some(c);
                }
            }
            if let Some(pc) = &parent {
                comment::Entity::update_many().col_expr(comment::Column::ReplyCount, Expr::value(1)).filter(comment::Column::Id.eq(pc.id)).exec(&txn).await?;
            }
            proposal::Entity::update_many().col_expr(proposal::Column::CommentCount, Expr::value(3)).filter(proposal::Column::Id.eq(p.id)).exec(&txn).await?;
        }
    }
    txn.execute_unprepared(
        "UPDATE proposals SET support_count = (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM support_counts WHERE support_counts.proposal_id = proposals.id)",
    )
    .await?;
    // Past the threshold: under review, with the timeline entry.
    let popular = proposal::Entity::find()
        .filter(proposal::Column::ProcessId.eq(main.id))
        .filter(proposal::Column::SupportCount.gte(main.support_threshold))
        .all(&txn)
        .await?;
    for p in popular {
        proposal::Entity::update_many().col_expr(proposal::Column::Status, Expr::value("under_review")).filter(proposal::Column::Id.eq(p.id)).exec(&txn).await?;
        crate::entities::proposal_event::ActiveModel {
            proposal_id: Set(p.id),
            kind: Set("threshold_reached".into()),
            from_status: Set(Some("published".into())),
            to_status: Set(Some("under_review".into())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(DemoReport { created: true, proposals: report.created, citizens: citizens.len() as u64 })
}
