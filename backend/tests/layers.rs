//! The layers of `docs/ARCHITECTURE.md`, held against the code's own imports: every
//! `use` and every path through `crate::`, `super::` or a child module, resolved to the file
//! it names. A module may import only what stands below it, and no files import each other
//! in a loop. `cargo test -p madoguchi-backend --test layers` prints what breaks a rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One crate's modules: the file of each module path (`["service", "booking"]`), and the
/// module paths each file imports.
struct Crate {
    files: BTreeMap<Vec<String>, PathBuf>,
    imports: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn module_files(root: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                let mut inner = prefix.to_vec();
                inner.push(name);
                walk(&path, &inner, out);
            } else if let Some(stem) = name.strip_suffix(".rs") {
                // A binary's root is a crate of its own that uses the library by its name.
                if stem == "main" || stem.ends_with("_main") {
                    continue;
                }
                let mut module = prefix.to_vec();
                if !matches!(stem, "mod" | "lib" | "main") {
                    module.push(stem.to_owned());
                }
                out.insert(module, path);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(root, &[], &mut files);
    files
}

/// The source without comments, string literals and its test module, so that a path in a
/// doc comment or a message is no import, nor a test's `use super::*`.
fn code_of(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut code = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for next in chars.by_ref() {
                    if next == '\n' {
                        code.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for next in chars.by_ref() {
                    if !escaped && next == '"' {
                        break;
                    }
                    escaped = !escaped && next == '\\';
                }
                code.push_str("\"\"");
            }
            _ => code.push(c),
        }
    }
    code
}

/// Every path the code names that starts with `crate`, `super` or a child module, with
/// brace groups of `use` lines expanded.
fn paths_in(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    fn ident_at(chars: &[char], mut at: usize) -> (String, usize) {
        let mut word = String::new();
        while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
            word.push(chars[at]);
            at += 1;
        }
        (word, at)
    }
    fn expand(
        chars: &[char],
        mut at: usize,
        prefix: Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) -> usize {
        let mut path = prefix;
        loop {
            while at < chars.len() && chars[at].is_whitespace() {
                at += 1;
            }
            if at < chars.len() && chars[at] == '{' {
                at += 1;
                loop {
                    while at < chars.len() && (chars[at].is_whitespace() || chars[at] == ',') {
                        at += 1;
                    }
                    if at >= chars.len() || chars[at] == '}' {
                        return at + 1;
                    }
                    at = expand(chars, at, path.clone(), out);
                    while at < chars.len() && !matches!(chars[at], ',' | '}') {
                        at += 1;
                    }
                }
            }
            let (word, next) = ident_at(chars, at);
            if word.is_empty() || word == "self" {
                out.push(path);
                return next.max(at);
            }
            path.push(word);
            at = next;
            if chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':') {
                at += 2;
            } else {
                out.push(path);
                return at;
            }
        }
    }
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let boundary = at == 0
            || !(chars[at - 1].is_alphanumeric() || chars[at - 1] == '_' || chars[at - 1] == ':');
        let (word, next) = ident_at(&chars, at);
        if word.is_empty() {
            at += 1;
            continue;
        }
        let starts_path = chars.get(next) == Some(&':') && chars.get(next + 1) == Some(&':');
        if boundary
            && starts_path
            && (word == "crate" || word == "super" || children.contains(&word))
        {
            at = expand(&chars, at, Vec::new(), &mut out);
        } else {
            at = next;
        }
    }
    out
}

