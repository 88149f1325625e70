//! Build script: Tauri context, capabilities from the top-level `capabilities/` folder (the
//! product's layout), and permissions generated for the app's own commands.

fn main() {
    println!("cargo:rerun-if-changed=../capabilities");
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("../capabilities/**/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&["app_info"]));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {error:#}");
    }
}
