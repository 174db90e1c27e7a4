fn main() {
    // Declaring the app's commands makes Tauri generate one permission per command; the
    // capability file then grants exactly these, so the window can call nothing else.
    let manifest = tauri_build::AppManifest::new().commands(doorstep_api::commands::ALL);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step failed (see the message above)");
}
