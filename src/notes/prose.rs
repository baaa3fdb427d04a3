//! Parts stated in prose (SPEC §2, "Reading notes as people write them"): sentences that read
//! as a result, a lesson, hindsight or an action, without any label.
//!
//! A region of text is cut into paragraphs (blank lines, list items and cut-out ranges end
//! one; wrapped lines join), each paragraph is searched for cue phrases, and only a paragraph
//! holding a cue is segmented into sentences (UAX #29), so that the cost stays with the text
//! that matters. Every hit carries the byte range of its sentence in the original text.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::kinds::PartKind;

/// A sentence read as stating a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: PartKind,
    /// The sentence, trimmed, in the original text.
    pub sentence: Range<usize>,
    /// An action with "I" as its subject: the writer's own voice.
    pub personal: bool,
}

/// The kinds read from prose, in the order they are searched.
pub const PROSE_KINDS: [PartKind; 4] = [
    PartKind::Action,
    PartKind::Result,
    PartKind::Lesson,
    PartKind::Hindsight,
];

/// Cue phrases for one configuration: the built-in lexicon plus phrases from `[cues]`.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Extra phrases per kind, compiled into one case-insensitive pattern each.
    extra: Vec<(PartKind, Regex)>,
}

impl Cues {
    /// Compiles configured phrases (matched case-insensitively, as whole words).
    pub fn new(extra: &[(PartKind, Vec<String>)]) -> Cues {
        let mut compiled = Vec::new();
        for (kind, phrases) in extra {
            let alternatives: Vec<String> = phrases
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(|p| regex::escape(&p.to_lowercase()))
                .collect();
            if alternatives.is_empty() {
                continue;
            }
            let pattern = format!(r"(?i)(?:^|\W)(?:{})(?:\W|$)", alternatives.join("|"));
            if let Ok(re) = Regex::new(&pattern) {
                compiled.push((*kind, re));
            }
        }
        Cues { extra: compiled }
    }
}

