//! The documents madoguchi writes from templates (minijinja): the mails' text and HTML and
//! the printable day sheet. A template ending in `.html` is escaped as it is written: `&`,
//! `<`, `>`, `"` and `'`, so a name is never markup. The templates are part of the binary.

use std::sync::LazyLock;

use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value,
};
use serde::Serialize;

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut templates = Environment::new();
    templates.set_trim_blocks(true);
    templates.set_lstrip_blocks(true);
    templates.set_keep_trailing_newline(true);
    templates.set_undefined_behavior(UndefinedBehavior::Strict);
    templates.set_formatter(escape_html_text);
    for (name, source) in [
        ("mail.txt", include_str!("mail.txt")),
        ("mail.html", include_str!("mail.html")),
        ("day_sheet.html", include_str!("day_sheet.html")),
    ] {
        if let Err(error) = templates.add_template(name, source) {
            tracing::error!(%error, name, "a template does not parse");
        }
    }
    templates
});

/// HTML escaping of `&`, `<`, `>`, `"` and `'` (as `&#39;`): what text and attribute
/// values need. minijinja's own also writes `/` as `&#x2f;`, which some mail clients show
/// as such in links.
fn escape_html_text(
    out: &mut Output<'_>,
    state: &State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() && !value.is_none() {
        let text = value.to_string();
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        out.write_str(&escaped)
            .map_err(|_| Error::from(ErrorKind::WriteFailure))
    } else {
        minijinja::escape_formatter(out, state, value)
    }
}

/// The template `name` filled in with `context`.
pub fn render(name: &str, context: impl Serialize) -> Result<String, Error> {
    TEMPLATES.get_template(name)?.render(context)
}
