//! Tables, as plain text and as Markdown, and the formatting of their cells.

use super::stats::Spread;

/// A table: a header and rows of cells; all but the first column are
/// numbers, right-aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Columns padded to their widest cell, two spaces apart.
    pub fn plain(&self) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|column| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(column, &width)| {
                    let cell = row.get(column).map_or("", String::as_str);
                    if column == 0 {
                        format!("{cell:<width$}")
                    } else {
                        format!("{cell:>width$}")
                    }
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
        let rule: Vec<String> = (0..self.header.len())
            .map(|column| if column == 0 { "---" } else { "---:" }.to_owned())
            .collect();
        let mut out = line(&self.header);
        out.push_str(&line(&rule));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

pub(super) fn seconds(spread: Option<Spread>) -> String {
    match spread {
        None => "–".to_owned(),
        Some(s) if s.min == s.max => format!("{:.2}", s.median),
        Some(s) => format!("{:.2} ({:.2}–{:.2})", s.median, s.min, s.max),
    }
}

pub(super) fn milliseconds(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |ms| format!("{ms:.1}"))
}

pub(super) fn times(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |r| format!("{r:.2}×"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{ratio, spread};
    use crate::tests::args;

    #[test]
    fn numbers_are_formatted() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_025), "1,025");
        assert_eq!(thousands(326_451), "326,451");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(seconds(spread(&[1.0, 2.0, 4.0])), "2.00 (1.00–4.00)");
        assert_eq!(seconds(spread(&[1.5])), "1.50");
        assert_eq!(seconds(None), "–");
    }

    #[test]
    fn tables_render_as_text_and_markdown() {
        let table = Table {
            header: args("crate lines"),
            rows: vec![args("ours 1,000"), args("google-datastore1 12")],
        };
        assert_eq!(
            table.plain(),
            "crate              lines\nours               1,000\ngoogle-datastore1     12\n"
        );
        assert_eq!(
            table.markdown(),
            "| crate | lines |\n| --- | ---: |\n| ours | 1,000 |\n| google-datastore1 | 12 |\n"
        );
    }

    #[test]
    fn ratios_are_formatted_as_times() {
        assert_eq!(times(ratio(Some(1.0), Some(3.0))), "0.33×");
        assert_eq!(times(None), "–");
    }
}
