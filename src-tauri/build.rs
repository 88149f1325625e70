//! Build script: Tauri context, capabilities from the top-level `capabilities/` folder (the
//! product's layout), and permissions generated for the app's own commands.

// The app's commands: one list, shared with the crate's tests.
include!("src/command_names.rs");

/// The main window's commands and the kiosk's own, as the manifest wants them (`'static`).
fn all_commands() -> &'static [&'static str] {
    let all: Vec<&'static str> = MAIN_COMMANDS
        .iter()
        .chain(KIOSK_ONLY_COMMANDS)
        .copied()
        .collect();
    Box::leak(all.into_boxed_slice())
}

fn main() {
    println!("cargo:rerun-if-changed=../capabilities");
    println!("cargo:rerun-if-changed=src/command_names.rs");
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("../capabilities/**/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(all_commands()));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {error:#}");
    }
}
