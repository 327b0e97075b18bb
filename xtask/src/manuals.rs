//! The manuals' stale check (issue 7): every screenshot a manual shows must have been
//! produced by this run of the browser tests, every screen it names must still exist in the
//! SPA, and every staff page's help link must land on a section of its manual.

use std::collections::BTreeSet;
use std::path::Path;

use madoguchi_shared::console::ConsolePage;

/// What the SPA offers, read from its sources.
#[derive(Debug, Default)]
pub struct Screens {
    /// Steps of `/book/{step}`.
    pub booking_steps: BTreeSet<String>,
    /// Pages of `/staff/{page}`.
    pub staff_pages: BTreeSet<String>,
    /// Staff pages whose help is in the operator's manual.
    pub operator_sections: BTreeSet<String>,
}

/// The quoted strings of the first line of `source` that contains `marker`, up to `]`.
fn quoted_list(source: &str, marker: &str) -> BTreeSet<String> {
    let Some(start) = source.find(marker) else {
        return BTreeSet::new();
    };
    let rest = &source[start..];
    let end = rest.find("];").unwrap_or(rest.len());
    rest[..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

impl Screens {
    /// Reads the booking steps from the SPA under `frontend`; the console's pages come from
    /// `shared::console`, the table the SPA's router uses.
    pub fn read(frontend: &Path) -> Result<Screens, String> {
        let read = |path: &str| {
            std::fs::read_to_string(frontend.join(path))
                .map_err(|error| format!("read frontend/{path}: {error}"))
        };
        let mut booking_steps =
            quoted_list(&read("src/pages/booking/steps.rs")?, "pub const STEPS");
        booking_steps.insert("done".to_owned());
        Ok(Screens {
            booking_steps,
            staff_pages: ConsolePage::ALL
                .iter()
                .map(|page| page.segment().to_owned())
                .collect(),
            operator_sections: ConsolePage::ALL
                .into_iter()
                .filter(|page| page.in_operator_manual())
                .map(|page| page.segment().to_owned())
                .collect(),
        })
    }

    /// Whether a path of the SPA names a screen that exists.
    pub fn exists(&self, path: &str) -> bool {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [""] | ["reservations"] | ["reservations", _] | ["staff"] | ["staff", "login"] => true,
            ["book", step] => self.booking_steps.contains(*step),
            ["staff", page] => self.staff_pages.contains(*page),
            ["help", ..] => true,
            _ => false,
        }
    }
}

/// Screenshot file names a manual shows: `](../screenshots/NAME.png)`.
pub fn screenshot_refs(markdown: &str) -> Vec<String> {
    markdown
        .split("](../screenshots/")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(str::to_owned)
        .collect()
}

/// Screens a manual names, written as code: `` `/staff/slots` ``.
pub fn screen_refs(markdown: &str) -> Vec<String> {
    markdown
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| code.starts_with('/') && !code.starts_with("/api") && !code.contains(' '))
        .map(str::to_owned)
        .collect()
}

/// Section ids of a manual: `{#id}` after a heading.
pub fn section_ids(markdown: &str) -> BTreeSet<String> {
    markdown
        .lines()
        .filter(|line| line.starts_with('#'))
        .filter_map(|line| line.split("{#").nth(1))
        .filter_map(|rest| rest.split('}').next())
        .map(str::to_owned)
        .collect()
}

/// Every problem found in the manuals under `manual_dir`, given the screenshots this run
/// produced.
pub fn problems(
    manual_dir: &Path,
    screens: &Screens,
    produced: &BTreeSet<String>,
) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for lang in ["ja", "en"] {
        for (manual, required) in [
            ("citizen-guide", BTreeSet::new()),
            ("operator-manual", screens.operator_sections.clone()),
            ("staff-manual", screens.staff_pages.clone()),
        ] {
            let file = manual_dir.join(lang).join(format!("{manual}.md"));
            let text = std::fs::read_to_string(&file)
                .map_err(|error| format!("read {}: {error}", file.display()))?;
            let name = format!("docs/manual/{lang}/{manual}.md");
            for shot in screenshot_refs(&text) {
                if !produced.contains(&shot) {
                    problems.push(format!(
                        "{name} shows screenshots/{shot}, which the browser tests no longer produce"
                    ));
                }
            }
            for screen in screen_refs(&text) {
                if !screens.exists(&screen) {
                    problems.push(format!(
                        "{name} names the screen {screen}, which no longer exists"
                    ));
                }
            }
            let ids = section_ids(&text);
            for section in required.difference(&ids) {
                problems.push(format!(
                    "{name} has no section {{#{section}}} for the help link of /staff/{section}"
                ));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screens() -> Screens {
        Screens {
            booking_steps: ["date", "done"].map(str::to_owned).into(),
            staff_pages: ["phone", "slots"].map(str::to_owned).into(),
            operator_sections: ["phone"].map(str::to_owned).into(),
        }
    }

    #[test]
    fn a_screen_is_known_by_its_route() {
        let screens = screens();
        assert!(screens.exists("/book/date"));
        assert!(screens.exists("/staff/slots?location=1"));
        assert!(screens.exists("/reservations/ACK7-9WXY"));
        assert!(!screens.exists("/book/payment"));
        assert!(!screens.exists("/staff/settings"));
    }

    #[test]
    fn references_are_read_from_the_markdown() {
        let text = "## 電話予約 {#phone}\n![予約画面](../screenshots/staff-phone-screen.png)\n\
                    `/staff/phone` を開き、`Tab` で移動します。`/api/v1/x` は対象外。";
        assert_eq!(screenshot_refs(text), ["staff-phone-screen.png"]);
        assert_eq!(screen_refs(text), ["/staff/phone"]);
        assert_eq!(section_ids(text), ["phone".to_owned()].into());
    }

    #[test]
    fn quoted_lists_are_read_from_rust_sources() {
        let source = "pub const STEPS: [&str; 2] = [\"location\", \"party\"];";
        assert_eq!(quoted_list(source, "pub const STEPS").len(), 2);
    }
}