// The lexicon. Word boundaries are ASCII (`(?-u:\b)`), which keeps the patterns on the fast
// engine for any text; apostrophes may be straight or curly.
const RESULT: &str = r"(?ix)
      \bas\ a\ (?:direct\ )?result\b
    | \bresult(?:ed|ing)\ in\b
    | \bwhich\ (?:cut|saved|reduced|raised|increased|halved|doubled|tripled|improved|lowered|removed|eliminated|freed|shortened|sped\ up|brought)\b
    | \bno\ longer\b
    | \b(?:is|are|was|were)\ now\b
    | \bnow\ [a-z]{3,}(?:es|s)\b
    | \bnow\ [a-z]+\ [^.;!?]{0,40}?(?:[0-9]|\btwo\b|\bthree\b|\bfour\b|\bfive\b|\bsix\b|\bseven\b|\beight\b|\bnine\b|\bten\b|\btwenty\b|\bhalf\b|\btwice\b|\bminutes\b|\bhours\b|\bdays\b)
    | \bnow\ (?:takes|runs|has|owns|handles|gets|costs|needs|happens|arrives|ships|lands|works|uses|covers|reaches|serves|finishes|closes|sits|lasts|fits|passes|catches|loads|starts|ends|flags|goes|comes|means|lives|holds|stays|answers|reports|shows|sends|leads|teaches|trains|manages|own|run|lead|manage|handle)\b
    | \bwent\ (?:from|down|up)\b
    | \bfrom\ [$£€]?[0-9][0-9.,]*\s?[a-z%]*\s+(?:down\ |up\ )?to\ [$£€]?[0-9]
    | \bfrom\ (?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a\ hundred)\ [a-z]+\ (?:down\ |up\ )?to\ (?:[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)
    | \binstead\ of\ (?:[0-9]|one\b|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a\ hundred)
    | [0-9][0-9.,]*\s*[a-z%]*\s*(?:→|->|⇒)\s*[$£€]?[0-9]
    | \b(?:shipped|rolled\ out|launched|released|went\ live)\ (?:to|in|across|at)\ (?:[0-9]|all\b|every\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b)
    | \b(?:cut|cuts|reduced|increased|grew|improved|saved|dropped|fell|rose|lowered|raised|boosted|shrank|trimmed|shortened|slashed|sped\ up|brought\ down|brought)\b[^.;!?]{0,60}?\b(?:by|to)\ (?:(?:about|around|roughly|nearly|almost|just|under|over|below|above|less\ than|more\ than)\ )?(?:[$£€]?[0-9]|a\ (?:third|quarter|half|fifth)\b|half\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|twenty\b|a\ hundred|zero\b)
    | \b(?:doubled|halved|tripled|quadrupled)\b
    | \bwent\ (?:live|into\ production)\b
    | \b(?:is|are)\ (?:now\ )?live\b
    | \bwon\ (?:the|a|an|us|back|two|three|best)\b
    | \bsaved\ (?:us\ |the\ [a-z]+\ |them\ |about\ |over\ |roughly\ )?[$£€]?[0-9]
    | \b(?:zero|no)\ (?:incidents|outages|complaints|defects|escalations|errors|falls|injuries|accidents|returns|repeat\ [a-z]+)\ since\b
    | \b(?:came\ in|finished|delivered|landed)\ (?:under|on|ahead\ of)\ (?:budget|time|schedule)\b
    | \bahead\ of\ schedule\b
    | \bthe\ (?:outcome|result|impact|upshot)\ (?:was|is)\b
    | \b(?:got|was)\ promoted\b
    | \b(?:adopted|used)\ by\ (?:[0-9]|every|all|two|three|four|five|six|seven|eight|nine|ten|other|the\ whole)
    | \bsigned\ (?:off|the\ contract|a\ [0-9])\b
";

const LESSON: &str = r"(?ix)
      \bI(?:'ve|’ve|\ have)?\ (?:realised|realized)\b
    | \bI(?:'ve|’ve|\ have)?\ (?:learned|learnt|discovered|understood)(?:\ (?:that|how|why|what|when|where|to|not|never|always|early|quickly|fast|the\ hard\ way|the\ value|the\ importance|a\ lot|so\ much|more|first-hand|firsthand)\b|\s*[:,—–.]|\s*$)
    | \b(?:taught|showed|reminded)\ me\b
    | \b(?:my|the|one|biggest|main|key|real|big)\ (?:(?:biggest|main|key|real|big|hardest|first|second|last|other|important|clear|simple|obvious|painful|one)\ )?(?:takeaway|lesson)s?(?:\ here|\ for\ me)?(?:\ (?:was|is|were|are)\b|\s*[:—–])
    | \blessons?\ learn(?:ed|t)\b
    | \bwhat\ I\ took\ (?:away\ )?from\b
    | \bI\ now\ (?:always|never|routinely|make\ sure|insist|check|ask|start|plan|budget|write|test|verify|involve|document|double-check|try|prefer|avoid|push|bring|share|set|spend|keep|build|review|schedule|confirm|measure|read|look|begin|treat|agree|warn|book|call|pair|get)\b
    | \b(?:now\ I|I\ now)\ (?:know|understand|see|believe)\b
    | \bthe\ hard\ way\b
    | \bit\ (?:was|is)\ a\ lesson\ in\b
";

const HINDSIGHT: &str = r"(?ix)
      (?:^|[.!?]\s+|\W)(?:looking\ back|with\ (?:the\ benefit\ of\ )?hindsight)(?:\s*[,:—–]|\s+(?:now|I|on\ it|today)\b)
    | \bin\ (?:hindsight|retrospect)\b
    | \bnext\ time,?\ (?:I|I['’]d|I['’]ll|I\ would|I\ will|I\ should|I['’]m\ going\ to|we['’]d|we\ would|we\ will)\b
    | \bif\ I\ (?:did|were\ doing|were\ to\ do|could\ do|had\ to\ do|ran|were\ running|started|were\ starting|had\ it)\ (?:it|this|that|the\ [a-z]+)\ (?:again|over)\b
    | \bif\ I\ could\ (?:go\ back|do\ it\ again|start\ over|redo)\b
    | \bI\ (?:should|shouldn['’]t|should\ not|could)\ have\b
    | \bI(?:['’]d|\ would)\ have\ (?:[a-z]+ed|[a-z]+en|done|made|taken|brought|set|built|written|gone|run|got|told|pushed|asked|kept|sent|spent|put)\b
    | \bI\ wish\ I(?:['’]d|\ had)\b
    | \b(?:I['’]d|I\ would)\ (?:do|handle|approach|run|plan|tackle|structure|manage)\ (?:it\ |this\ |that\ |things\ |the\ [a-z]+\ )?differently\b
    | \bwhat\ I(?:['’]d|\ would)\ (?:do\ differently|change)\b
";

const IRREGULAR_PAST: &str = "built|wrote|led|ran|made|took|drove|found|brought|caught|chose|cut|dug|gave|got|held|kept|met|paid|put|rebuilt|rewrote|sent|sold|spent|split|spoke|stood|taught|told|thought|won|began|became|drew|grew|knew|shut|sought|fought|flew|threw|left|bought|oversaw|undertook|upheld|sat|rode|broke|went|did|set|stepped|dealt|meant|swapped|overhauled|mentored|shipped";

/// Words ending in -ed that are not a past-tense action after "I" or at a sentence start.
const NOT_PAST: &[&str] = &[
    "need",
    "needed",
    "feed",
    "bleed",
    "speed",
    "seed",
    "breed",
    "proceed",
    "exceed",
    "succeed",
    "shed",
    "embed",
    "indeed",
    "red",
    "bed",
    "wed",
    "based",
    "related",
    "interested",
    "tired",
    "limited",
    "detailed",
    "advanced",
    "unrelated",
    "supposed",
    "used",
    "scared",
    "excited",
    "worried",
    "concerned",
    "pleased",
    "proud",
    "bored",
    "confused",
    "ashamed",
    "embarrassed",
    "frustrated",
    "annoyed",
    "overwhelmed",
    "surprised",
    "aged",
    "deprecated",
    "added",
    "fixed",
    "removed",
    "changed",
    "updated",
    "bumped",
    "renamed",
    "released",
    "published",
    "merged",
    "reverted",
    "refactored",
    "upgraded",
    "downgraded",
    "supported",
    "required",
    "allowed",
    "enabled",
    "disabled",
    "exposed",
    // What the writer thought or felt is no action (and "I learned" is a lesson).
    "learned",
    "learnt",
    "realised",
    "realized",
    "discovered",
    "understood",
    "noticed",
    "wished",
    "hoped",
    "wanted",
    "liked",
    "loved",
    "enjoyed",
    "preferred",
    "believed",
    "assumed",
    "agreed",
    "expected",
    "imagined",
    "seemed",
    "appeared",
];

fn action_patterns() -> &'static (Regex, Regex) {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let first_person = format!(
            r"(?i)(?-u:\b)I\s+(?:(?:also|then|first|quickly|personally|eventually|finally|later|just|soon|immediately|single-handedly|myself)\s+)?([a-z]+ed|{IRREGULAR_PAST})(?-u:\b)"
        );
        let subject_less = format!(r"(?:^|[.!?]\s+)([A-Z][a-z]+ed|(?i:{IRREGULAR_PAST}))(?-u:\b)");
        (
            Regex::new(&first_person).unwrap_or_else(|_| never()),
            Regex::new(&subject_less).unwrap_or_else(|_| never()),
        )
    })
}

/// Compiles a lexicon pattern with ASCII word boundaries.
fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    crate::text::lexicon(pattern, false)
}

fn lexicon() -> &'static [(PartKind, Regex); 3] {
    static LEXICON: OnceLock<[(PartKind, Regex); 3]> = OnceLock::new();
    LEXICON.get_or_init(|| {
        [
            (
                PartKind::Result,
                compile(RESULT).unwrap_or_else(|_| never()),
            ),
            (
                PartKind::Lesson,
                compile(LESSON).unwrap_or_else(|_| never()),
            ),
            (
                PartKind::Hindsight,
                compile(HINDSIGHT).unwrap_or_else(|_| never()),
            ),
        ]
    })
}

/// Every built-in cue pattern in one set, in the order [Result, Lesson, Hindsight, action with
/// "I", action without a subject]: one pass over a paragraph says which of them can match, so
/// that a paragraph without cues (most of them) costs one scan instead of five.
fn cue_set() -> &'static regex::RegexSet {
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        let (first_person, subject_less) = action_patterns();
        let patterns = [
            lexicon()[0].1.as_str(),
            lexicon()[1].1.as_str(),
            lexicon()[2].1.as_str(),
            first_person.as_str(),
            subject_less.as_str(),
        ];
        // Should the set not compile (a unit test proves it does), every pattern may match:
        // each is then run on its own, as before the set.
        regex::RegexSet::new(patterns).unwrap_or_else(|_| {
            regex::RegexSet::new([""; 5]).unwrap_or_else(|_| regex::RegexSet::empty())
        })
    })
}

/// A pattern that matches nothing: the stand-in should a built-in pattern fail to compile
/// (a unit test proves they all do).
fn never() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a character class compiles"))
}

/// One paragraph of prose, joined from line pieces.
struct Paragraph {
    /// The pieces joined with a space, emphasis and code markers blanked.
    joined: String,
    /// For each piece: its start in `joined` and in the original text, and its length.
    map: Vec<(usize, usize, usize)>,
}

impl Paragraph {
    /// Original offset of a position in `joined` (a joining space maps to its piece's end).
    fn original(&self, at: usize) -> usize {
        let i = self
            .map
            .partition_point(|(j, _, _)| *j <= at)
            .saturating_sub(1);
        match self.map.get(i) {
            Some((j, o, len)) => o + (at - j).min(*len),
            None => 0,
        }
    }
}

/// Reads `region` of `text`, skipping `cut` (sorted ranges: headings, labels, comments,
/// code, nested experiences), and returns the sentences that state a part of one of `kinds`.
pub fn read(
    text: &str,
    region: Range<usize>,
    cut: &[Range<usize>],
    kinds: &[PartKind],
    cues: &Cues,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    if kinds.is_empty() {
        return hits;
    }
    for paragraph in paragraphs(text, region, cut) {
        read_paragraph(&paragraph, text, kinds, cues, &mut hits);
    }
    hits
}

fn read_paragraph(
    paragraph: &Paragraph,
    text: &str,
    kinds: &[PartKind],
    cues: &Cues,
    hits: &mut Vec<Hit>,
) {
    let joined = paragraph.joined.as_str();
    let can_match = cue_set().matches(joined);
    let built_in = |i: usize| i >= can_match.len() || can_match.matched(i);
    // (kind, offset in `joined`) of every cue.
    let mut found: Vec<(PartKind, usize, bool)> = Vec::new();
    for kind in kinds {
        match kind {
            PartKind::Action if built_in(3) || built_in(4) => {
                let (first_person, subject_less) = action_patterns();
                let personal = first_person
                    .captures_iter(if built_in(3) { joined } else { "" })
                    .map(|c| (c, true));
                let bare = subject_less
                    .captures_iter(if built_in(4) { joined } else { "" })
                    .map(|c| (c, false));
                for (caps, personal) in personal.chain(bare) {
                    if let Some(verb) = caps.get(1)
                        && !NOT_PAST
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(verb.as_str()))
                    {
                        let at = caps.get(0).map_or(verb.start(), |m| m.start());
                        found.push((PartKind::Action, at, personal));
                    }
                }
            }
            PartKind::Context | PartKind::Action => {}
            kind => {
                if let Some(i) = lexicon().iter().position(|(k, _)| k == kind)
                    && built_in(i)
                {
                    let re = &lexicon()[i].1;
                    found.extend(re.find_iter(joined).map(|m| (*kind, m.start(), false)));
                }
            }
        }
        for (_, re) in cues.extra.iter().filter(|(k, _)| k == kind) {
            found.extend(re.find_iter(joined).map(|m| (*kind, m.start(), false)));
        }
    }
    if found.is_empty() {
        return;
    }
    // Sentences are found (UAX #29) only around the cues, a window at a time: most of a long
    // paragraph is never segmented.
    let mut sentences: Vec<(usize, &str)> = Vec::new();
    for (kind, at, personal) in found {
        // The sentence holding the cue's first letter (a cue may start with the space or
        // full stop before it).
        let letter = joined[at..]
            .find(|c: char| c.is_alphanumeric())
            .map_or(at, |i| at + i);
        let known = sentences
            .iter()
            .find(|(s, text)| *s <= letter && letter < s + text.len());
        let (start, sentence) = match known {
            Some(found) => *found,
            None => match sentence_around(joined, letter) {
                Some(found) => {
                    sentences.push(found);
                    found
                }
                None => continue,
            },
        };
        let lead = sentence.len() - sentence.trim_start().len();
        let inner = sentence.trim();
        if inner.is_empty() {
            continue;
        }
        let range =
            paragraph.original(start + lead)..paragraph.original(start + lead + inner.len());
        let range = trim_range(text, range);
        match hits
            .iter_mut()
            .find(|h| h.kind == kind && h.sentence == range)
        {
            Some(hit) => hit.personal |= personal,
            None => hits.push(Hit {
                kind,
                sentence: range,
                personal,
            }),
        }
    }
}

/// The UAX #29 sentence of `joined` that holds byte `at`, segmenting only a window from the
/// last sentence end before it (`. `, `! `, `? `) to the next one after it.
fn sentence_around(joined: &str, at: usize) -> Option<(usize, &str)> {
    const REACH: usize = 600;
    let floor = |mut i: usize| {
        while !joined.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < joined.len() && !joined.is_char_boundary(i) {
            i += 1;
        }
        i.min(joined.len())
    };
    let back = floor(at.saturating_sub(REACH));
    let before = joined.get(back..at)?;
    let start = ["。", ". ", "! ", "? "]
        .iter()
        .filter_map(|end| before.rfind(end).map(|i| back + i + end.len()))
        .max()
        .unwrap_or(back);
    let ahead = ceil((at + REACH).min(joined.len()));
    let after = joined.get(at..ahead)?;
    let end = ["。", ". ", "! ", "? "]
        .iter()
        .filter_map(|end| after.find(end).map(|i| at + i + end.len()))
        .min()
        .unwrap_or(ahead);
    let window = joined.get(start..end)?;
    // A plain-ASCII window with no terminator before its end is one sentence: UAX #29 would
    // say so too, at a cost (most cues are found in such windows).
    let body = window.trim_end();
    let body = body.strip_suffix(['.', '!', '?']).unwrap_or(body);
    if window.is_ascii() && !body.contains(['.', '!', '?']) {
        return Some((start, window));
    }
    window
        .split_sentence_bound_indices()
        .map(|(i, s)| (start + i, s))
        .find(|(s, text)| *s <= at && at < s + text.len())
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// Cuts `region` into paragraphs of prose.
fn paragraphs(text: &str, region: Range<usize>, cut: &[Range<usize>]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current = Paragraph {
        joined: String::new(),
        map: Vec::new(),
    };
    let flush = |p: &mut Paragraph, out: &mut Vec<Paragraph>| {
        if !p.map.is_empty() {
            out.push(std::mem::replace(
                p,
                Paragraph {
                    joined: String::new(),
                    map: Vec::new(),
                },
            ));
        }
    };
    let mut cut_at = cut.partition_point(|r| r.end <= region.start);
    let mut pos = region.start;
    let end = region.end.min(text.len());
    while pos < end {
        let line_end = text[pos..end].find(['\n', '\r']).map_or(end, |i| pos + i);
        let line_start = pos;
        pos = line_end + 1;
        let Some(line) = text.get(line_start..line_end) else {
            break;
        };
        let content = line_content(line);
        if content.starts_new_block {
            flush(&mut current, &mut out);
        }
        let mut piece_start = line_start + content.offset;
        if piece_start >= line_end {
            flush(&mut current, &mut out);
            continue;
        }
        // Pieces of the line outside the cut ranges.
        while cut_at < cut.len() && cut[cut_at].end <= piece_start {
            cut_at += 1;
        }
        let mut k = cut_at;
        while piece_start < line_end {
            let next_cut = cut.get(k).filter(|r| r.start < line_end);
            let piece_end = next_cut.map_or(line_end, |r| r.start.max(piece_start));
            if piece_end > piece_start {
                push_piece(&mut current, text, piece_start..piece_end);
            }
            match next_cut {
                Some(r) => {
                    // A cut that spans lines (code, a comment block) ends the paragraph.
                    if text
                        .get(r.start.max(piece_start)..r.end.min(text.len()))
                        .is_some_and(|s| s.contains('\n'))
                    {
                        flush(&mut current, &mut out);
                    }
                    piece_start = r.end.max(piece_start);
                    k += 1;
                }
                None => piece_start = line_end,
            }
        }
        if pos > line_end && text.as_bytes().get(line_end) == Some(&b'\r') {
            // CRLF: the `\n` after the `\r` starts an empty line that is no paragraph break.
            if text.as_bytes().get(pos) == Some(&b'\n') {
                pos += 1;
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

fn push_piece(paragraph: &mut Paragraph, text: &str, range: Range<usize>) {
    let Some(piece) = text.get(range.clone()) else {
        return;
    };
    if piece.trim().is_empty() {
        return;
    }
    if !paragraph.joined.is_empty() {
        paragraph.joined.push(' ');
    }
    paragraph
        .map
        .push((paragraph.joined.len(), range.start, piece.len()));
    // Emphasis and code markers become spaces (same length), so that cues read through them.
    let mut last = 0;
    for (i, _) in piece.match_indices(['*', '_', '`']) {
        paragraph.joined.push_str(&piece[last..i]);
        paragraph.joined.push(' ');
        last = i + 1;
    }
    paragraph.joined.push_str(&piece[last..]);
}

struct LineContent {
    /// Where the prose starts on the line, after quote and list markers.
    offset: usize,
    /// The line starts a list item or is blank: the paragraph before it ends.
    starts_new_block: bool,
}

fn line_content(line: &str) -> LineContent {
    let mut at = 0;
    let mut new_block = false;
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        at += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix('>') {
            at += 1;
            let _ = after;
            continue;
        }
        if let Some(len) = list_marker(trimmed) {
            at += len;
            new_block = true;
            continue;
        }
        break;
    }
    if line[at..].trim().is_empty() {
        new_block = true;
    }
    LineContent {
        offset: at,
        starts_new_block: new_block,
    }
}

/// `- `, `* `, `+ `, `1. `, `2) ` and a task box after them.
fn list_marker(text: &str) -> Option<usize> {
    let len = super::label_lines::list_marker_with_space(text)?;
    Some(len + crate::labels::strip_checkbox(&text[len..]).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(sentence: &str) -> Vec<PartKind> {
        let mut kinds: Vec<PartKind> = read(
            sentence,
            0..sentence.len(),
            &[],
            &PROSE_KINDS,
            &Cues::default(),
        )
        .into_iter()
        .map(|h| h.kind)
        .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    #[test]
    fn built_in_patterns_compile() {
        for pattern in [RESULT, LESSON, HINDSIGHT] {
            if let Err(e) = compile(pattern) {
                panic!("{e}");
            }
        }
        let _ = action_patterns();
        assert_eq!(cue_set().len(), 5);
        assert!(cue_set().is_match("Looking back, I would have asked first."));
    }

    #[test]
    fn sentences_read_as_each_kind() {
        let cases: &[(&str, PartKind)] = &[
            (
                "Month-end close now takes two days instead of five.",
                PartKind::Result,
            ),
            ("As a result, churn fell to 3%.", PartKind::Result),
            (
                "The ward no longer needs an agency nurse.",
                PartKind::Result,
            ),
            (
                "Waiting times went from 40 to 12 minutes.",
                PartKind::Result,
            ),
            ("I learned that estimates need a buffer.", PartKind::Lesson),
            ("It taught me to ask for the data first.", PartKind::Lesson),
            ("My takeaway: write the runbook first.", PartKind::Lesson),
            (
                "Looking back, I should have asked sooner.",
                PartKind::Hindsight,
            ),
            (
                "Next time I would involve legal on day one.",
                PartKind::Hindsight,
            ),
            ("I'd have involved legal on day one.", PartKind::Hindsight),
            ("I replaced the export with a live view.", PartKind::Action),
            ("Paired with Sam three afternoons a week.", PartKind::Action),
        ];
        for (sentence, kind) in cases {
            assert!(
                kinds_of(sentence).contains(kind),
                "{sentence:?} should read as {kind}: {:?}",
                kinds_of(sentence)
            );
        }
    }

    #[test]
    fn near_misses_do_not_read() {
        let cases: &[(&str, PartKind)] = &[
            ("Wrote the lesson plan for week three.", PartKind::Lesson),
            ("We learned the API later.", PartKind::Lesson),
            ("Open the results page.", PartKind::Result),
            ("The result type is an enum.", PartKind::Result),
            ("Book the next time slot.", PartKind::Hindsight),
            (
                "Looking back at the logs the spike began at noon.",
                PartKind::Hindsight,
            ),
            ("I now own the billing alerts.", PartKind::Lesson),
            ("We migrated the database.", PartKind::Action),
            ("I need a new laptop.", PartKind::Action),
        ];
        for (sentence, kind) in cases {
            assert!(
                !kinds_of(sentence).contains(kind),
                "{sentence:?} must not read as {kind}"
            );
        }
    }

    /// The sentence lists of tests/fixtures/cues, both ways: `KIND.yes.txt` must read as that
    /// kind, `KIND.no.txt` (near misses) must not. Lines starting with `#` are comments.
    #[test]
    fn cue_fixture_sentences() {
        let lists: [(PartKind, &str, &str); 4] = [
            (
                PartKind::Result,
                include_str!("../../tests/fixtures/cues/result.yes.txt"),
                include_str!("../../tests/fixtures/cues/result.no.txt"),
            ),
            (
                PartKind::Lesson,
                include_str!("../../tests/fixtures/cues/lesson.yes.txt"),
                include_str!("../../tests/fixtures/cues/lesson.no.txt"),
            ),
            (
                PartKind::Hindsight,
                include_str!("../../tests/fixtures/cues/hindsight.yes.txt"),
                include_str!("../../tests/fixtures/cues/hindsight.no.txt"),
            ),
            (
                PartKind::Action,
                include_str!("../../tests/fixtures/cues/action.yes.txt"),
                include_str!("../../tests/fixtures/cues/action.no.txt"),
            ),
        ];
        let mut wrong = Vec::new();
        for (kind, yes, no) in lists {
            let sentences = |list: &'static str| {
                list.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
            };
            for sentence in sentences(yes) {
                if !kinds_of(sentence).contains(&kind) {
                    wrong.push(format!("should read as {kind}: {sentence}"));
                }
            }
            for sentence in sentences(no) {
                if kinds_of(sentence).contains(&kind) {
                    wrong.push(format!("must not read as {kind}: {sentence}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn wrapped_lines_join_and_ranges_point_into_the_text() {
        let text = "- **Export job**\n  - I replaced it with a live view. Month-end close\n    now takes two days instead of five.\n";
        let hits = read(text, 0..text.len(), &[], &PROSE_KINDS, &Cues::default());
        let result = hits
            .iter()
            .find(|h| h.kind == PartKind::Result)
            .expect("a result");
        assert_eq!(
            &text[result.sentence.clone()],
            "Month-end close\n    now takes two days instead of five."
        );
        let action = hits
            .iter()
            .find(|h| h.kind == PartKind::Action)
            .expect("an action");
        assert_eq!(
            &text[action.sentence.clone()],
            "I replaced it with a live view."
        );
    }

    #[test]
    fn cut_ranges_are_not_read() {
        let text = "Notes here <!-- I learned that x. --> end\n";
        let comment = Range { start: 11, end: 37 };
        let cut = std::slice::from_ref(&comment);
        let hits = read(
            text,
            0..text.len(),
            cut,
            &[PartKind::Lesson],
            &Cues::default(),
        );
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn configured_cues() {
        let cues = Cues::new(&[(PartKind::Lesson, vec!["aprendí que".to_string()])]);
        let text = "Aprendí que hay que medir antes.";
        let hits = read(text, 0..text.len(), &[], &[PartKind::Lesson], &cues);
        assert_eq!(hits.len(), 1);
    }
}
