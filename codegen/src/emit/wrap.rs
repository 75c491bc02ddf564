//! Wrapping doc text into lines of about [`DOC_WIDTH`] characters, without
//! changing what rustdoc renders: a line is only ever broken at a space, and
//! only where the new line cannot start another Markdown block.
//!
//! Lines are broken, never joined. Code blocks (fenced or indented), tables,
//! headings and their underlines are left as they are; code spans and
//! inline links are never broken; a word longer than the width (a long URL)
//! gets a line of its own. The continuation lines of a list item or a block
//! quote keep its indentation or its `>` markers.

/// The most characters of text on one doc line. The lines are written after
/// `/// ` and the item's indentation, so that a field's doc in a resource
/// module (`        /// `) ends by column 100.
pub const DOC_WIDTH: usize = 88;

/// `text`'s lines, long ones broken at spaces into lines of at most `width`
/// characters where that is possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let kept = kept_as_they_are(&lines);
    let mut out = Vec::with_capacity(lines.len());
    for (line, kept) in lines.iter().zip(kept) {
        if kept || line.chars().count() <= width {
            out.push((*line).to_owned());
        } else {
            wrap_line(line, width, &mut out);
        }
    }
    out
}

/// Which lines must not be broken: fences and what they hold, indented code,
/// tables, headings and setext underlines with their text.
fn kept_as_they_are(lines: &[&str]) -> Vec<bool> {
    let mut kept = vec![false; lines.len()];
    let mut fence: Option<&str> = None;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|marker| trimmed.starts_with(marker));
        match (fence, marker) {
            (None, Some(marker)) => {
                fence = Some(marker);
                kept[index] = true;
            }
            (Some(open), Some(marker)) if open == marker => {
                fence = None;
                kept[index] = true;
            }
            (Some(_), _) => kept[index] = true,
            (None, None) => {
                let indented = line.starts_with("    ") || line.starts_with('\t');
                let heading = trimmed.starts_with('#') || trimmed.starts_with('|');
                if indented || heading {
                    kept[index] = true;
                }
                if is_underline(trimmed) && index > 0 {
                    kept[index] = true;
                    kept[index - 1] = true;
                }
                if is_table_delimiter(trimmed) {
                    mark_table(lines, index, &mut kept);
                }
            }
        }
    }
    kept
}

