//! No generated person is copied into the code. Tests pick their citizens from the generator
//! (the showcase, `DemoRegion::bookable_for`, `cup-server demo-citizens --json`): a codice
//! fiscale, tessera or NRE of a generated citizen written as a literal would tie a test to one
//! seed and one version of the generator. The showcase's identifiers may appear (the generator
//! guarantees them, the README prints them).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cup_server::demo::{DemoConfig, DemoRegion, Profile};

/// Where code lives (relative to the workspace root), and what is not ours or is generated.
const ROOTS: &[&str] = &["crates", "src-tauri", "tests", "ui/src", "scripts"];
const SKIP_DIRS: &[&str] = &["target", "node_modules", "dist", "gen", ".tools"];
const EXTENSIONS: &[&str] = &["rs", "mjs", "js", "ts", "tsx", "sh", "json", "toml", "sql"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workspace root")
        .to_path_buf()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                files(&path, out);
            }
        } else if name != "package-lock.json"
            && path
                .extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().as_ref()))
        {
            out.push(path);
        }
    }
}

/// Every identifier of a generated (non-showcase) citizen, for the seeds and profiles the
/// tests and tools use.
fn generated_identifiers() -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut showcase = HashSet::new();
    let day = NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
    for (seed, profile) in [
        (42, Profile::Small),
        (42, Profile::Full),
        (7, Profile::Full),
    ] {
        let region = DemoRegion::generate(&DemoConfig {
            seed,
            profile,
            start_day: day,
        });
        for s in &region.showcase {
            showcase.extend([s.codice_fiscale.clone(), s.tessera.clone(), s.nre.clone()]);
        }
        ids.extend(
            region
                .citizens
                .iter()
                .flat_map(|c| [c.codice_fiscale.clone(), c.tessera.clone()]),
        );
        ids.extend(region.prescriptions.iter().map(|p| p.nre.clone()));
    }
    &ids - &showcase
}

#[test]
fn no_generated_citizen_is_written_in_the_code() {
    let ids = generated_identifiers();
    assert!(ids.len() > 50_000, "{} identifiers", ids.len());
    let root = workspace_root();
    let mut paths = Vec::new();
    for r in ROOTS {
        files(&root.join(r), &mut paths);
    }
    assert!(
        paths.len() > 100,
        "{} files under {}",
        paths.len(),
        root.display()
    );
    let mut found = Vec::new();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if matches!(token.len(), 15 | 16 | 20) && ids.contains(token) {
                found.push(format!(
                    "{}: {token}",
                    path.strip_prefix(&root).unwrap_or(path).display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "generated citizens copied into the code (pick them from the generator):\n{}",
        found.join("\n")
    );
}

/// The guard itself finds a copied identifier (it would pass vacuously on a typo in ROOTS).
#[test]
fn the_guard_sees_a_copied_identifier() {
    let ids = generated_identifiers();
    let region = DemoRegion::generate(&DemoConfig {
        seed: 42,
        profile: Profile::Small,
        start_day: NaiveDate::from_ymd_opt(2027, 3, 28).expect("date"),
    });
    let someone = region.bookable_for("P009").into_iter().next().expect("one");
    assert!(ids.contains(&someone.codice_fiscale));
    assert!(ids.contains(&someone.nre));
    assert!(!ids.contains(&region.showcase[0].codice_fiscale));
}
