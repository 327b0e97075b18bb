//! The operation manuals (R8.1, R8.5) as HTML under `/help/`: the Markdown of
//! `docs/manual/{ja,en}/*.md` rendered on request, with the screenshots the browser tests
//! make. Staff pages link to their section (`/help/ja/staff-manual#slots`).

use std::path::{Path, PathBuf};

use actix_files::Files;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, web};
use pulldown_cmark::{Options, Parser, html};

use crate::api::error::AppError;

/// The manuals, by file name: (slug, Japanese title, English title).
pub const MANUALS: [(&str, &str, &str); 3] = [
    ("citizen-guide", "Web予約の使い方", "How to book on the web"),
    (
        "operator-manual",
        "電話予約 操作マニュアル",
        "Phone booking manual",
    ),
    (
        "staff-manual",
        "管理操作マニュアル",
        "Administration manual",
    ),
];

const STYLE: &str = include_str!("help.css");

/// Registers `/help/`, `/help/{lang}/{manual}`, the stylesheet and the screenshots.
pub fn configure(config: &mut web::ServiceConfig, manual_dir: &Path) {
    let dir = web::Data::new(ManualDir(manual_dir.to_path_buf()));
    config
        .app_data(dir)
        .route("/help/", web::get().to(index))
        .route("/help/manual.css", web::get().to(stylesheet))
        .service(Files::new(
            "/help/screenshots",
            manual_dir.join("screenshots"),
        ))
        .route("/help/{lang}/{manual}", web::get().to(manual));
}

/// Where the Markdown lives.
#[derive(Debug)]
struct ManualDir(PathBuf);

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .body(STYLE)
}

fn page(lang: &str, title: &str, switch: &str, body: &str) -> HttpResponse {
    let home = if lang == "en" {
        "Back to booking"
    } else {
        "予約サイトへ戻る"
    };
    HttpResponse::Ok().content_type(ContentType::html()).body(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} | madoguchi</title>\n<link rel=\"stylesheet\" href=\"/help/manual.css\">\n</head>\n<body>\n\
         <a class=\"skip-link\" href=\"#main\">{skip}</a>\n\
         <header class=\"site-header\"><a href=\"/help/\">madoguchi ヘルプ / Help</a> {switch} <a href=\"/\">{home}</a></header>\n\
         <main id=\"main\">\n{body}\n</main>\n</body>\n</html>\n",
        skip = if lang == "en" { "Skip to content" } else { "本文へ移動" },
    ))
}

async fn index() -> HttpResponse {
    let items: String = MANUALS
        .iter()
        .map(|(slug, ja, en)| {
            format!(
                "<li><a href=\"/help/ja/{slug}\" lang=\"ja\">{ja}</a> / <a href=\"/help/en/{slug}\" lang=\"en\">{en}</a></li>\n"
            )
        })
        .collect();
    page(
        "ja",
        "マニュアル / Manuals",
        "",
        &format!("<h1>マニュアル / Manuals</h1>\n<ul class=\"manuals\">\n{items}</ul>"),
    )
}

async fn manual(
    dir: web::Data<ManualDir>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (lang, slug) = path.into_inner();
    let known = MANUALS.iter().find(|(name, _, _)| *name == slug);
    let (Some((slug, ja, en)), true) = (known, lang == "ja" || lang == "en") else {
        return Err(AppError::not_found(format!("The manual {lang}/{slug}")));
    };
    let file = dir.0.join(&lang).join(format!("{slug}.md"));
    let markdown = tokio::fs::read_to_string(&file)
        .await
        .map_err(|_| AppError::not_found(format!("The manual {lang}/{slug}")))?;
    let (title, other, other_label) = if lang == "en" {
        (*en, "ja", "日本語")
    } else {
        (*ja, "en", "English")
    };
    let switch = format!("<a href=\"/help/{other}/{slug}\" lang=\"{other}\">{other_label}</a>");
    Ok(page(&lang, title, &switch, &render(&markdown)))
}

/// Markdown to HTML; headings may carry ids (`## 枠の設定 {#slots}`) for deep links.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
}
