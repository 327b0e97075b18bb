//! Emails (R7.4-コ) through the outbox, delivered to a real SMTP server.

use futures::future::join_all;
use madoguchi_backend::db::outbox;
use madoguchi_backend::mail::worker::OutboxWorker;
use madoguchi_shared::dto::reservation::{Language, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use mailparse::{MailHeaderMap, ParsedMail, parse_mail};
use rstest::rstest;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::Expr};

use crate::helpers::{
    Db, SmtpSink, TestApp, booking, change_slot, free_port, phone, spawn_app, spawn_app_with,
};

const FROM: &str = "Madoguchi Test <noreply@madoguchi.test>";

async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .expect("outbox")
}

fn part<'a>(mail: &'a ParsedMail<'a>, mime: &str) -> Option<&'a ParsedMail<'a>> {
    if mail.ctype.mimetype == mime {
        return Some(mail);
    }
    mail.subparts.iter().find_map(|sub| part(sub, mime))
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_ko_a_booking_mails_the_citizen_in_japanese_with_what_to_bring_and_an_ics(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let created: ReservationWithAccess = app
        .book(&booking(app.office_day(7), "10:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let rows = outbox_rows(&app).await;
    assert_eq!(
        rows.len(),
        1,
        "written with the booking, in its transaction"
    );
    assert_eq!(
        (rows[0].kind.as_str(), rows[0].status.as_str()),
        ("booked", "pending")
    );

    let sink = SmtpSink::start(free_port()).await;
    let worker = OutboxWorker::new(
        app.db.clone(),
        &sink.url(),
        FROM,
        &app.settings.public_url,
        app.clock.clone(),
    )
    .expect("worker");
    assert_eq!(worker.run_once(10).await.expect("pass").sent, 1);

    let received = sink.received();
    assert_eq!(received.len(), 1);
    let mail = parse_mail(&received[0]).expect("a MIME message");
    let subject = mail.headers.get_first_value("Subject").expect("subject");
    assert!(
        subject.contains("予約が完了しました") && subject.contains(&created.reservation.number),
        "{subject}"
    );
    assert_eq!(
        mail.headers.get_first_value("To").as_deref(),
        Some("09000000001@example.jp")
    );
    let text = part(&mail, "text/plain")
        .expect("plain text")
        .get_body()
        .expect("decoded");
    assert!(
        text.contains(&created.reservation.number) && text.contains("交付通知書"),
        "{text}"
    );
    assert!(
        text.contains("/reservations/") && text.contains("#token="),
        "the signed link"
    );
    let html = part(&mail, "text/html")
        .expect("html")
        .get_body()
        .expect("decoded");
    assert!(html.contains("<strong style=\"font-size:20px\">"));
    let ics = part(&mail, "text/calendar")
        .expect("the .ics attachment")
        .get_body()
        .expect("decoded");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains(&created.reservation.number));
    assert_eq!(outbox_rows(&app).await[0].status, "sent");
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r7_4_ko_english_bookings_get_english_mail_and_changes_are_mailed_too(#[case] db: Db) {
    let app = spawn_app(db).await;
    let mut body = booking(app.office_day(7), "10:00", 1, &phone(2));
    body.language = Language::En;
    let created: ReservationWithAccess = app.book(&body, None).await.json().await.expect("json");
    let path = format!("/api/v1/reservations/{}", created.reservation.number);
    let token = Some(created.access_token.as_str());
    assert_eq!(
        app.send_json(
            reqwest::Method::POST,
            &format!("{path}/change"),
            token,
            &change_slot(app.office_day(7), "11:00")
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.send(
            reqwest::Method::POST,
            &format!("{path}/cancel"),
            token,
            None
        )
        .await
        .status(),
        200
    );

    let kinds: Vec<String> = outbox_rows(&app)
        .await
        .into_iter()
        .map(|row| row.kind)
        .collect();
    assert_eq!(kinds, vec!["booked", "changed", "cancelled"]);
    let rows = outbox_rows(&app).await;
    assert!(
        rows[0]
            .subject
            .contains("Your My Number Card appointment is booked"),
        "{}",
        rows[0].subject
    );
    assert!(
        rows[1].body_text.contains("11:00"),
        "the change mail names the new time"
    );
    // One calendar event all along: the change raises its SEQUENCE, the cancellation
    // cancels it, so the citizen's calendar app follows.
    let events: Vec<(String, String, String)> = rows
        .iter()
        .map(|row| {
            let ics = row.ics.as_deref().expect("every mail carries the event");
            let line = |name: &str| {
                ics.lines()
                    .find_map(|line| line.strip_prefix(&format!("{name}:")))
                    .unwrap_or_default()
                    .trim_end()
                    .to_owned()
            };
            (line("METHOD"), line("SEQUENCE"), line("UID"))
        })
        .collect();
    let uid = format!("{}@madoguchi", created.reservation.number);
    assert_eq!(
        events,
        vec![
            ("PUBLISH".to_owned(), "0".to_owned(), uid.clone()),
            ("PUBLISH".to_owned(), "1".to_owned(), uid.clone()),
            ("CANCEL".to_owned(), "2".to_owned(), uid),
        ]
    );

    let mut no_email = booking(app.office_day(8), "10:00", 1, &phone(3));
    no_email.contact.remove("email");
    assert_eq!(app.book(&no_email, None).await.status(), 201);
    assert_eq!(outbox_rows(&app).await.len(), 3, "no address, no mail");
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_mail_waits_while_smtp_is_down_and_is_delivered_once_when_it_is_back(#[case] db: Db) {
    let app = spawn_app(db).await;
    app.book(&booking(app.office_day(7), "10:00", 1, &phone(4)), None)
        .await;
    let port = free_port();
    let worker = OutboxWorker::new(
        app.db.clone(),
        &format!("smtp://127.0.0.1:{port}"),
        FROM,
        &app.settings.public_url,
        app.clock.clone(),
    )
    .expect("worker");

    let down = worker.run_once(10).await.expect("pass");
    assert_eq!((down.sent, down.failed), (0, 1));
    let row = &outbox_rows(&app).await[0];
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert!(
        row.next_attempt_at > app.now(),
        "retried later, not at once"
    );
    assert!(row.last_error.is_some());
    assert_eq!(
        worker.run_once(10).await.expect("pass"),
        Default::default(),
        "not due yet"
    );

    let sink = SmtpSink::start(port).await;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(app.now()))
        .exec(&app.db)
        .await
        .expect("make it due");
    assert_eq!(worker.run_once(10).await.expect("pass").sent, 1);
    assert_eq!(
        worker.run_once(10).await.expect("pass").sent,
        0,
        "nothing twice"
    );
    assert_eq!(sink.received().len(), 1);
    assert_eq!(outbox_rows(&app).await[0].attempts, 2);
}

#[rstest]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_postgres_deliver_each_mail_exactly_once(#[case] db: Db) {
    let app = spawn_app_with(db, &[]).await;
    let now = app.now();
    for n in 0..30 {
        outbox::Entity::insert(outbox::ActiveModel {
            kind: Set("booked".to_owned()),
            reservation_id: Set(None),
            to_address: Set(format!("citizen{n}@example.jp")),
            subject: Set(format!("テスト {n}")),
            body_text: Set("本文".to_owned()),
            body_html: Set("<p>本文</p>".to_owned()),
            ics: Set(None),
            dedupe_key: Set(None),
            status: Set("pending".to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            sent_at: Set(None),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .expect("insert");
    }
    let sink = SmtpSink::start(free_port()).await;
    let workers: Vec<OutboxWorker> = (0..2)
        .map(|_| {
            OutboxWorker::new(
                app.db.clone(),
                &sink.url(),
                FROM,
                &app.settings.public_url,
                app.clock.clone(),
            )
            .expect("worker")
        })
        .collect();
    let passes = join_all(workers.iter().map(|worker| async move {
        let mut sent = 0;
        loop {
            let pass = worker.run_once(3).await.expect("pass");
            if pass.sent == 0 {
                return sent;
            }
            sent += pass.sent;
        }
    }))
    .await;
    assert_eq!(passes.iter().sum::<usize>(), 30, "{passes:?}");
    assert!(
        passes.iter().all(|sent| *sent > 0),
        "both workers took part: {passes:?}"
    );
    let received = sink.received();
    assert_eq!(received.len(), 30);
    let mut ids: Vec<String> = received
        .iter()
        .map(|raw| {
            parse_mail(raw)
                .expect("mime")
                .headers
                .get_first_value("Message-ID")
                .expect("id")
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "no mail twice");
    let sent = outbox::Entity::find()
        .filter(outbox::Column::Status.eq("sent"))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(sent.len(), 30);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn an_operator_booking_for_a_caller_with_an_email_mails_them_too(#[case] db: Db) {
    let app = spawn_app(db).await;
    let operator = app.token_for(StaffRole::Operator).await;
    assert_eq!(
        app.book(
            &booking(app.office_day(7), "10:00", 1, &phone(5)),
            Some(&operator)
        )
        .await
        .status(),
        201
    );
    assert_eq!(outbox_rows(&app).await.len(), 1);
}

/// Queues `count` mails straight into the outbox, to `citizen{n}@example.jp` unless told.
async fn queue_mails(app: &TestApp, count: usize, to: impl Fn(usize) -> String) {
    let now = app.now();
    for n in 0..count {
        outbox::Entity::insert(outbox::ActiveModel {
            kind: Set("booked".to_owned()),
            reservation_id: Set(None),
            to_address: Set(to(n)),
            subject: Set(format!("テスト {n}")),
            body_text: Set("本文".to_owned()),
            body_html: Set("<p>本文</p>".to_owned()),
            ics: Set(None),
            dedupe_key: Set(None),
            status: Set("pending".to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            sent_at: Set(None),
            claim_token: Set(None),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .expect("insert");
    }
}

/// How many times each subject arrived at the sink.
fn arrivals(sink: &SmtpSink) -> std::collections::BTreeMap<String, usize> {
    let mut seen = std::collections::BTreeMap::new();
    for raw in sink.received() {
        let parsed = parse_mail(&raw).expect("a mail");
        let subject = parsed
            .headers
            .get_first_value("Subject")
            .unwrap_or_default();
        *seen.entry(subject).or_insert(0) += 1;
    }
    seen
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invariant_5_two_workers_and_a_slow_smtp_server_deliver_every_mail_exactly_once_even_when_a_batch_outlasts_five_minutes(
    #[case] db: Db,
) {
    use crate::helpers::SinkBehaviour;
    let app = spawn_app_with(db, &[]).await;
    queue_mails(&app, 6, |n| format!("citizen{n}@example.jp")).await;
    let sink = SmtpSink::start_with(
        free_port(),
        SinkBehaviour {
            delay_seconds: 1.0,
            reject: None,
        },
    )
    .await;
    // Sends cut off after a minute: a claim of six mails lasts seven.
    let minute = std::time::Duration::from_secs(60);
    let (first, second) = (
        app.mail_worker(&sink.url()).with_send_timeout(minute),
        app.mail_worker(&sink.url()).with_send_timeout(minute),
    );
    // The first worker takes the whole batch and sends it a second a mail...
    let slow_batch = tokio::spawn(async move { first.run_once(6).await.expect("pass") });
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    // ...while the clock says six minutes have gone by, and a second worker looks for work.
    app.clock.advance(chrono::TimeDelta::minutes(6));
    let mut sent_by_second = second.run_once(6).await.expect("pass").sent;
    let sent_by_first = slow_batch.await.expect("joined").sent;
    while let Ok(pass) = second.run_once(6).await
        && pass.sent > 0
    {
        sent_by_second += pass.sent;
    }
    let arrived = arrivals(&sink);
    assert_eq!(
        (arrived.len(), arrived.values().max().copied()),
        (6, Some(1)),
        "every mail once: {arrived:?} (first worker sent {sent_by_first}, second {sent_by_second})"
    );
    assert!(
        outbox_rows(&app)
            .await
            .iter()
            .all(|row| row.status == "sent"),
        "all recorded as sent"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_permanent_smtp_refusal_fails_the_mail_at_once_instead_of_retrying(#[case] db: Db) {
    use crate::helpers::SinkBehaviour;
    let app = spawn_app_with(db, &[]).await;
    queue_mails(&app, 2, |n| {
        if n == 0 {
            "nobody@example.jp".to_owned()
        } else {
            "somebody@example.jp".to_owned()
        }
    })
    .await;
    let sink = SmtpSink::start_with(
        free_port(),
        SinkBehaviour {
            delay_seconds: 0.0,
            reject: Some("nobody"),
        },
    )
    .await;
    let pass = app
        .mail_worker(&sink.url())
        .run_once(10)
        .await
        .expect("pass");
    assert_eq!((pass.sent, pass.failed), (1, 1));
    let rows = outbox_rows(&app).await;
    assert_eq!(
        (rows[0].status.as_str(), rows[0].attempts),
        ("failed", 1),
        "a 550 is final: {:?}",
        rows[0].last_error
    );
    assert_eq!(rows[1].status, "sent");
}