impl Crate {
    fn read(root: &Path) -> Crate {
        let files = module_files(root);
        let mut imports = BTreeMap::new();
        for (module, file) in &files {
            let source = std::fs::read_to_string(file).unwrap_or_default();
            let code = code_of(&source);
            let own: Vec<String> = module.clone();
            let children: BTreeSet<String> = files
                .keys()
                .filter(|other| other.len() == own.len() + 1 && other.starts_with(&own))
                .filter_map(|other| other.last().cloned())
                .collect();
            let mut named = BTreeSet::new();
            for path in paths_in(&code, &children) {
                let Some(first) = path.first() else { continue };
                let mut absolute: Vec<String> = if first == "crate" {
                    path[1..].to_vec()
                } else if first == "super" {
                    let mut base = own.clone();
                    let mut rest = &path[..];
                    // `super` of `a/b/c.rs` and of `a/b/c/mod.rs` alike is `a::b`.
                    while rest.first().map(String::as_str) == Some("super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().cloned());
                    base
                } else {
                    let mut base = own.clone();
                    base.extend(path.iter().cloned());
                    base
                };
                // The longest prefix that is a module of this crate is the file imported.
                while !absolute.is_empty() && !files.contains_key(&absolute) {
                    absolute.pop();
                }
                if absolute != own && !(absolute.is_empty() && own.is_empty()) {
                    named.insert(absolute);
                }
            }
            imports.insert(module.clone(), named);
        }
        Crate { files, imports }
    }

    /// The first loop among the files, if any, as module paths.
    fn a_loop(&self) -> Option<Vec<String>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Open,
            Done,
        }
        fn visit(
            module: &Vec<String>,
            graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
            marks: &mut BTreeMap<Vec<String>, Mark>,
            trail: &mut Vec<Vec<String>>,
        ) -> Option<Vec<String>> {
            match marks.get(module) {
                Some(Mark::Done) => return None,
                Some(Mark::Open) => {
                    let start = trail.iter().position(|step| step == module).unwrap_or(0);
                    let mut found: Vec<String> = trail[start..]
                        .iter()
                        .map(|step| format!("crate::{}", step.join("::")))
                        .collect();
                    found.push(format!("crate::{}", module.join("::")));
                    return Some(found);
                }
                None => {}
            }
            marks.insert(module.clone(), Mark::Open);
            trail.push(module.clone());
            for next in graph.get(module).into_iter().flatten() {
                if let Some(found) = visit(next, graph, marks, trail) {
                    return Some(found);
                }
            }
            trail.pop();
            marks.insert(module.clone(), Mark::Done);
            None
        }
        let mut marks = BTreeMap::new();
        for module in self.files.keys() {
            if let Some(found) = visit(module, &self.imports, &mut marks, &mut Vec::new()) {
                return Some(found);
            }
        }
        None
    }

    /// Imports from a module under `from` to one under any of `to`, as "file -> module".
    fn imports_between(&self, from: &[&str], to: &[&[&str]]) -> Vec<String> {
        let under = |module: &Vec<String>, prefix: &[&str]| {
            module.len() >= prefix.len() && module.iter().zip(prefix).all(|(a, b)| a == b)
        };
        let mut found = Vec::new();
        for (module, targets) in &self.imports {
            if !under(module, from) {
                continue;
            }
            for target in targets {
                if to.iter().any(|prefix| under(target, prefix)) {
                    found.push(format!(
                        "{} -> crate::{}",
                        self.files[module].display(),
                        target.join("::")
                    ));
                }
            }
        }
        found
    }
}

fn crate_at(relative: &str) -> Crate {
    Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative))
}

/// What each layer of the server may not import: the layers above it.
const SERVER_RULES: &[(&str, &[&[&str]])] = &[
    ("api", &[&["startup"], &["openapi"]]),
    ("jobs", &[&["api"], &["startup"]]),
    (
        "service",
        &[&["api"], &["jobs"], &["startup"], &["openapi"]],
    ),
    ("mail", &[&["api"], &["jobs"], &["service"], &["startup"]]),
    (
        "auth",
        &[&["api"], &["jobs"], &["service"], &["mail"], &["startup"]],
    ),
    (
        "db",
        &[
            &["api"],
            &["jobs"],
            &["service"],
            &["mail"],
            &["auth"],
            &["startup"],
        ],
    ),
    (
        "clock",
        &[
            &["api"],
            &["jobs"],
            &["service"],
            &["mail"],
            &["auth"],
            &["db"],
        ],
    ),
    (
        "config",
        &[
            &["api"],
            &["jobs"],
            &["service"],
            &["mail"],
            &["auth"],
            &["db"],
        ],
    ),
    (
        "client",
        &[
            &["api"],
            &["jobs"],
            &["service"],
            &["mail"],
            &["auth"],
            &["db"],
        ],
    ),
];

