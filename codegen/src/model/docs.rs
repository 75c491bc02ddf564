//! Discovery descriptions → rustdoc Markdown that renders cleanly and makes
//! rustdoc raise no warnings: no broken intra-doc links from `[x]`, no HTML
//! tags, bare URLs made into links, control characters dropped.

/// The site of Google's API documentation, which site-relative links in
/// descriptions (`/drive/api/…`) are relative to unless the document's
/// `documentationLink` names another host.
pub const DEFAULT_SITE: &str = "https://developers.google.com";

/// The scheme and host of `documentation_link`, which site-relative links
/// are resolved against; [`DEFAULT_SITE`] when it has none.
pub fn site_of(documentation_link: Option<&str>) -> String {
    let Some(link) = documentation_link else {
        return DEFAULT_SITE.to_owned();
    };
    let Some((scheme, rest)) = link.split_once("://") else {
        return DEFAULT_SITE.to_owned();
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let valid = matches!(scheme, "http" | "https")
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if valid {
        format!("{scheme}://{host}")
    } else {
        DEFAULT_SITE.to_owned()
    }
}

/// Sanitizes a description; site-relative links (`[x](/a/b)`) are resolved
/// against `site`, e.g. `https://cloud.google.com`. Code spans are kept as
/// they are.
pub fn rustdoc_at(description: &str, site: &str) -> String {
    let text: String = description
        .chars()
        .filter(|&c| c == '\n' || !(c.is_control() || is_bidi_control(c)))
        .collect();
    let text = neutralize_code_blocks(text.trim());
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while !rest.is_empty() {
        if let Some(span) = code_span(rest) {
            out.push_str(span);
            rest = &rest[span.len()..];
        } else if let Some((length, label, url)) = markdown_link(rest) {
            out.push_str(&format!("[{label}]("));
            if url.starts_with('/') {
                out.push_str(site);
            }
            out.push_str(url);
            out.push(')');
            rest = &rest[length..];
        } else if let Some(url) = bare_url(rest) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            match c {
                // A backtick that opens no closed code span is text.
                '[' | ']' | '<' | '`' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Code blocks in descriptions are not Rust: rustdoc would compile them as
/// doctests. Fenced blocks are marked `text`; indentation that would make an
/// indented code block is removed outside fences.
fn neutralize_code_blocks(text: &str) -> String {
    let mut in_fence = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                let fence = &trimmed[..3];
                in_fence = !in_fence;
                return if in_fence {
                    format!("{fence}text")
                } else {
                    fence.to_owned()
                };
            }
            if in_fence {
                line.to_owned()
            } else {
                trimmed.to_owned()
            }
        })
        .collect();
    let mut joined = lines.join("\n");
    if in_fence {
        joined.push_str("\n```");
    }
    joined
}

/// `text` as a Markdown code span, whatever backticks it holds, without
/// control characters.
pub fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| !(c.is_control() || is_bidi_control(c)))
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A value of a path or query parameter for the example: its pattern with
/// each variable segment as `my-…`, or `my-<name>`.
pub fn example_value(pattern: Option<&str>, wire_name: &str) -> String {
    let fallback = || format!("my-{}", super::names::snake(wire_name).replace('_', "-"));
    let Some(pattern) = pattern else {
        return fallback();
    };
    // Each variable part of the pattern (`[^/]+`, `.*`, `.+`) becomes one
    // marked segment before the pattern is cut at its slashes.
    const VARIABLE: &str = "\u{0}";
    let literal = pattern
        .trim_start_matches('^')
        .trim_end_matches('$')
        .replace("[^/]+", VARIABLE)
        .replace(".*", VARIABLE)
        .replace(".+", VARIABLE);
    let mut value = Vec::new();
    let mut previous = "";
    for segment in literal.split('/') {
        let plain = segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if plain && !segment.is_empty() {
            value.push(segment.to_owned());
        } else {
            let noun = previous.trim_end_matches('s');
            value.push(format!("my-{}", if noun.is_empty() { "id" } else { noun }));
        }
        previous = segment;
    }
    value.join("/")
}

