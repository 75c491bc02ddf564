//! A crate's `CHANGELOG.md`, written from its releases in the record.

use super::CrateRecord;

/// The changelog of the crate `name`: its releases, newest first.
pub fn changelog(name: &str, record: &CrateRecord) -> String {
    let mut text = format!(
        "# Changelog of {name}\n\n\
         Each version follows the API diff of the discovery documents it is generated from: \
         a breaking change bumps the major version (the minor before 1.0), an additive one \
         the minor (the patch before 1.0), and a change of behaviour or documentation the \
         patch. The build metadata is the newest revision of the documents.\n"
    );
    for release in record.releases.iter().rev() {
        let change = release
            .change
            .map_or(String::new(), |change| format!(" — {}", change.name()));
        text.push_str(&format!(
            "\n## {}{change}\n\n{}",
            release.version, release.notes
        ));
        if !release.notes.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}
