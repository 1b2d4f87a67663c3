//! The house rules of `src/`, checked by reading the source (ARCHITECTURE.md draws them):
//! the top-level modules form layers, every `crate::…` path points down (never up, never in a
//! circle), the domain uses nothing but `text`, no file grows past 700 lines (the i18n
//! catalogues excepted) and no function past 150.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top first. A module may use only modules of layers below its own.
const LAYERS: &[&[&str]] = &[
    &["cli"],
    &["tui"],
    &["load"],
    &["config"],
    &["store"],
    &["demo"],
    &["import"],
    &["present"],
    &["domain"],
    &["i18n"],
    &["text", "env"],
];

/// What the domain may use: it is pure (no I/O, no words, no configuration parsing).
const DOMAIN_USES: &[&str] = &["text"];

const MAX_FILE_LINES: usize = 700;
const MAX_FN_LINES: usize = 150;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/tui/ui/list.rs` → `tui`); `None` for the
/// crate root and `main.rs`.
fn top_module(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first),
    }
}

/// The source without comments, string and char literals (blanked, lines kept), so neither a
/// doc link nor a message text counts as a use.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            i += end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            out.extend(rest[..end].chars().filter(|&c| c == '\n'));
            i += end;
        } else if let Some(len) = raw_string_len(rest) {
            out.push_str("\"\"");
            out.extend(rest[..len].chars().filter(|&c| c == '\n'));
            i += len;
        } else if rest.starts_with('"') {
            let mut j = 1;
            while j < rest.len() {
                match rest.as_bytes()[j] {
                    b'\\' => j += 2,
                    b'"' => break,
                    _ => j += 1,
                }
            }
            let end = (j + 1).min(rest.len());
            out.push_str("\"\"");
            out.extend(rest[..end].chars().filter(|&c| c == '\n'));
            i += end;
        } else if let Some(len) = char_literal_len(rest) {
            out.push_str("' '");
            i += len;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// `r"…"`, `r#"…"#`, `br"…"`: its length.
fn raw_string_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("br").or_else(|| s.strip_prefix('r'))?;
    let hashes = body.len() - body.trim_start_matches('#').len();
    let open = &body[hashes..];
    if !open.starts_with('"') {
        return None;
    }
    let close = format!("\"{}", "#".repeat(hashes));
    let end = open[1..].find(&close)? + 1 + close.len();
    Some(s.len() - open.len() + end)
}

/// `'x'`, `'\n'`, `'\u{1b}'`, `'{'` (not a lifetime): its length.
fn char_literal_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('\'')?;
    if let Some(esc) = rest.strip_prefix('\\') {
        let end = esc.find('\'')?;
        return (end <= 10).then_some(1 + 1 + end + 1);
    }
    let c = rest.chars().next()?;
    rest[c.len_utf8()..]
        .starts_with('\'')
        .then_some(1 + c.len_utf8() + 1)
}

/// The top-level modules a file's code names through `crate::` (`use` lines, paths in code,
/// groups `crate::{a, b::c}`); the macros exported at the root count for their module.
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() && name != "self" {
                    found.insert(name.to_string());
                }
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
        .into_iter()
        .map(|m| match m.as_str() {
            "tr" => "i18n".to_string(),
            _ => m,
        })
        .collect()
}

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| {
            panic!("module `{module}` is in no layer: add it to LAYERS and ARCHITECTURE.md")
        })
}

/// module → (used module → the files that use it).
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        let Some(module) = top_module(&file) else {
            continue;
        };
        let code = code_only(&std::fs::read_to_string(&file).unwrap());
        let rel = file.strip_prefix(src()).unwrap().display().to_string();
        let edges = graph.entry(module.clone()).or_default();
        for used in uses(&code).into_iter().filter(|u| *u != module) {
            edges.entry(used).or_default().insert(rel.clone());
        }
    }
    graph
}

/// A circle among the modules, if there is one (`a → b → a`).
fn circle(graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_circle_between_top_level_modules() {
    let graph = graph();
    assert!(
        graph.contains_key("domain") && graph.contains_key("tui"),
        "{graph:?}"
    );
    if let Some(found) = circle(&graph) {
        panic!("import circle: {}", found.join(" → "));
    }
}

#[test]
fn every_import_points_down_the_layers() {
    let mut upward = Vec::new();
    for (module, edges) in graph() {
        for (used, files) in edges {
            let allowed = if module == "domain" {
                DOMAIN_USES.contains(&used.as_str())
            } else {
                layer_of(&used) > layer_of(&module)
            };
            if !allowed {
                let files: Vec<_> = files.into_iter().collect();
                upward.push(format!("{module} → {used} ({})", files.join(", ")));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn every_top_level_module_is_in_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    assert!(declared.len() >= 10, "{declared:?}");
    for module in declared {
        layer_of(module);
    }
    // Unsafe code is denied crate-wide and allowed, each site with its reason, only where a
    // memory map (a large export read) and a signal handler (the terminal given back when
    // that map faults) need it.
    assert!(lib.contains("#![deny(unsafe_code)]"));
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut allowing: Vec<String> = files
        .iter()
        .filter(|f| code_only(&std::fs::read_to_string(f).unwrap()).contains("allow(unsafe_code)"))
        .map(|f| {
            f.strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    allowing.sort();
    assert_eq!(allowing, ["import/mapped.rs", "tui/term.rs"]);
    let items = code_only(&lib)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("pub mod ") && !l.starts_with("#!["))
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert!(items.is_empty(), "lib.rs is the mod tree only: {items:?}");
}

#[test]
fn no_file_over_700_lines_but_the_catalogues() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src().join("i18n")))
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_FILE_LINES} lines: {long:?}"
    );
}

/// Each `fn` with a body: its name and how many lines from `fn` to the closing brace.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(at) = line.find("fn ") else {
            continue;
        };
        if at > 0 && !line[..at].ends_with(' ') {
            continue;
        }
        let name: String = line[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        // The body: from the first `{` after the signature (unless `;` ends it first) to
        // its closing brace.
        let mut depth = 0usize;
        let mut opened = false;
        'scan: for (i, l) in lines.iter().enumerate().skip(start) {
            let from = if i == start { at } else { 0 };
            for c in l[from..].chars() {
                match c {
                    ';' if !opened => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' if opened => {
                        depth -= 1;
                        if depth == 0 {
                            found.push((name.clone(), start + 1, i - start + 1));
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    found
}

#[test]
fn no_function_over_150_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(src().join("i18n"))) {
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        for (name, line, n) in functions(&code) {
            if n > MAX_FN_LINES {
                long.push(format!("{}:{line} {name} ({n} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_uses_and_skips_comments_and_strings() {
    let code = code_only(
        "use crate::domain::model::X; // crate::tui\n/// [`crate::cli`]\nlet s = \"crate::store\";\nlet c = '{';\ncrate::{text, env::Env};\ncrate::tr!(x);\nfn f() -> &'a str { 1 }",
    );
    let found: Vec<String> = uses(&code).into_iter().collect();
    assert_eq!(found, ["domain", "env", "i18n", "text"]);
    let fns = functions("fn a() {\n  if x { y }\n}\nfn b();\nfn c() { }\n");
    assert_eq!(fns, [("a".to_string(), 1, 3), ("c".to_string(), 5, 1)]);
}