/// A setext heading's underline (`===`, `---`), or a thematic break.
fn is_underline(trimmed: &str) -> bool {
    let line = trimmed.trim_end();
    !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

/// The row under a table's header: `| --- | :-: |` or `--- | ---`.
fn is_table_delimiter(trimmed: &str) -> bool {
    let line = trimmed.trim_end();
    line.contains('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The table whose delimiter row is `lines[delimiter]`: its header row and
/// the rows down to the next blank line.
fn mark_table(lines: &[&str], delimiter: usize, kept: &mut [bool]) {
    if delimiter > 0 {
        kept[delimiter - 1] = true;
    }
    for (index, line) in lines.iter().enumerate().skip(delimiter) {
        if line.trim().is_empty() {
            break;
        }
        kept[index] = true;
    }
}

/// Breaks one line of a paragraph, a list item or a block quote.
fn wrap_line(line: &str, width: usize, out: &mut Vec<String>) {
    let (first_prefix, rest) = split_prefix(line);
    let continuation = continuation_prefix(first_prefix);
    let mut current = first_prefix.to_owned();
    let mut length = current.chars().count();
    let mut at_start = true;
    let mut previous_word = "";
    for (spaces, word) in words(rest) {
        let word_length = word.chars().count();
        let fits = length + spaces.len() + word_length <= width;
        if at_start || fits || !may_break_between(previous_word, word) {
            if !at_start {
                current.push_str(spaces);
                length += spaces.len();
            }
            current.push_str(word);
            length += word_length;
        } else {
            out.push(std::mem::replace(&mut current, continuation.clone()));
            current.push_str(word);
            length = continuation.chars().count() + word_length;
        }
        at_start = false;
        previous_word = word;
    }
    out.push(current);
}

/// The part of a line before its text: indentation, `>` markers of block
/// quotes, and a list item's marker with the spaces after it.
fn split_prefix(line: &str) -> (&str, &str) {
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'>' {
            at += 1;
        } else {
            break;
        }
    }
    if let Some(marker) = list_marker(&line[at..]) {
        at += marker;
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
    }
    line.split_at(at)
}

/// The length of a list item's marker (`-`, `*`, `+`, `1.`, `1)`) at the
/// start of `text`, when a space follows it.
fn list_marker(text: &str) -> Option<usize> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match text.as_bytes().get(digits)? {
        b'-' | b'*' | b'+' if digits == 0 => 1,
        b'.' | b')' if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    text[marker..].starts_with(' ').then_some(marker)
}

/// The prefix of a continuation line: the `>` markers of the first line's
/// prefix, and spaces for the rest of it (so that a list item's text lines
/// up under its first line).
fn continuation_prefix(first: &str) -> String {
    match first.rfind('>') {
        Some(last) => {
            let quotes = &first[..=last];
            let after = first[last + 1..].chars().count();
            format!("{quotes}{}", " ".repeat(after))
        }
        None => " ".repeat(first.chars().count()),
    }
}

/// May a line break between these two words without changing the rendering?
/// Not after a backslash (a hard line break), and not before a word that
/// would start a block at the start of a line: a list item, a quote, a
/// heading, a fence, a table row, an underline, or HTML.
fn may_break_between(previous: &str, next: &str) -> bool {
    if previous.ends_with('\\') {
        return false;
    }
    let starts_block = next.starts_with(['>', '|', '#'])
        || next.starts_with("```")
        || next.starts_with("~~~")
        || (next.starts_with('<') && !next.starts_with("<http"))
        || next
            .chars()
            .all(|c| matches!(c, '=' | '-' | '_' | '*' | '+'))
        || list_marker(&format!("{next} ")).is_some();
    !starts_block
}

/// The words of a line's text, each with the spaces before it. A code span
/// or an inline link is part of the word it is in, spaces and all.
fn words(text: &str) -> Vec<(&str, &str)> {
    let mut words = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let start = at;
        at += text[at..].len() - text[at..].trim_start_matches(' ').len();
        let word_start = at;
        while at < text.len() && !text[at..].starts_with(' ') {
            at += atom(&text[at..], &text[..at]);
        }
        if word_start < at {
            words.push((&text[start..word_start], &text[word_start..at]));
        }
    }
    words
}

/// The length of what starts `text` and cannot be broken: a code span, an
/// inline link, or one character. `before` is the text that precedes it.
fn atom(text: &str, before: &str) -> usize {
    let escaped = before.ends_with('\\');
    let one = text.chars().next().map_or(1, char::len_utf8);
    if escaped {
        return one;
    }
    if text.starts_with('`') {
        return code_span(text).unwrap_or_else(|| text.len() - text.trim_start_matches('`').len());
    }
    if text.starts_with('[') {
        return inline_link(text).unwrap_or(one);
    }
    one
}

/// A closed code span at the start of `text`: a run of backticks, closed by
/// the next run of as many.
fn code_span(text: &str) -> Option<usize> {
    let ticks = text.len() - text.trim_start_matches('`').len();
    let mut at = ticks;
    while let Some(offset) = text[at..].find('`') {
        let start = at + offset;
        let run = text[start..].len() - text[start..].trim_start_matches('`').len();
        if run == ticks {
            return Some(start + run);
        }
        at = start + run;
    }
    None
}

/// `[text](target)` at the start of `text`.
fn inline_link(text: &str) -> Option<usize> {
    let label_end = text.find(']')?;
    let target = text[label_end + 1..].strip_prefix('(')?;
    let target_end = target.find(')')?;
    Some(label_end + 2 + target_end + 1)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    fn wrapped(text: &str, width: usize) -> String {
        wrap(text, width).join("\n")
    }

    #[test]
    fn short_lines_and_blank_lines_stay() {
        assert_eq!(wrapped("a b\n\nc", 10), "a b\n\nc");
        assert_eq!(wrapped("", 10), "");
    }

    #[test]
    fn paragraphs_break_at_spaces() {
        assert_eq!(
            wrapped("one two three four five six", 10),
            "one two\nthree four\nfive six"
        );
        // Spaces inside a line are kept, the ones at a break are dropped.
        assert_eq!(wrapped("a  b   cccccccc", 6), "a  b\ncccccccc");
    }

    #[test]
    fn a_word_longer_than_the_width_gets_its_own_line() {
        let url = "<https://example.com/a/very/long/path/that/cannot/be/broken>";
        assert_eq!(
            wrapped(&format!("See {url} for more."), 20),
            format!("See\n{url}\nfor more.")
        );
        assert_eq!(wrapped(url, 20), url);
    }

    #[test]
    fn code_spans_and_links_are_never_broken() {
        assert_eq!(
            wrapped("use `a b c d` and [the docs](https://x.y/z) here", 12),
            "use\n`a b c d`\nand\n[the docs](https://x.y/z)\nhere"
        );
        // An unclosed backtick opens no code span.
        assert_eq!(wrapped("a ` b c", 4), "a `\nb c");
        // An escaped bracket opens no link.
        assert_eq!(wrapped("\\[a b\\] c", 5), "\\[a\nb\\] c");
    }

    #[test]
    fn fenced_code_is_kept() {
        let text = "Example:\n```text\nlet x = a very long line of code that goes on and on;\n```\nand a long paragraph after";
        assert_eq!(
            wrapped(text, 16),
            "Example:\n```text\nlet x = a very long line of code that goes on and on;\n```\nand a long\nparagraph after"
        );
        let tilde = "~~~\nnot wrapped at all, ever\n~~~";
        assert_eq!(wrapped(tilde, 8), tilde);
    }

    #[test]
    fn list_items_keep_their_indentation() {
        assert_eq!(
            wrapped("- first item that is long\n* second one, long too", 14),
            "- first item\n  that is long\n* second one,\n  long too"
        );
        assert_eq!(
            wrapped("12. a numbered item goes on", 14),
            "12. a numbered\n    item goes\n    on"
        );
        assert_eq!(
            wrapped("  - nested item is long", 14),
            "  - nested\n    item is\n    long"
        );
    }

    #[test]
    fn block_quotes_keep_their_markers() {
        assert_eq!(
            wrapped("> quoted text that is long", 12),
            "> quoted\n> text that\n> is long"
        );
    }

    #[test]
    fn no_line_starts_a_block_it_did_not_start() {
        // Each of these words would start a list, a heading, a quote, a
        // table row or an underline at the start of a line.
        for word in ["-", "*", "+", "1.", "2)", "#", ">", "|", "==", "---", "```"] {
            let text = format!("aaaa {word} bbbb");
            let lines = wrap(&text, 5);
            assert!(
                lines.iter().all(|line| !line.starts_with(word)),
                "{word}: {lines:?}"
            );
        }
        // A backslash at the end of a line would be a hard line break.
        assert_eq!(wrapped("aaaa \\ bbbb", 5), "aaaa\n\\ bbbb");
    }

    #[test]
    fn headings_tables_and_indented_code_are_kept() {
        let heading = "# A heading that is far too long for the width";
        assert_eq!(wrapped(heading, 10), heading);
        let setext = "A setext heading that is long\n===";
        assert_eq!(wrapped(setext, 10), setext);
        let table =
            "Name | Meaning of it\n--- | ---\nA | the first letter of it\n\nafter the table";
        assert_eq!(
            wrapped(table, 10),
            "Name | Meaning of it\n--- | ---\nA | the first letter of it\n\nafter the\ntable"
        );
        let piped = "| a long row of a table |";
        assert_eq!(wrapped(piped, 10), piped);
        let code = "    indented code that is long";
        assert_eq!(wrapped(code, 10), code);
    }

    #[test]
    fn width_counts_characters() {
        assert_eq!(wrapped("éééé éééé", 9), "éééé éééé");
        assert_eq!(wrapped("éééé éééé", 8), "éééé\néééé");
    }
}