#[test]
fn no_layer_of_the_server_imports_a_layer_above_it() {
    let server = crate_at("src");
    let broken: Vec<String> = SERVER_RULES
        .iter()
        .flat_map(|(layer, above)| server.imports_between(&[layer], above))
        .collect();
    assert!(
        broken.is_empty(),
        "imports against the layer order:\n{}",
        broken.join("\n")
    );
}

/// The layers below the HTTP edge, which answer in errors of their own and know no HTTP.
const BELOW_HTTP: [&str; 5] = ["jobs", "service", "mail", "auth", "db"];

#[test]
fn no_layer_below_the_http_edge_uses_the_web_framework_or_its_error() {
    let server = crate_at("src");
    let mut broken = Vec::new();
    for (module, file) in &server.files {
        if !module
            .first()
            .is_some_and(|layer| BELOW_HTTP.contains(&layer.as_str()))
        {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).expect("a source file"));
        for word in ["actix", "AppError", "StatusCode"] {
            if code.contains(word) {
                broken.push(format!("{} uses {word}", file.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "HTTP below the HTTP edge:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_files_of_the_server_import_each_other_in_no_loop() {
    let server = crate_at("src");
    assert!(
        server.imports.len() > 100,
        "the server's modules were not found"
    );
    assert_eq!(
        server.a_loop(),
        None,
        "files that import each other in a loop"
    );
}

#[test]
fn the_spa_and_the_shared_crate_import_in_no_loop_and_citizen_pages_import_nothing_of_the_console()
{
    let spa = crate_at("../frontend/src");
    assert!(spa.imports.len() > 40, "the SPA's modules were not found");
    assert_eq!(
        spa.a_loop(),
        None,
        "SPA files that import each other in a loop"
    );
    let below_the_console: Vec<String> = [
        "pages",
        "components",
        "api",
        "session",
        "i18n",
        "state",
        "clock",
    ]
    .iter()
    .flat_map(|layer| spa.imports_between(&[layer], &[&["staff"]]))
    .collect();
    assert!(
        below_the_console.is_empty(),
        "modules below the staff console import it:\n{}",
        below_the_console.join("\n")
    );
    let shared = crate_at("../shared/src");
    assert_eq!(
        shared.a_loop(),
        None,
        "shared files that import each other in a loop"
    );
}

#[test]
fn the_checker_sees_an_import_against_the_order_and_a_loop() {
    let code = code_of(
        "use crate::{api::state::AppState, db::{self, slot}};\n// crate::jobs in a comment\nlet x = \"crate::mail\"; super::rules::check();",
    );
    let children = BTreeSet::new();
    let paths = paths_in(&code, &children);
    let spelled: Vec<String> = paths.iter().map(|path| path.join("::")).collect();
    assert_eq!(
        spelled,
        [
            "crate::api::state::AppState",
            "crate::db",
            "crate::db::slot",
            "super::rules::check"
        ]
    );
    let looped = Crate {
        files: [
            (vec!["a".to_owned()], PathBuf::from("a.rs")),
            (vec!["b".to_owned()], PathBuf::from("b.rs")),
        ]
        .into_iter()
        .collect(),
        imports: [
            (
                vec!["a".to_owned()],
                [vec!["b".to_owned()]].into_iter().collect(),
            ),
            (
                vec!["b".to_owned()],
                [vec!["a".to_owned()]].into_iter().collect(),
            ),
        ]
        .into_iter()
        .collect(),
    };
    assert_eq!(
        looped.a_loop(),
        Some(vec![
            "crate::a".to_owned(),
            "crate::b".to_owned(),
            "crate::a".to_owned()
        ])
    );
    assert_eq!(
        looped.imports_between(&["a"], &[&["b"]]),
        ["a.rs -> crate::b"]
    );
}
