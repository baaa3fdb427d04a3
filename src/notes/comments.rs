//! Hindsight's directives in HTML comments: suppressions and the not-experience marker.

use crate::blocks::Blocks;
use crate::kinds::{RuleCode, RuleSet};

/// A Hindsight directive in an HTML comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Directive {
    Disable(RuleSet),
    NotExperience,
}

pub(super) struct Comment {
    pub(super) offset: usize,
    pub(super) directive: Directive,
}

pub(super) fn read_comments(text: &str, blocks: &Blocks) -> Vec<Comment> {
    let mut out = Vec::new();
    for range in &blocks.comments {
        let inner = text[range.clone()]
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        if let Some(rest) = inner.strip_prefix("hindsight-disable") {
            if rest
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '-')
            {
                continue;
            }
            let mut codes = RuleSet::default();
            let mut any = false;
            for word in rest
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty())
            {
                any = true;
                if let Some(code) = RuleCode::from_code(word) {
                    codes.insert(code);
                }
            }
            let codes = if any { codes } else { RuleSet::ALL };
            out.push(Comment {
                offset: range.start,
                directive: Directive::Disable(codes),
            });
        } else if let Some(rest) = inner.strip_prefix("hindsight:")
            && rest.trim() == "not-experience"
        {
            out.push(Comment {
                offset: range.start,
                directive: Directive::NotExperience,
            });
        }
    }
    out
}
