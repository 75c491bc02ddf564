//! The measured crates and the report: a preamble, then per API a heading,
//! a table and notes, as plain text or Markdown.

use super::cargo::{Mode, Samples};
use super::stats::{ratio, spread, Spread};
use super::table::{milliseconds, seconds, thousands, times, Table};
use super::workspace::{Plan, Subject};
use super::Api;

/// A measured crate.
pub(super) struct Row {
    pub(super) subject: Subject,
    pub(super) samples: Samples,
}

impl Row {
    /// A crate not measured yet.
    pub(super) fn new(subject: Subject) -> Self {
        Row {
            subject,
            samples: Samples::default(),
        }
    }

    fn seconds(&self, mode: Mode) -> Option<Spread> {
        let samples = self.samples.get(mode);
        spread(&samples.iter().map(|s| s.seconds).collect::<Vec<_>>())
    }

    fn median(&self, mode: Mode) -> Option<f64> {
        self.seconds(mode).map(|s| s.median)
    }

    /// Milliseconds per method, from the median.
    fn per_method(&self, mode: Mode) -> Option<f64> {
        let methods = self.subject.methods.filter(|&m| m > 0)?;
        Some(self.median(mode)? * 1000.0 / methods as f64)
    }

    /// The largest peak resident set of its builds, in MiB.
    fn peak_mib(&self) -> Option<f64> {
        self.samples
            .build
            .iter()
            .filter_map(|s| s.peak_kib)
            .max()
            .map(|kib| kib as f64 / 1024.0)
    }
}

pub(super) struct Report {
    pub(super) runs: usize,
    pub(super) cargo_version: String,
    pub(super) cpus: usize,
    /// Peak memory was measured.
    pub(super) memory: bool,
    pub(super) plans: Vec<Plan>,
}

/// The optional columns of a table.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// Build peak MiB.
    memory: bool,
    /// Build and check milliseconds per method, when the peer's method
    /// count is known.
    per_method: bool,
}

impl Columns {
    fn header(self) -> Vec<String> {
        let mut header = vec!["crate", "lines", "methods", "build s", "check s"];
        if self.memory {
            header.push("build peak MiB");
        }
        if self.per_method {
            header.extend(["build ms/method", "check ms/method"]);
        }
        header.into_iter().map(str::to_owned).collect()
    }

    /// The measurements of a crate.
    fn cells(self, row: &Row) -> Vec<String> {
        let mut cells = vec![
            row.subject.label.clone(),
            thousands(row.subject.lines),
            row.subject.methods.map_or("–".to_owned(), thousands),
            seconds(row.seconds(Mode::Build)),
            seconds(row.seconds(Mode::Check)),
        ];
        if self.memory {
            cells.push(
                row.peak_mib()
                    .map_or("–".to_owned(), |mib| thousands(mib.round() as usize)),
            );
        }
        if self.per_method {
            cells.push(milliseconds(row.per_method(Mode::Build)));
            cells.push(milliseconds(row.per_method(Mode::Check)));
        }
        cells
    }

    /// Our crate's measurements over the peer's.
    fn ratios(self, ours: &Row, peer: &Row) -> Vec<String> {
        let mut cells = vec![
            format!("{} / peer", ours.subject.label),
            times(ratio(
                Some(ours.subject.lines as f64),
                Some(peer.subject.lines as f64),
            )),
            String::new(),
            times(ratio(ours.median(Mode::Build), peer.median(Mode::Build))),
            times(ratio(ours.median(Mode::Check), peer.median(Mode::Check))),
        ];
        if self.memory {
            cells.push(times(ratio(ours.peak_mib(), peer.peak_mib())));
        }
        if self.per_method {
            cells.push(times(ratio(
                ours.per_method(Mode::Build),
                peer.per_method(Mode::Build),
            )));
            cells.push(times(ratio(
                ours.per_method(Mode::Check),
                peer.per_method(Mode::Check),
            )));
        }
        cells
    }
}

impl Report {
    fn preamble(&self) -> String {
        let range = if self.runs > 1 { " (min–max)" } else { "" };
        format!(
            "Compiling one crate, its dependencies already built: `cargo clean -p CRATE`, \
             then `cargo build -p CRATE` (dev profile) or `cargo check -p CRATE`; \
             incremental compilation off. Seconds: median{range} of {runs} run{s}. \
             {cargo}, {cpus} CPUs.",
            runs = self.runs,
            s = if self.runs == 1 { "" } else { "s" },
            cargo = self.cargo_version,
            cpus = self.cpus,
        )
    }

