//! Semantic versions of generated crates: which part a change bumps, and
//! the documents' revision as build metadata.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a regeneration changed, from least to most: the class of its
/// largest change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only the documents' revision (and what the API diff does not see):
    /// the build metadata changes, not the version.
    Revision,
    /// Descriptions only.
    Documentation,
    /// The API compiles the same but behaves differently.
    Behaviour,
    /// New items; code written against the old crate still compiles.
    Additive,
    /// Code written against the old crate may no longer compile.
    Breaking,
}

impl Change {
    pub fn name(self) -> &'static str {
        match self {
            Change::Revision => "revision",
            Change::Documentation => "documentation",
            Change::Behaviour => "behaviour",
            Change::Additive => "additive",
            Change::Breaking => "breaking",
        }
    }
}

/// `MAJOR.MINOR.PATCH`, with build metadata (`+20261106`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub build: Option<String>,
}

impl Version {
    /// The first version of a crate.
    pub fn initial(build: Option<String>) -> Version {
        Version {
            major: 0,
            minor: 1,
            patch: 0,
            build,
        }
    }

    /// `0.1.0+20261106`; `None` for anything else (pre-releases included:
    /// the generator never writes them).
    pub fn parse(text: &str) -> Option<Version> {
        let (core, build) = match text.split_once('+') {
            Some((core, build)) => (core, Some(build.to_owned())),
            None => (text, None),
        };
        let mut parts = core.split('.').map(|part| {
            let valid = !part.is_empty() && (part == "0" || !part.starts_with('0'));
            valid.then(|| part.parse::<u64>().ok()).flatten()
        });
        let (major, minor, patch) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() || build.as_deref().is_some_and(|b| !valid_build(b)) {
            return None;
        }
        Some(Version {
            major,
            minor,
            patch,
            build,
        })
    }

    /// The version after `change`, with `build` as its metadata. Before
    /// 1.0 a breaking change bumps the minor and anything else the patch,
    /// as cargo reads `0.x` versions; from 1.0 on, breaking bumps the major,
    /// additive the minor, behaviour and documentation the patch. A
    /// revision alone keeps the version and changes the metadata.
    pub fn bump(&self, change: Change, build: Option<String>) -> Version {
        let (major, minor, patch) = (self.major, self.minor, self.patch);
        let (major, minor, patch) = match (change, major) {
            (Change::Revision, _) => (major, minor, patch),
            (Change::Breaking, 0) => (0, minor + 1, 0),
            (_, 0) => (0, minor, patch + 1),
            (Change::Breaking, _) => (major + 1, 0, 0),
            (Change::Additive, _) => (major, minor + 1, 0),
            (Change::Behaviour | Change::Documentation, _) => (major, minor, patch + 1),
        };
        Version {
            major,
            minor,
            patch,
            build,
        }
    }

    /// The version without build metadata, as a dependency line names it.
    pub fn without_build(&self) -> String {
        format!("{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Build metadata: dot-separated non-empty runs of ASCII letters, digits
/// and `-`.
fn valid_build(build: &str) -> bool {
    build
        .split('.')
        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.without_build())?;
        match &self.build {
            Some(build) => write!(f, "+{build}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bumped(from: &str, change: Change) -> String {
        let build = Some("20261106".to_owned());
        Version::parse(from)
            .unwrap()
            .bump(change, build)
            .to_string()
    }

    #[test]
    fn before_one_breaking_bumps_the_minor_and_the_rest_the_patch() {
        assert_eq!(bumped("0.1.0+20250801", Change::Breaking), "0.2.0+20261106");
        assert_eq!(bumped("0.1.3", Change::Additive), "0.1.4+20261106");
        assert_eq!(bumped("0.1.3", Change::Behaviour), "0.1.4+20261106");
        assert_eq!(bumped("0.1.3", Change::Documentation), "0.1.4+20261106");
        assert_eq!(bumped("0.1.3+20250801", Change::Revision), "0.1.3+20261106");
    }

    #[test]
    fn from_one_on_each_class_bumps_its_own_part() {
        assert_eq!(bumped("1.4.2", Change::Breaking), "2.0.0+20261106");
        assert_eq!(bumped("1.4.2", Change::Additive), "1.5.0+20261106");
        assert_eq!(bumped("1.4.2", Change::Behaviour), "1.4.3+20261106");
        assert_eq!(bumped("1.4.2", Change::Documentation), "1.4.3+20261106");
        assert_eq!(bumped("1.4.2", Change::Revision), "1.4.2+20261106");
    }

    #[test]
    fn only_plain_versions_parse() {
        assert_eq!(
            Version::parse("0.1.0+20250801.2").unwrap().to_string(),
            "0.1.0+20250801.2"
        );
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "01.2.3",
            "1.2.x",
            "1.2.3-beta",
            "1.2.3+",
            "1.2.3+a..b",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }
}