/// The first sentence of a (sanitized) description's first line.
pub fn first_sentence(doc: &str) -> &str {
    let line = doc.lines().next().unwrap_or_default();
    match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A closed code span (`` `x` ``) at the start of `text`: CommonMark closes
/// it only with a run of exactly as many backticks as opened it.
fn code_span(text: &str) -> Option<&str> {
    let ticks = text.len() - text.trim_start_matches('`').len();
    if ticks == 0 {
        return None;
    }
    let mut at = ticks;
    while let Some(offset) = text[at..].find('`') {
        let start = at + offset;
        let run = text[start..].len() - text[start..].trim_start_matches('`').len();
        if run == ticks {
            return Some(&text[..start + run]);
        }
        at = start + run;
    }
    None
}

/// A Markdown link `[label](target)` at the start of `text`, whose label
/// has no brackets and only closed code spans, and whose target is an
/// absolute URL or a site-relative path (`/drive/api/…`): its length, label
/// and target.
fn markdown_link(text: &str) -> Option<(usize, &str, &str)> {
    let label_end = text.strip_prefix('[')?.find(']')? + 1;
    let label = &text[1..label_end];
    if label.contains('[') || !closed_code_spans(label) {
        return None;
    }
    let target = text[label_end + 1..].strip_prefix('(')?;
    let target_end = target.find(')')?;
    let url = &target[..target_end];
    let absolute = url.starts_with("http://") || url.starts_with("https://");
    let site_relative = url.starts_with('/') && !url.starts_with("//");
    if !(absolute || site_relative) || url.contains(char::is_whitespace) || url.contains('<') {
        return None;
    }
    Some((label_end + 2 + target_end + 1, label, url))
}

/// Whether every backtick of `label` belongs to a closed code span.
fn closed_code_spans(label: &str) -> bool {
    let mut rest = label;
    while let Some(start) = rest.find('`') {
        match code_span(&rest[start..]) {
            Some(span) => rest = &rest[start + span.len()..],
            None => return false,
        }
    }
    true
}

/// A bare `http(s)://` URL at the start of `text`, without trailing punctuation.
fn bare_url(text: &str) -> Option<&str> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(text.len());
    let mut url = &text[..end];
    // Trailing punctuation ends the sentence, not the URL; a `)` belongs to
    // the URL only when it closes a `(` of the URL.
    loop {
        let unbalanced = url.matches(')').count() > url.matches('(').count();
        url = match url.chars().last() {
            Some('.' | ',' | ';' | ':' | '\'' | '!' | '?') => &url[..url.len() - 1],
            Some(')') if unbalanced => &url[..url.len() - 1],
            _ => return Some(url),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::{rustdoc_at, DEFAULT_SITE};

    fn rustdoc(description: &str) -> String {
        rustdoc_at(description, DEFAULT_SITE)
    }

    #[test]
    fn keeps_code_spans_and_links() {
        assert_eq!(
            rustdoc("  If `true`, see [API](https://x.y/z).  "),
            "If `true`, see [API](https://x.y/z)."
        );
        assert_eq!(rustdoc("`a[0] <b>`"), "`a[0] <b>`");
    }

    #[test]
    fn unbalanced_backticks_open_no_code_span() {
        assert_eq!(rustdoc("`a [x] ``` b"), "\\`a \\[x\\] \\`\\`\\` b");
        assert_eq!(rustdoc("``a ` [x]`` [y]"), "``a ` [x]`` \\[y\\]");
    }

    #[test]
    fn code_blocks_are_never_doctests() {
        assert_eq!(
            rustdoc("x\n```\nfn main() {}\n```"),
            "x\n```text\nfn main() {}\n```"
        );
        assert_eq!(rustdoc("x\n\n    fn main() {}"), "x\n\nfn main() {}");
        assert_eq!(rustdoc("x\n```rust\nlet a;"), "x\n```text\nlet a;\n```");
    }

    #[test]
    fn links_keep_code_labels_and_site_relative_targets_get_the_site() {
        assert_eq!(
            rustdoc("Use [`jobs.query`](https://cloud.google.com/x) now."),
            "Use [`jobs.query`](https://cloud.google.com/x) now."
        );
        assert_eq!(
            rustdoc_at(
                "See [`about`](/drive/api/about).",
                "https://cloud.google.com"
            ),
            "See [`about`](https://cloud.google.com/drive/api/about)."
        );
        assert_eq!(rustdoc("[a](/b)"), "[a](https://developers.google.com/b)");
        // An unclosed code span, a protocol-relative or relative target:
        // escaped, not linked.
        assert_eq!(rustdoc("[`a](/b)"), "\\[\\`a\\](/b)");
        assert_eq!(rustdoc("[a](//h/b)"), "\\[a\\](//h/b)");
        assert_eq!(rustdoc("[a](b/c)"), "\\[a\\](b/c)");
    }

    #[test]
    fn example_values_follow_the_pattern() {
        let value = super::example_value(Some("^projects/[^/]+/operations/.*$"), "name");
        assert_eq!(value, "projects/my-project/operations/my-operation");
        assert_eq!(super::example_value(Some("^.*$"), "name"), "my-id");
        assert_eq!(super::example_value(None, "projectId"), "my-project-id");
    }

    #[test]
    fn code_spans_hold_any_text() {
        use super::code;
        assert_eq!(code("ACB_UNSPECIFIED"), "`ACB_UNSPECIFIED`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\0b\u{202e}c\n"), "`abc`");
    }

    #[test]
    fn the_site_is_the_documentation_links_host() {
        use super::site_of;
        assert_eq!(
            site_of(Some("https://cloud.google.com/storage/docs/json_api/")),
            "https://cloud.google.com"
        );
        assert_eq!(
            site_of(Some("https://developers.google.com/drive/")),
            "https://developers.google.com"
        );
        assert_eq!(site_of(Some("not a url")), "https://developers.google.com");
        assert_eq!(site_of(None), "https://developers.google.com");
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            rustdoc("[x] and <b>bold</b>"),
            "\\[x\\] and \\<b>bold\\</b>"
        );
        assert_eq!(rustdoc("See https://a.b/c."), "See <https://a.b/c>.");
        assert_eq!(rustdoc("(https://a.b/x_(y).)"), "(<https://a.b/x_(y)>.)");
        assert_eq!(rustdoc("bidi\u{202E}nul\0"), "bidinul");
    }
}
