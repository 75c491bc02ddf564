//! A diff report as text, JSON or a Markdown changelog entry.

use std::fmt::Write;

use serde_json::json;

use super::{Effect, Report};

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

/// How many changes of each effect a report holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub breaking: usize,
    pub additive: usize,
    pub behaviour: usize,
    pub documentation: usize,
}

impl Effect {
    pub fn name(self) -> &'static str {
        match self {
            Effect::Breaking => "breaking",
            Effect::Additive => "additive",
            Effect::Behaviour => "behaviour",
        }
    }
}

impl Report {
    pub fn counts(&self) -> Counts {
        let count = |effect| self.changes.iter().filter(|c| c.effect == effect).count();
        Counts {
            breaking: count(Effect::Breaking),
            additive: count(Effect::Additive),
            behaviour: count(Effect::Behaviour),
            documentation: self.documentation,
        }
    }

    /// One line: `2 breaking, 3 additive, 0 behaviour, 5 documentation`.
    pub fn summary(&self) -> String {
        let counts = self.counts();
        format!(
            "{} breaking, {} additive, {} behaviour, {} documentation",
            counts.breaking, counts.additive, counts.behaviour, counts.documentation
        )
    }

    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Json => self.json(),
            Format::Markdown => self.markdown(),
        }
    }

    fn text(&self) -> String {
        let mut out = format!("{} → {}: {}\n", self.old, self.new, self.summary());
        for change in &self.changes {
            let _ = writeln!(
                out,
                "{:<13} {}: {}",
                change.effect.name(),
                change.item,
                change.reason
            );
        }
        if self.documentation > 0 {
            let _ = writeln!(
                out,
                "documentation {} descriptions changed",
                self.documentation
            );
        }
        out
    }

    fn json(&self) -> String {
        let counts = self.counts();
        let changes: Vec<_> = self
            .changes
            .iter()
            .map(|c| json!({"effect": c.effect.name(), "item": c.item, "reason": c.reason}))
            .collect();
        let value = json!({
            "old": self.old,
            "new": self.new,
            "counts": {
                "breaking": counts.breaking,
                "additive": counts.additive,
                "behaviour": counts.behaviour,
                "documentation": counts.documentation,
            },
            "changes": changes,
            "descriptions_changed": self.documentation,
        });
        format!("{value:#}\n")
    }

    fn markdown(&self) -> String {
        let mut out = format!(
            "### API changes: `{}` → `{}`\n\n{}\n",
            self.old,
            self.new,
            self.summary()
        );
        for effect in [Effect::Breaking, Effect::Additive, Effect::Behaviour] {
            let changes: Vec<_> = self.changes.iter().filter(|c| c.effect == effect).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = write!(out, "\n#### {}\n\n", capitalized(effect.name()));
            for change in changes {
                let _ = writeln!(out, "- `{}`: {}", change.item, change.reason);
            }
        }
        if self.documentation > 0 {
            let _ = write!(out, "\n{} descriptions changed.\n", self.documentation);
        }
        out
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
