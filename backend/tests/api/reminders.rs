//! The day-before reminder (R7.4-コ) and the scheduled-job runs behind it.

use chrono::Days;
use futures::future::join_all;
use madoguchi_backend::db::outbox;
use madoguchi_backend::jobs;
use madoguchi_shared::dto::jobs::JobRun;
use madoguchi_shared::dto::reservation::{CreateReservationRequest, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::time::japan;
use reqwest::Method;
use rstest::rstest;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{Db, SmtpSink, booking, change_slot, free_port, phone, spawn_app_with};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_ko_the_day_before_reminder_goes_once_and_never_for_a_cancelled_or_moved_visit(
    #[case] db: Db,
) {
    let app = spawn_app_with(
        db,
        &[("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0")],
    )
    .await;
    let operator = app.token_for(StaffRole::Operator).await;
    let tomorrow = jobs::tomorrow(app.today());
    let later = tomorrow.checked_add_days(Days::new(1)).expect("date");
    app.open_band(tomorrow, "09:00", "09:30", 6, 0).await;
    app.open_band(later, "09:00", "09:30", 6, 0).await;
    let book = |body: CreateReservationRequest| {
        let (app, operator) = (&app, &operator);
        async move {
            let created: ReservationWithAccess = app
                .book(&body, Some(operator))
                .await
                .json()
                .await
                .expect("json");
            created.reservation.number
        }
    };
    let kept = book(booking(tomorrow, "09:00", 1, &phone(1))).await;
    let cancelled = book(booking(tomorrow, "09:00", 1, &phone(2))).await;
    let moved = book(booking(tomorrow, "09:00", 1, &phone(3))).await;
    let mut no_email = booking(tomorrow, "09:00", 1, &phone(4));
    no_email.contact.remove("email");
    book(no_email).await;
    book(booking(later, "09:00", 1, &phone(5))).await;
    let cancel_path = format!("/api/v1/reservations/{cancelled}/cancel");
    assert_eq!(
        app.send(Method::POST, &cancel_path, Some(&operator), None)
            .await
            .status(),
        200
    );

    let notifier = app.notifier();
    assert_eq!(
        jobs::queue_reminders(&app.db, &notifier, tomorrow)
            .await
            .expect("queue"),
        2,
        "kept and moved"
    );
    assert_eq!(
        jobs::queue_reminders(&app.db, &notifier, tomorrow)
            .await
            .expect("queue"),
        0,
        "never twice"
    );

    // Moved to the day after once the reminder was queued: it must not go.
    let change_path = format!("/api/v1/reservations/{moved}/change");
    assert_eq!(
        app.send_json(
            Method::POST,
            &change_path,
            Some(&operator),
            &change_slot(later, "09:00")
        )
        .await
        .status(),
        200
    );

    let sink = SmtpSink::start(free_port()).await;
    let worker = app.mail_worker(&sink.url());
    while worker.run_once(50).await.expect("pass").sent > 0 {}
    let reminders = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("reminder"))
        .all(&app.db)
        .await
        .expect("query");
    let outcome: Vec<(bool, &str)> = reminders
        .iter()
        .map(|mail| (mail.subject.contains(&kept), mail.status.as_str()))
        .collect();
    assert!(outcome.contains(&(true, "sent")), "{outcome:?}");
    assert!(
        outcome.contains(&(false, "skipped")),
        "the moved visit's reminder is dropped: {outcome:?}"
    );
    // Four booking mails, the cancellation, the change, and the one reminder still true.
    assert_eq!(sink.received().len(), 7);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_scheduled_run_happens_once_however_many_replicas_fire_it_and_city_staff_see_it(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[]).await;
    let runs = join_all((0..3).map(|_| {
        let (db, clock) = (app.db.clone(), app.clock.clone());
        async move {
            jobs::run_once(&db, &clock, "reminders", "reminders:2026-12-01", || async {
                Ok("queued 0".to_owned())
            })
            .await
            .expect("runs")
        }
    }))
    .await;
    assert_eq!(
        runs.iter().filter(|run| run.is_some()).count(),
        1,
        "{runs:?}"
    );

    let city = app.token_for(StaffRole::CityStaff).await;
    let listed: Vec<JobRun> = app
        .get_as("/api/v1/jobs/runs", &city)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].outcome.as_str(), listed[0].detail.as_deref()),
        ("ok", Some("queued 0"))
    );
    assert!(listed[0].finished_at.is_some());
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r13_personal_data_is_removed_after_the_retention_period_and_the_figures_stay(
    #[case] db: Db,
) {
    use madoguchi_backend::db::{reservation, reservation_history, reservation_member, slot};
    use sea_orm::ActiveModelTrait;
    let app = spawn_app_with(
        db,
        &[("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0")],
    )
    .await;
    let days = app.office_days(7, 2);
    let old: ReservationWithAccess = app
        .book(&booking(days[0], "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let recent: ReservationWithAccess = app
        .book(&booking(days[1], "09:00", 1, &phone(2)), None)
        .await
        .json()
        .await
        .expect("json");
    // Age the first visit by two years, as if it happened long ago.
    let old_row = reservation::Entity::find()
        .filter(reservation::Column::Number.eq(old.reservation.number.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    let two_years_ago = old.reservation.date - chrono::Duration::days(730);
    slot::ActiveModel {
        id: sea_orm::Set(old_row.slot_id),
        date: sea_orm::Set(two_years_ago),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .expect("age the slot");
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            sea_orm::sea_query::Expr::value("sent"),
        )
        .col_expr(
            outbox::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(app.now() - chrono::Duration::days(730)),
        )
        .filter(outbox::Column::ReservationId.eq(old_row.id))
        .exec(&app.db)
        .await
        .expect("age its mail");

    let cutoff = app.today() - chrono::Duration::days(365);
    let purged = jobs::anonymise_before(&app.db, cutoff, app.now())
        .await
        .expect("purge");
    assert_eq!((purged.reservations, purged.mails), (1, 1));
    assert_eq!(
        jobs::anonymise_before(&app.db, cutoff, app.now())
            .await
            .expect("again"),
        jobs::Purged::default(),
        "idempotent"
    );

    let aged = reservation::Entity::find_by_id(old_row.id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(
        (
            aged.contact_json.as_str(),
            aged.phone_digits,
            aged.email,
            aged.name
        ),
        ("{}", None, None, None)
    );
    assert_eq!(aged.units, 2, "the figures stay");
    let names: Vec<String> = reservation_member::Entity::find()
        .filter(reservation_member::Column::ReservationId.eq(old_row.id))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|member| member.name)
        .collect();
    assert_eq!(names, vec!["—", "—"]);
    let history = reservation_history::Entity::find()
        .filter(reservation_history::Column::ReservationId.eq(old_row.id))
        .all(&app.db)
        .await
        .expect("query");
    assert!(
        history
            .iter()
            .all(|row| row.after_json.is_none() && row.before_json.is_none())
    );
    assert_eq!(history[0].action, "create", "who did what stays");

    let kept = reservation::Entity::find()
        .filter(reservation::Column::Number.eq(recent.reservation.number.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_ne!(kept.contact_json, "{}", "recent bookings keep their data");
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_run_is_tried_again_the_same_day_and_a_crashed_run_is_taken_over_once_its_lease_lapses(
    #[case] db: Db,
) {
    use madoguchi_backend::db::job_run;
    use madoguchi_backend::service::error::ServiceError;
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app_with(db, &[]).await;
    let failing = jobs::run_once(&app.db, &app.clock, "reminders", "reminders:x", || async {
        Err(ServiceError::Unavailable("SMTP down".to_owned()))
    })
    .await;
    assert!(failing.is_err());
    // Three replicas find the failed run due again: one of them runs it.
    let retries = join_all((0..3).map(|_| {
        let (db, clock) = (app.db.clone(), app.clock.clone());
        async move {
            jobs::run_once(&db, &clock, "reminders", "reminders:x", || async {
                Ok("queued 1".to_owned())
            })
            .await
            .expect("runs")
        }
    }))
    .await;
    assert_eq!(
        retries.iter().filter(|run| run.is_some()).count(),
        1,
        "{retries:?}"
    );
    let done = jobs::run_once(&app.db, &app.clock, "reminders", "reminders:x", || async {
        Ok("again".to_owned())
    })
    .await
    .expect("runs");
    assert_eq!(done, None, "a run that succeeded is not run again");

    // A replica died mid-run: its row says running, under a lease.
    job_run::ActiveModel {
        job: Set("retention".to_owned()),
        run_key: Set("retention:y".to_owned()),
        started_at: Set(app.now()),
        finished_at: Set(None),
        outcome: Set("running".to_owned()),
        detail: Set(None),
        lease_until: Set(Some(app.now() + jobs::RUN_LEASE)),
        attempts: Set(1),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("a crashed run");
    let run = |app: &crate::helpers::TestApp| {
        let (db, clock) = (app.db.clone(), app.clock.clone());
        async move {
            jobs::run_once(&db, &clock, "retention", "retention:y", || async {
                Ok("purged".to_owned())
            })
            .await
            .expect("runs")
        }
    };
    assert_eq!(run(&app).await, None, "its lease is still live");
    app.clock
        .advance(jobs::RUN_LEASE + chrono::TimeDelta::minutes(1));
    assert_eq!(run(&app).await.as_deref(), Some("purged"), "taken over");
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_ko_reminders_missed_at_ten_go_out_when_a_replica_comes_up_later_that_day(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[]).await;
    let today = app.today();
    let at = |hour: u32, minute: u32| {
        today
            .and_hms_opt(hour, minute, 0)
            .expect("a time")
            .and_local_timezone(japan())
            .single()
            .expect("Japan time")
            .to_utc()
    };
    app.clock.set(at(9, 30));
    let operator = app.token_for(StaffRole::Operator).await;
    let tomorrow = jobs::tomorrow(today);
    app.open_band(tomorrow, "09:00", "09:30", 4, 0).await;
    assert_eq!(
        app.book(&booking(tomorrow, "09:00", 1, &phone(1)), Some(&operator))
            .await
            .status(),
        201
    );
    let schedule = jobs::Schedule {
        reminder_time: chrono::NaiveTime::from_hms_opt(10, 0, 0).expect("10:00"),
        retention_days: 365,
        audit_retention_days: 1825,
    };
    let notifier = app.notifier();
    let ran = |outcomes: Vec<(
        &'static str,
        Result<Option<String>, madoguchi_backend::service::error::ServiceError>,
    )>| {
        outcomes
            .into_iter()
            .filter_map(|(job, outcome)| outcome.expect("no failure").map(|detail| (job, detail)))
            .collect::<Vec<_>>()
    };
    let before_ten = ran(jobs::run_due(&app.db, &app.clock, &notifier, schedule).await);
    assert!(
        before_ten.iter().all(|(job, _)| *job != "reminders"),
        "not due at 09:30: {before_ten:?}"
    );
    // The server was down at 10:00; it comes up at 11:30.
    app.clock.set(at(11, 30));
    let caught_up = ran(jobs::run_due(&app.db, &app.clock, &notifier, schedule).await);
    assert!(
        caught_up
            .iter()
            .any(|(job, detail)| *job == "reminders" && detail.starts_with("1 reminders")),
        "{caught_up:?}"
    );
    let again = ran(jobs::run_due(&app.db, &app.clock, &notifier, schedule).await);
    assert!(again.is_empty(), "each run once: {again:?}");
    let reminders = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("reminder"))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(reminders.len(), 1);
}
