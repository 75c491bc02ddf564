//! Path templates (`v1/{+name}:cancel`), parsed at generation time.
//!
//! Discovery uses RFC 6570 level 1 (`{var}`) and the reserved operator of
//! level 2 (`{+var}`); any other operator is rejected here rather than emitted.

/// One piece of a parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `{var}`
    Simple(String),
    /// `{+var}`
    Reserved(String),
}

impl Segment {
    /// The variable's name, for variable segments.
    pub fn variable(&self) -> Option<&str> {
        match self {
            Segment::Literal(_) => None,
            Segment::Simple(name) | Segment::Reserved(name) => Some(name),
        }
    }
}

/// Parses `template`; the error says what is wrong with it.
pub fn parse_template(template: &str) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("unmatched `}}` in path template {template:?}"));
        }
        if open > 0 {
            segments.push(Segment::Literal(rest[..open].to_owned()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path template {template:?}"))?;
        segments.push(parse_expression(&after[..close], template)?);
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_owned()));
    }
    if has_literal_dot_segment(&segments) {
        return Err(format!(
            "path template {template:?} has a `.` or `..` segment whatever its values: \
             URL normalization would remove it"
        ));
    }
    Ok(segments)
}

/// Whether the template has a dot segment with every variable standing for
/// a plain value (`x`). Values that make one together with the literals
/// (`{+a}./b` with `a` = `y/`) are the runtime's to refuse.
fn has_literal_dot_segment(segments: &[Segment]) -> bool {
    let neutral: String = segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => text.as_str(),
            Segment::Simple(_) | Segment::Reserved(_) => "x",
        })
        .collect();
    // `%2E` is a dot and `%2F` a slash to servers that decode them.
    let decoded = neutral
        .replace("%2E", ".")
        .replace("%2e", ".")
        .replace("%2F", "/")
        .replace("%2f", "/");
    decoded
        .split('/')
        .any(|segment| segment == "." || segment == "..")
}

fn parse_expression(expression: &str, template: &str) -> Result<Segment, String> {
    let (reserved, name) = match expression.strip_prefix('+') {
        Some(name) => (true, name),
        None => (false, expression),
    };
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if !valid_name {
        return Err(format!(
            "unsupported expression `{{{expression}}}` in path template {template:?}: \
             expected `{{name}}` or `{{+name}}`"
        ));
    }
    Ok(if reserved {
        Segment::Reserved(name.to_owned())
    } else {
        Segment::Simple(name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_literals_and_variables() {
        assert_eq!(
            parse_template("v1/{+name}:cancel").unwrap(),
            vec![
                Segment::Literal("v1/".into()),
                Segment::Reserved("name".into()),
                Segment::Literal(":cancel".into()),
            ]
        );
        assert_eq!(
            parse_template("v1/projects/{projectId}:lookup").unwrap()[1],
            Segment::Simple("projectId".into())
        );
    }

    #[test]
    fn rejects_other_operators_and_broken_braces() {
        assert!(parse_template("v1/{#frag}")
            .unwrap_err()
            .contains("unsupported expression"));
        assert!(parse_template("v1/{/a,b}").is_err());
        assert!(parse_template("v1/{name").unwrap_err().contains("unclosed"));
        assert!(parse_template("v1/name}")
            .unwrap_err()
            .contains("unmatched"));
        assert!(parse_template("v1/{}").is_err());
    }

    #[test]
    fn rejects_literal_dot_segments_but_not_dots_next_to_a_value() {
        for template in ["v1/./{+name}", "v1/{+name}/..", "v1/%2E%2e/{a}", "./v1/{a}"] {
            let error = parse_template(template).unwrap_err();
            assert!(error.contains("`.` or `..` segment"), "{template}: {error}");
        }
        for template in [
            "v1/{+a}./{+b}",
            "v1/{+a}.{+b}",
            "v1/{+name}:get",
            "v1/.well-known/{a}",
        ] {
            assert!(parse_template(template).is_ok(), "{template}");
        }
    }
}