    fn heading(api: Api, rows: &[Row]) -> String {
        let peer = rows
            .iter()
            .find(|row| !row.subject.ours)
            .map_or("", |row| row.subject.label.as_str());
        format!("{}: ours from {} vs {peer}", api.name(), api.document())
    }

    /// A row per crate, then, when there is a peer, a row of ratios per
    /// crate of ours.
    fn table(&self, rows: &[Row]) -> Table {
        let columns = Columns {
            memory: self.memory,
            per_method: rows
                .iter()
                .any(|row| !row.subject.ours && row.subject.methods.is_some()),
        };
        let mut table = Table {
            header: columns.header(),
            rows: rows.iter().map(|row| columns.cells(row)).collect(),
        };
        if let Some(peer) = rows.iter().find(|row| !row.subject.ours) {
            for ours in rows.iter().filter(|row| row.subject.ours) {
                table.rows.push(columns.ratios(ours, peer));
            }
        }
        table
    }

    pub(super) fn plain(&self) -> String {
        self.render(|heading| format!("\n{heading}\n\n"), Table::plain)
    }

    pub(super) fn markdown(&self) -> String {
        self.render(|heading| format!("\n### {heading}\n\n"), Table::markdown)
    }

    /// The preamble, then per API its heading (as `section` writes it), its
    /// table (as `render_table` writes it) and its notes.
    fn render(
        &self,
        section: impl Fn(&str) -> String,
        render_table: impl Fn(&Table) -> String,
    ) -> String {
        let mut out = format!("{}\n", self.preamble());
        for plan in &self.plans {
            out.push_str(&section(&Self::heading(plan.api, &plan.rows)));
            out.push_str(&render_table(&self.table(&plan.rows)));
            for note in &plan.notes {
                out.push_str(&format!("\nNote: {note}\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cargo::Sample;

    fn row(label: &str, lines: usize, methods: usize, ours: bool, build: &[f64]) -> Row {
        let sample = |seconds: f64| Sample {
            seconds,
            peak_kib: Some(2_048_000),
        };
        Row {
            subject: Subject {
                label: label.to_owned(),
                package: label.to_owned(),
                features: Vec::new(),
                lines,
                methods: Some(methods),
                ours,
            },
            samples: Samples {
                build: build.iter().copied().map(sample).collect(),
                check: build.iter().map(|s| sample(s / 2.0)).collect(),
            },
        }
    }

    /// Three runs of ours and the peer for compute, with memory, and a note.
    fn compute_report() -> Report {
        Report {
            runs: 3,
            cargo_version: "cargo 1.0.0".to_owned(),
            cpus: 2,
            memory: true,
            plans: vec![Plan {
                api: Api::Compute,
                peer: Api::Compute.peer(),
                rows: vec![
                    row("ours-compute", 2_000, 1_000, true, &[30.0, 10.0, 20.0]),
                    row(
                        "google-compute1 6.0.0",
                        1_000,
                        500,
                        false,
                        &[40.0, 40.0, 40.0],
                    ),
                ],
                notes: vec!["one variant is not measured.".to_owned()],
            }],
        }
    }

    /// The cells after `prefix` on the first line of `plain` that starts
    /// with it.
    fn cells(plain: &str, prefix: &str) -> Vec<String> {
        let line = plain
            .lines()
            .find(|line| line.starts_with(prefix))
            .expect(prefix);
        line[prefix.len()..]
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_report_compares_medians_and_methods_and_keeps_notes() {
        let report = compute_report();
        let plain = report.plain();
        assert!(
            plain.contains("median (min–max) of 3 runs. cargo 1.0.0, 2 CPUs."),
            "{plain}"
        );
        assert!(plain.contains("compute: ours from tests/fixtures/scale/compute.v1.json vs google-compute1 6.0.0\n"), "{plain}");
        assert_eq!(
            cells(&plain, "ours-compute / peer"),
            ["2.00×", "0.50×", "0.50×", "1.00×", "0.25×", "0.25×"]
        );
        assert_eq!(
            cells(&plain, "ours-compute "),
            [
                "2,000",
                "1,000",
                "20.00 (10.00–30.00)",
                "10.00 (5.00–15.00)",
                "2,000",
                "20.0",
                "10.0"
            ]
        );
        assert!(
            plain.ends_with("\nNote: one variant is not measured.\n"),
            "{plain}"
        );
        let markdown = report.markdown();
        assert!(markdown.contains("\n### compute: ours from"), "{markdown}");
        assert!(
            markdown.contains(
                "| google-compute1 6.0.0 | 1,000 | 500 | 40.00 | 20.00 | 2,000 | 80.0 | 40.0 |\n"
            ),
            "{markdown}"
        );
    }
}
