//! What kind of interview story an experience tells (a failure, a conflict, a deadline, …),
//! read from its own words: the story bank matches stories to the questions they answer.
//!
//! Precision first: a theme read wrongly offers a story for a question it does not answer, so
//! each cue wants the words around it ("merge conflict", "lead time" and "customer_id" are no
//! stories). Word boundaries are ASCII; a space in a pattern is any run of white space, so that
//! a wrapped line still reads.

use std::sync::OnceLock;

use regex::Regex;

/// Declares each theme once, with its key and its cue lexicon, so that the enum,
/// [`Theme::ALL`], [`Theme::key`], the lexicons and the tests' fixture lists cannot disagree.
macro_rules! themes {
    ($($theme:ident => $key:literal $pattern:ident),* $(,)?) => {
        /// One kind of story.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Theme { $($theme),* }

        impl Theme {
            /// Every theme, in the order of their bits.
            pub const ALL: [Theme; 14] = [$(Theme::$theme),*];

            /// The key used in tags lines, config and JSON.
            pub fn key(self) -> &'static str {
                match self { $(Theme::$theme => $key),* }
            }

            /// The cue lexicon: a verbose regex for [`crate::text::lexicon`].
            fn pattern(self) -> &'static str {
                match self { $(Theme::$theme => $pattern),* }
            }

            /// Test data: sentences that must read as the theme, and near misses that must not.
            #[cfg(test)]
            fn fixtures(self) -> (&'static str, &'static str) {
                match self { $(Theme::$theme => (
                    include_str!(concat!("../../tests/fixtures/cues/themes/", $key, ".yes.txt")),
                    include_str!(concat!("../../tests/fixtures/cues/themes/", $key, ".no.txt")),
                )),* }
            }
        }
    };
}

themes! {
    Failure => "failure" FAILURE, Mistake => "mistake" MISTAKE, Success => "success" SUCCESS,
    Conflict => "conflict" CONFLICT, Leadership => "leadership" LEADERSHIP,
    Influence => "influence" INFLUENCE, Learning => "learning" LEARNING,
    Ambiguity => "ambiguity" AMBIGUITY, Deadline => "deadline" DEADLINE,
    Customer => "customer" CUSTOMER, BadNews => "bad-news" BAD_NEWS, Risk => "risk" RISK,
    Prioritisation => "prioritisation" PRIORITISATION, Teamwork => "teamwork" TEAMWORK,
}

impl Theme {
    /// The theme a key or a common alias names (any case; `-`, `_` and spaces alike), as
    /// writers tag their stories in their own words.
    pub fn from_key(key: &str) -> Option<Theme> {
        let key = key.to_lowercase().replace(['-', '_'], " ");
        Some(
            match key
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str()
            {
                "failure" | "failures" | "failed" | "fail" | "failing" => Theme::Failure,
                "mistake" | "mistakes" | "blunder" | "error" | "errors" => Theme::Mistake,
                "success" | "successes" | "achievement" | "achievements" | "win" | "wins" => {
                    Theme::Success
                }
                "conflict" | "conflicts" | "disagreement" | "disagreements" => Theme::Conflict,
                "leadership" | "leading" | "lead" | "leader" | "led" => Theme::Leadership,
                "influence" | "influencing" | "persuasion" | "persuading" => Theme::Influence,
                "learning" | "learn" | "learning something new" | "learned" | "learnt" => {
                    Theme::Learning
                }
                "ambiguity" | "ambiguous" | "uncertainty" => Theme::Ambiguity,
                "deadline" | "deadlines" | "time pressure" => Theme::Deadline,
                "customer" | "customers" | "client" | "clients" | "customer focus" => {
                    Theme::Customer
                }
                "bad news" | "badnews" | "delivering bad news" => Theme::BadNews,
                "risk" | "risks" | "risk taking" => Theme::Risk,
                "prioritisation" | "prioritization" | "priorities" | "prioritising"
                | "prioritizing" => Theme::Prioritisation,
                "teamwork" | "team work" | "collaboration" | "collaborating" => Theme::Teamwork,
                _ => return None,
            },
        )
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// A set of themes (a bit set; Copy).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Themes(u16);

impl Themes {
    pub fn insert(&mut self, t: Theme) {
        self.0 |= t.bit();
    }

    pub fn contains(self, t: Theme) -> bool {
        self.0 & t.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The themes in [`Theme::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Theme> {
        Theme::ALL.into_iter().filter(move |t| self.contains(*t))
    }

    pub fn union(self, other: Themes) -> Themes {
        Themes(self.0 | other.0)
    }

    pub fn intersects(self, other: Themes) -> bool {
        self.0 & other.0 != 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
}

impl FromIterator<Theme> for Themes {
    fn from_iter<I: IntoIterator<Item = Theme>>(iter: I) -> Self {
        let mut themes = Themes::default();
        iter.into_iter().for_each(|t| themes.insert(t));
        themes
    }
}

/// As the list of its keys (`["failure", "conflict"]`), in [`Theme::ALL`] order.
impl serde::Serialize for Themes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Theme::key))
    }
}

// Pieces shared by the lexicons below (macros, so that `concat!` can join them).
//
// `people!`: whom one works, argues or pairs with, what makes "conflict with" a story and
// "conflict with the main branch" none; `someone!`: a pronoun, or up to three words ending in
// one of them. `num!`: a count of days or weeks. `tail!`: what may follow a noun that is also
// a field name ("deadline", "launch date"): a clause's end or a word that reads on, never
// another noun ("deadline field"). `end!`: the same after "failure" and "mistake".
macro_rules! people { () => { r"(?:team|teams|team-?mates?|colleagues?|co-?workers?|managers?|boss|lead|leads|directors?|supervisors?|engineers?|developers?|designers?|nurses?|midwi(?:fe|ves)|doctors?|surgeons?|consultants?|registrars?|pharmacists?|porters?|carers?|therapists?|chefs?|cooks?|teachers?|tutors?|scientists?|researchers?|analysts?|testers?|stakeholders?|partners?|peers?|clients?|customers?|suppliers?|vendors?|contractors?|union|department|departments|crew|staff|students?|parents?|volunteers?|counterparts?|founders?|owners?|ceo|cto|cfo|vp|pickers|drivers|technicians?|head\ of\ [a-z]+)\b" }; }
macro_rules! someone { () => { concat!(r"(?:me|us|him|her|them|everyone|(?:(?:the|a|an|our|my|his|her|their|two|three|four|several|other|another|some|senior|junior|new|[0-9]+)\ )?(?:[a-z-]+\ ){0,2}?", people!(), ")") }; }
macro_rules! num {
    () => {
        r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|[0-9]+)"
    };
}
macro_rules! tail { () => { r"(?:[.,;:!?)\r\n—–]|$|\ (?:was|were|is|are|had|has|of|for|by|in|on|at|and|or|that|which|we|I|to|from|with|so|but|because|when|while|after|before|loomed|looming|approached|approaching|moved|slipped|passed|arrived|hit|changed|shifted|pressure|meant|came|got|would|could|the|a|this|next|two|three|four|[0-9]+)\b)" }; }
macro_rules! end { () => { r"(?:[.,;:!?)\r\n—–]|$|\ (?:was|were|is|of|to|that|which|in|on|at|for|and|but|with|because|when|I|we|taught|came|happened|cost|meant|showed)\b)" }; }

const FAILURE: &str = concat!(
    r"(?ix)
      \b(?:I|we|it|the\ [a-z]+(?:\ [a-z]+)?)\ (?:flopped|backfired|fell\ through)\b
    | \b(?:I|we|it|they|the\ [a-z]+(?:\ [a-z]+)?)\ failed\b\s*(?:[^\so]|o[^v\s]|ov[^e]|$)
    | \b(?:it|everything|the\ (?:site|system|server|service|app|website|database|cluster|build|pipeline|api|network))\ fell\ over\b
    | \b(?:went|gone|going)\ (?:badly\ |horribly\ |very\ )?wrong\b | \bpost-?mortem\b | \bnear(?:-|\ )miss\b
    | \b(?:missed|blew|slipped)\ (?:the|a|our|my)\ (?:[a-z-]+\ )?(?:deadline|launch|date|window|target|quarter)\b
    | \b(?:rolled|rolling)\ back\b | \b(?:had\ to|we|I)\ roll\ (?:(?:it|the\ [a-z0-9-]+)\ )?back\b
    | \brolled\ (?:it|them|(?:the|our|my|a|that)\ (?:[a-z0-9-]+\ )?[a-z0-9-]+)\ back\b
    | \blost\ (?:the|a|an|our|my|two|three)\ (?:[a-z0-9-]+\ ){0,2}?(?:deal|client|customer|bid|contract|renewal|account|tender|case|pitch)s?\b
    | \b(?:grant|paper|proposal|bid|application|pitch|submission|manuscript|tender)\ (?:was\ |got\ )?(?:rejection|rejected|turned\ down|declined)\b
    | \b(?:it|this|that|they|the\ [a-z]+(?:\ [a-z]+)?)\ (?:did\ not|didn['’]t)\ work\b
    | \b(?:did\ not|didn['’]t)\ work\ (?:out|as\ (?:planned|intended|expected|hoped))\b
    | \b(?:outage|incident|breach)\ (?:I|that\ I|we|that\ we)\ (?:caused|triggered|started)\b
    | \b(?:my|our|a|the)\ (?:big\ |biggest\ |costly\ |first\ |own\ )?failures?",
    end!()
);

const MISTAKE: &str = concat!(
    r"(?ix)
      \b(?:I|we)\ (?:got\ it\ wrong|got\ (?:the|that|this|my|our)\ (?:[a-z-]+\ )?[a-z-]+\ wrong|was\ wrong|were\ wrong|misjudged|misread|underestimated|overestimated|overlooked|messed\ up|screwed\ up|slipped\ up|forgot\ to)\b
    | \bI\ should(?:\ have|['’]ve)\ (?:caught|checked|double-checked|spotted|noticed|tested|verified|read|known\ better|seen\ it\ coming)\b
    | \bthe\ (?:big\ |costly\ |real\ )?mistake(?:[.,;:!?)\r\n]|$|\ (?:was|I|we)\b)
    | \bdropped\ the\ ball\b | \bblunder(?:ed|s)?\b | \b(?:was|it['’]s)\ (?:all\ )?my\ fault\b | \b(?:biggest|costliest|worst)\ (?:mistake|blunder)
    | \bI\ broke\ (?:the\ )?(?:build|production|prod|main|release|site|website|deploy|pipeline|checkout|login|tests?)\b
    | \bI\ missed\ (?:a|an|the)\ (?:[a-z-]+\ )?(?:step|dose|error|bug|typo|detail|warning|check|sign|signs|allergy)\b
    | (?:\b(?:my|our)\ (?:big\ |biggest\ |costly\ |first\ |own\ |real\ )?(?:mistake|blunder|misjudge?ment)s?
      | \b(?:I|we)\ (?:had\ )?made\ (?:a|an|the|one|two|several|some)\ (?:[a-z-]+\ )?(?:mistake|error|blunder|misjudge?ment)s?
      | \bwas\ a\ (?:big\ |costly\ |huge\ |real\ )?(?:mistake|blunder))",
    end!()
);

const SUCCESS: &str = r"(?ix)
      \bproudest\b | \b(?:I\ am|I['’]m|I\ was|we\ were|we\ are|most)\ (?:really\ |very\ |most\ |so\ |particularly\ |genuinely\ )?proud\ of\b
    | \b(?:won|received|earned|was\ awarded|were\ awarded)\ (?:the|a|an|our|my)\ (?:[a-z0-9-]+\ ){0,3}?(?:award|prize|medal|trophy|grant|scholarship|fellowship|contract|tender|bid|pitch|deal)s?\b
    | \b(?:I|we|she|he|they)\ (?:was|were|got|have\ been|had\ been)\ promoted\b | \b(?:got|earned|won|received)\ (?:a|the|my)\ promotion\b
    | \b(?:beat|beaten|beating|exceeded|exceeding|surpassed|smashed|hit|met|topped)\ (?:the|our|my|their|its|a|every)\ (?:[a-z0-9-]+\ ){0,2}?(?:target|goal|quota|forecast|record)s?
        (?:[.,;:!?)\r\n]|$|\ (?:for|by|in|early|ahead|every|each|this|last|that|and|with|on|of|two|three|four|five|[0-9]+)\b)
    | \brecord\ (?:quarter|month|year|sales|revenue|numbers|attendance|turnout|results?|high|week|season|intake|enrolments?|enrollments?)\b
    | \bbroke\ (?:the|a|our|their)\ (?:[a-z-]+\ )?record\b | \bbest(?:-|\ (?:[a-z0-9'’-]+\ ){0,3}?)ever\b
    | \b(?:I|we|the\ team|our\ team|my\ team)\ (?:was|were|got|have\ been|had\ been)\ (?:publicly\ |personally\ |formally\ )?(?:praised|recognised|recognized|commended|nominated|shortlisted)\b
    | \b(?:praise|commendation|kudos)\ from\b | \bpraised\ (?:me|us|my|our|the\ team)\b
    | \b(?:employee|teacher|nurse|salesperson|engineer|rep|volunteer)\ of\ the\ (?:month|year|quarter)\b | \btop\ (?:performer|salesperson|sales\ rep|scorer)\b
";

const CONFLICT: &str = concat!(
    r"(?ix)
      \b(?:I|we|she|he|they|my\ [a-z]+|the\ (?:manager|lead|client|customer|director|head|consultant|chef|doctor))\ (?:strongly\ |openly\ |completely\ |sharply\ )?disagreed\b
    | \bdisagreed\ with\ (?:me|my|our|us|him|her|them|the\ (?:plan|decision|approach|manager|lead|director|client|customer|team|head|consultant|chef|doctor))\b
    | \bdisagreements?\ (?:with|over|about)\b | \bpush(?:ed|ing)?\ back\ (?:on|against|hard|firmly)\b | \bpush-?back\ from\b
    | \b(?:I|we)\ pushed\ back(?:[.,;:!?)]|$|\ (?:when|because|and|but)) | \bargued\ (?:with|against)\b | \bobjected\ (?:to|that|strongly)\b
    | \b(?:an|the|our|a)\ (?:heated\ |long\ |loud\ )?argument\ (?:with|between|over|about)\b
    | \b(?:team|workplace|interpersonal|personality|inter-team|cross-team)\ conflicts?\b
    | \b(?:resolved|resolving|resolve|handled|managed|mediated|defused)\ (?:a|the|an|their|our)\ (?:long-running\ |bitter\ |team\ |personal\ |workplace\ |growing\ |open\ )?(?:conflict|dispute|disagreement|standoff|row)\b
    | \b(?:did\ not|didn['’]t|never|don['’]t|do\ not)\ see\ eye\ to\ eye\b | \bstood\ (?:my|our|her|his)\ ground\b
    | \b(?:difficult|hard|tough|awkward|uncomfortable|heated|tense)\ (?:conversation|discussion|meeting|exchange)s?\b
    | \b(?:at\ odds|disputes?)\ with\b | \bclashed\ (?:over|about)\b | \b(?:butted\ heads|locked\ horns|confrontation)\b
    | \b(?:conflicts?|clash(?:ed|es)?|tensions?|friction)\ (?:with|between)\ ",
    someone!()
);

const LEADERSHIP: &str = r"(?ix)
      \b(?-i:Led|Co-led)\ (?:the|a|an|our|my|two|three|four|five|[0-9]+)\b
    | \b(?-i:I|[Ww]e)\ (?:[a-z]+ly\ )?(?:led|co-led|was\ leading|am\ leading|were\ leading|have\ led|had\ led|headed\ up|spearheaded)\b
    | \b(?:as|I\ was|I\ became|became|promoted\ to)\ (?:the\ |a\ )?(?:acting\ |interim\ )?(?:tech|team|project|shift|ward|clinical|design|engineering|squad|site|workstream|product|research|kitchen|department|year|subject|programme|program)\ (?:lead|leader|manager)\b
    | \bas\ (?:the\ )?(?:acting\ |interim\ )?(?:head\ chef|sous\ chef|charge\ nurse|head\ of\ [a-z]+|team\ captain|shift\ supervisor)\b
    | \bI\ (?:[a-z]+ly\ )?(?:mentored|coached|mentor|coach)\b | \bmentor(?:ed|ing)\ (?:a|an|two|three|four|five|the|new|junior|our|my|[0-9]+)\b
    | \btook\ (?:ownership|charge|the\ lead)\b | \b(?:I|we)\ stepped\ up\b | \bstepped\ (?:up|in)\ to\ (?:lead|run|coordinate|organise|organize)\b
    | \bI\ (?:was\ )?(?:ran|running|managed|managing)\ (?:the|a|our|my)\ (?:[a-z-]+\ )?(?:team|shift|ward|kitchen|department|squad|crew|project|programme|program|office|store|branch|floor|site|warehouse)\b
    | \b(?:managed|managing|led|leading)\ a\ team\ of\b | \bwithout\ (?:formal\ |any\ |direct\ |real\ ){0,2}(?:authority|a\ title|the\ title)\b
    | \brallied\ (?:the|my|our|everyone|people|a|volunteers)\b
    | \b(?:organised|organized|coordinated|mobilised|mobilized)\ (?:the|my|our|a)\ (?:[a-z-]+\ )?(?:team|volunteers|staff|crew|response|effort|nurses|colleagues)\b
    | \bdelegat(?:ed|ing)\ (?:(?:the|some|most|more)\ )?(?:tasks|work|responsibilit(?:y|ies)|ownership)\b
";

const INFLUENCE: &str = concat!(
    r"(?ix)
      \bpersuad(?:ed|ing)\b | \b(?:I|we)\ (?:[a-z]+ly\ )?convinced\b | \b(?:to|managed\ to|tried\ to|helped)\ convince\b
    | \bconvincing\ (?:the|my|our|him|her|them|everyone|management|leadership|stakeholders)\b | \bbuy-in\b
    | \bwon\ (?:them|him|her|us|everyone|(?:the|my|our)\ (?:[a-z-]+\ )?(?:sceptics|skeptics|doubters|board|room|team|staff))\ over\b
    | \bmade\ (?:the|a|my|our)\ (?:strong\ |clear\ )?case\ (?:for|to|that)\b | \b(?:wrote|built|made|put\ together|presented)\ (?:the|a|my|our)\ business\ case\b
    | \bsold\ (?:the|my|our)\ (?:idea|plan|vision|approach|proposal|change|concept)\b | \bsold\ (?:them|him|her|everyone|the\ (?:team|board)|management|leadership)\ on\b
    | \b(?:brought|bring|bringing|got)\ (?:them|him|her|everyone|(?:the|our|my)\ (?:sceptics|skeptics|doubters|board|stakeholders|management|leadership|union|whole\ team|(?:sceptical|skeptical|reluctant|wary|doubtful|resistant|hostile)\ [a-z]+))\ on(?:\ |-)?board\b
    | \b(?:re-?)?negotiat(?:ed|ing)\b | \bnegotiations?\ with\b | \blobbied\b
    | \bchanged\ (?:their|his|her|the\ [a-z]+['’]s|my\ [a-z]+['’]s)\ minds?\b | \btalked\ (?:them|him|her|the\ [a-z]+|my\ [a-z]+)\ (?:into|out\ of|round|around)\b
    | \bpitched\ (?:the|my|our|an?)\ (?:idea|plan|proposal|change)\ to\b
    | \b(?:won|win|winning)\ over\ (?:(?:the|my|our|his|her|their|even\ the|most\ of\ the)\ )?(?:[a-z-]+\ )?(?:sceptics|skeptics|doubters|board|room|",
    people!(),
    ")"
);

const LEARNING: &str = concat!(
    r"(?ix)
      \b(?:learned|learnt|learning|learn)\ (?:
          how\ to\ (?:use|run|write|build|code|program|read|operate|drive|cook|speak|configure|analyse|analyze|model|design|teach|fix|repair|set\ up|make)
        | to\ (?:use|code|program|speak|operate|drive|cook|weld|sew) | (?:a\ )?new\ [a-z-]+ | enough\ [a-z+\#-]+\ to
        | (?:a|the)\ (?:new\ )?(?:language|tool|framework|stack|codebase|system|software|package|technique|procedure|platform|domain|method|skill|trade|machine|menu|curriculum|syllabus|regulations)
        | [a-z+\#.-]+\ (?:from\ scratch|on\ the\ job|over\ a\ weekend|in\ ",
    num!(),
    r"\ (?:days?|weeks?|months?)))\b
    | \bpicked\ up\ (?:the\ basics|(?:a\ )?new\ (?:language|skill|tool|framework|system)|[a-z+\#]+\ (?:quickly|fast|in\ ",
    num!(),
    r"\ (?:days?|weeks?|months?)))\b
    | \btaught\ (?:myself|themselves|ourselves|herself|himself)\b | \bself-taught\b | \bcrash\ course\b | \bbootcamp\b | \blearning\ curve\b
    | \b(?:I\ was|I['’]m|I\ am|was\ still|being|as\ someone)\ (?:completely\ |totally\ |brand\ |very\ |quite\ |still\ )?new\ to\b
    | \bramp(?:ed|ing)?\ up\ (?:on|in|quickly|fast)\b | \b(?:get|got|getting|came|come)\ up\ to\ speed\b
    | \bno\ (?:prior\ |previous\ )?(?:experience|background|knowledge)\ (?:in|of|with)\b | \b(?:got|became|get|getting)\ certified\b
    | \b(?:I|we)(?:\ had|\ have|['’]d)\ never\ (?:used|done|worked|touched|written|taught|run|managed|led|built|cooked|programmed|coded|driven|operated|handled)\b
    | \b(?:earned|passed|gained)\ (?:my|the|a|an)\ (?:[a-z0-9-]+\ ){0,2}?(?:certification|certificate|qualification|exam|diploma)\b
    | \b(?:enrolled\ (?:in|on)|signed\ up\ for|took|did|completed)\ (?:an?|the)\ (?:online|evening|night|intensive|short|weekend|part-time)\ (?:[a-z-]+\ )?(?:course|class|classes|programme|program)\b
"
);

const AMBIGUITY: &str = r"(?ix)
      \b(?:was|were|stayed|remained|seemed|felt|being|very|totally|completely|quite|still|so)\ (?:very\ |totally\ |completely\ |quite\ |still\ )?unclear\b
    | \bunclear\ (?:requirements?|brief|goals?|scope|ownership|direction|priorities|expectations|spec|specification|instructions|roles?|remit|who|what|how|whether|why|where|if)\b
    | \bambiguous\ (?:requirements?|brief|goals?|scope|ownership|direction|instructions|request|ask|spec|specification|remit|situation|mandate|role|feedback|guidance|policy|project)\b
    | \b(?:was|were|remained|felt|seemed|very|deliberately|highly)\ ambiguous\b | \b(?:was|were|deliberately|very|pretty|quite)\ vague\b
    | \b(?:a\ lot\ of|lots\ of|much|so\ much|full\ of|amid|amidst|deal\ with|dealing\ with|dealt\ with|in\ the\ face\ of)\ (?:ambiguity|uncertainty)\b
    | \bvague\ (?:requirements?|brief|goals?|ask|request|instructions?|spec|idea|direction|mandate|remit|plan|target|description|scope|outline|objectives?)\b
    | \b(?:no|without\ (?:a|any))\ (?:written\ |clear\ |real\ |formal\ |agreed\ |proper\ )?(?:spec|specification|specs|brief|requirements|playbook|roadmap|precedent|guidance|instructions|definition|documentation|owner|clear\ answer|right\ answer)\b
    | \b(?:nobody|no\ one|no-one|none\ of\ us)\ (?:really\ |quite\ |fully\ |yet\ |actually\ )?(?:knew|understood|owned|could\ say|was\ sure)\b
    | \b(?:was|were|felt|remained|very|highly|deeply)\ uncertain\b | \b(?:ill|poorly|loosely|badly)(?:-|\ )defined\b | \bgr[ae]y\ area\b | \bin\ flux\b
    | \bopen-?ended\ (?:brief|problem|project|ask|request|remit|mandate|task|goal|assignment|role|challenge|investigation)\b
    | \b(?:scope|role|roles|requirements|ownership|goals?|remit|responsibilities|brief|spec)\ (?:was|were|remained|kept)\ (?:still\ )?(?:undefined|unclear|vague|ambiguous|fuzzy|murky|in\ flux|unknown|undecided|shifting|changing)\b
    | \bundefined\ (?:role|scope|requirements|goals|ownership|remit|responsibilities)\b
    | \b(?:many|lots\ of|a\ lot\ of|full\ of|too\ many|several|big|major|known|huge|so\ many|with)\ unknowns\b
    | \b(?:shifting|changing|moving|evolving|fuzzy|murky)\ (?:requirements|goalposts|brief|scope|target)\b
    | \bfigur(?:e|ed|ing)\ out\ what\ (?:the\ )?(?:[a-z]+\ ){0,2}(?:wanted|needed|meant)\b
";

const DEADLINE: &str = concat!(
    r"(?ix)
      \bdeadline-driven\b | \bdeadlines?",
    tail!(),
    r"
    | \b(?:launch|go-live|submission|filing|delivery|cut-?over|handover|hand-over|inspection)\ date",
    tail!(),
    r"
    | \b(?:report|submission|essay|grant|proposal|tender|bid|release|launch|deliverable|paper|audit|assignment|filing|accounts|coursework|project|presentation|draft|deck|order|homework|marking|grades|reports)\ (?:was|were|is|are)\ due\b
    | \b(?:before|by|ahead\ of|missed|met|hit)\ the\ due\ date\b | \btime\ pressure\b | \b(?:against\ the\ clock|race\ against\ time)\b
    | \b(?:tight|tighter|compressed|aggressive|impossible|short|punishing|brutal)\ (?:timelines?|timescales?|schedule|turnaround|window|timeframe|time\ frame|lead\ time|notice)\b
    | \bcrunch\ (?:time|week|period|mode)\b | \bin\ time\ for\ (?:the|a|our|their|his|her|my)\b | \b(?:behind|ahead\ of)\ schedule\b
    | \b(?:deliver|delivered|ship|shipped|build|built|finish|finished|launch|launched|complete|completed|turn\ around|turned\ around|rebuilt|migrate|migrated|prepare|prepared|write|wrote|done)\ (?:[a-z'’-]+\ ){0,4}?in\ (?:just|only|under|less\ than)\ ",
    num!(),
    r"\ (?:days?|weeks?|hours?)\b
    | \b(?:had|given|with|only|just|gave\ us|gave\ me)\ (?:only\ |just\ )?",
    num!(),
    r"\ (?:days?|weeks?|hours?)\ to\b
    | \b(?:had\ to|needed|need|wanted|promised|asked|agreed|due|ready|done|live|finished|in\ place|signed\ off|committed|deliver|ship|submit|finish|complete)\b(?:\ [a-z'’-]+){0,5}?\ by\ (?:the\ )?(?:end\ of\ (?:the\ )?(?:day|week|month|quarter|year|sprint|term)|(?:next\ |this\ |that\ )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b
    | \b(?:shipped|delivered|launched|finished|submitted|opened|completed|landed|went\ live)\ (?:[a-z-]+\ ){0,3}?on\ (?:time|schedule)\b
"
);
const CUSTOMER: &str = r"(?ix)
    (?:
        \b(?:customers?|clients?|users?|buyers?|shoppers?|diners?|passengers?|patients|guests|students|pupils|residents|visitors|callers|learners|parents)
      | \b(?:the|a|an|one|each|every|my|our|this|that|her|his|their|elderly|frail|young|older|new|anxious|distressed|confused|[a-z]+['’]s)\ (?:patient|guest|student|pupil|resident|visitor|caller|learner|parent|family|families)
      | \b(?:many|some|several|two|three|[0-9]+|local|young|low-income|grieving|worried|visiting|foster)\ families
    )
    (?:['’]s?|[.,;:!?)\r\n—–]|$|-facing\b|\ (?:
        who|whom|whose|that|and|or|but|to|with|on|in|at|for|from|about|of|because|so|when|while|after|before|if|than
      | had|has|have|would|could|can|will|did|didn['’]t|kept|wanted|wants|needed|needs|asked|asks|expects|said|says|told
      | called|calls|complained|loved|loves|liked|hated|left|came|comes|got|felt|saw|thought|think|renewed|churned
      | cancell?ed|praised|thanked|requested|reported|noticed|emailed|phoned|rang|wrote|escalated|signed|agreed
      | refused|rejected|demanded|insisted|threatened|stayed|switched|upgraded|ordered|booked|paid|bought|waited
      | struggled|stopped|raved|expected|seemed|arrived|queued|panicked|cried
      | (?:was|were|is|are)\ (?:not\ |very\ |so\ |really\ |still\ |clearly\ |getting\ )?(?:happy|unhappy|angry|upset|furious|delighted|thrilled|pleased|satisfied|dissatisfied|frustrated|confused|worried|anxious|right|losing|threatening|considering|waiting|about|on|a|an|the|in|at|now|already|going|expecting|asking|complaining|calling|affected|impacted|notified|told|charged|overcharged|refunded|billed|stranded|locked\ out|served|seen|discharged|treated|admitted|left|kept|struggling)
      | service|services|support|care|complaints?|feedback|satisfaction|experience|journey|retention|churn|base|relationships?|success|visits|requests|interviews|research|testing|trust|expectations|happy|unhappy|first
    )\b)
    | \bcomplain(?:ed|ing|ts?)\ (?:about|to|from|that)\b
";

const BAD_NEWS: &str = concat!(
    r"(?ix)
      \bbad\ news\b | \b(?:unwelcome|disappointing|difficult|tough|hard|grim|sad|devastating|awful|terrible)\ news\b
    | \b(?:break|broke|breaking)\ (?:the|this|that|some|difficult|bad|hard)\ news\b
    | \bdeliver(?:ed|ing)?\ (?:the\ news|(?:some\ |the\ |this\ )?(?:difficult|hard|unwelcome|unpopular|tough|painful|bad|grim|sobering|disappointing)\ (?:news|message|verdict|feedback))\b
    | \bhad\ to\ let\ (?:him|her|them|(?:two|three|four|[0-9]+)\ [a-z]+)\ go\b | \btold\ (?:them|him|her|the\ [a-z]+|my\ [a-z]+)\ the\ (?:hard\ )?truth\b
    | \b(?:told|telling|tell|informed|warned)\ (?:the|my|our|a|his|her|their)\ (?:[a-z-]+\ )?(?:clients?|customers?|manager|boss|director|team|patients?|family|families|board|head|parents?|sponsor|stakeholders|investors|ceo|cto|owner|chef|staff|class|students)
        \ that\ (?:[a-z'’]+\ ){0,6}?(?:not|no|never|couldn['’]t|wouldn['’]t|wasn['’]t|weren['’]t|didn['’]t|won['’]t|can['’]t|late|slip|slipped|slipping|delay|delayed|miss|missed|lost|cancelled|canceled|cut|failed|wrong|mistake|error|behind)\b
    | \bown(?:ed|ing)?\ up\b | \b(?:I|we)\ (?:[a-z]+ly\ )?escalated\b
    | \b(?:I|we)\ (?:[a-z]+ly\ )?admitted\ (?:my\ |our\ |the\ )?(?:mistake|error|fault|failure|that|to|it\ was|I|we|what)\b
    | \b(?:had|have|needed|was\ the\ one)\ to\ (?:tell|inform|explain\ to|break\ it\ to|warn)\ (?:him|her|them|everyone|(?:the|my|our|a|an|[a-z]+['’]s)\ (?:[a-z-]+\ )?(?:family|families|board|class|investors|patients?|",
    people!(),
    "))"
);

const RISK: &str = r"(?ix)
      \b(?:took|take|taking|taken)\ (?:a|the|an|that|this|some|calculated|big)\ (?:[a-z-]+\ )?(?:risk|chance|gamble|bet|punt|leap\ of\ faith)s?
        (?:[.,;:!?)\r\n—–]|$|\ (?:and|on|of|by|that|which|because|with|when|in|it|so|but|paid|worked)\b)
    | \brisky\b | \b(?:bet|betting)\ on\b | \bgamble[ds]?\b | \bout\ on\ a\ limb\b | \bstuck\ (?:my|our|his|her)\ neck\ out\b
    | \bbet\ (?:the|my|our)\ (?:company|business|farm|quarter|launch|career|budget)\b
    | \bput\ (?:my|our|his|her)\ (?:[a-z]+\ )?(?:reputation|job|name|credibility|neck|career)\ on\ the\ line\b
    | \brisk(?:ed|ing)\ (?:my|our|the|a|an|his|her|their|losing|it)\b | \bworth\ the\ risk\b | \bthe\ risk\ paid\ off\b
    | \b(?:an|a|the)\ (?:untested|unproven)\ (?:approach|idea|supplier|vendor|technology|tool|method|technique|recipe|format|design|strategy|platform|framework|hire|market|product|treatment|plan|theory)\b
    | \b(?:no\ one|nobody|no-one)\ (?:else\ )?(?:had|has)\ (?:ever\ )?(?:tried|done|attempted)\b | \bnever\ been\ (?:tried|done|attempted)\b
";

const PRIORITISATION: &str = r"(?ix)
      \b(?:de-?|re-?)?prioriti[sz](?:ed|ing|e|ation)\b | \b(?:said|say|saying)\ no\ to\b | \bde-?scop(?:ed|ing|e)\b | \btriag(?:ed|ing)\b
    | \b(?:the|a|this|that|hard|difficult|tough|painful|conscious|deliberate|explicit|made|make|making|weighed|weigh|weighing|accepted|these|those|some|real|clear)\ trade-?offs?\b
    | \btrade(?:d)?\ off\ [a-z-]+\ (?:against|for)\b | \b(?:cut|trimmed|reduced|narrowed|shrank|shrunk)\ (?:the\ |our\ )?scope\b
    | \b(?:competing|conflicting)\ (?:priorities|demands|deadlines|requests|projects|needs|goals|asks|requirements)\b
    | \b(?:I|we)\ (?:[a-z]+ly\ )?(?:deferred|postponed|parked|shelved)\ (?:the|a|an|two|three|some|other|less|lower|non-)
    | \bwhat\ (?:to|we\ could)\ (?:drop|cut|defer|skip|leave\ out)\b | \bnice-to-haves?\b
    | \brank(?:ed)?\ (?:the|our|all)\ (?:[a-z-]+\ )?(?:requests|tasks|tickets|projects|features|options|bugs|items|backlog)\b
    | \bmade\ (?:it|[a-z]+|the\ [a-z]+)\ (?:the\ |our\ |my\ )?(?:top|first)\ priority\b
";

const TEAMWORK: &str = concat!(
    r"(?ix)
      \bwork(?:ed|ing)\ closely\ with\b | \bpair(?:-|\ )?programm(?:ed|ing)\b | \bcollaborat(?:ed|ing)\b | \b(?:in\ )?collaboration\ (?:with|between|across)\b
    | \b(?:cross-?functional|cross-team|multi-?disciplinary|inter-?disciplinary)\b | \b(?:joined|joining)\ forces\b | \bteamed\ up\b
    | \bacross\ (?:the\ |our\ |two\ |three\ |four\ |several\ |multiple\ |many\ |all\ |[0-9]+\ )?(?:teams|departments|functions|disciplines|wards|sites|offices|squads|stores|kitchens|schools|agencies|organisations|organizations|companies)\b
    | \btogether\ with\ (?:the|our|my)\ (?:[a-z-]+\ )?(?:team|teams|crew|staff|department|colleagues)\b
    | \bhelp(?:ed|ing)\ (?:a|my|our|another|two|the\ (?:new|other)|new)\ (?:[a-z-]+\ )?(?:colleagues?|teammates?|team-mates?|co-?workers?|peers?)\b
    | \bwith\ (?:the\ )?help\ (?:of|from)\ (?:my|our|the|two|three|colleagues)\b
    | \bwork(?:ed|ing)\ (?:together\ |side\ by\ side\ |hand\ in\ hand\ |directly\ )?(?:with|alongside)\ ",
    someone!(),
    r"
    | \bpair(?:ed|ing)\ (?:up\ )?with\ ",
    someone!()
);

/// The compiled lexicons, in [`Theme::ALL`] order; one that fails to compile (a unit test
/// proves none does) reads nothing.
fn lexicons() -> &'static [Option<Regex>] {
    static RES: OnceLock<Vec<Option<Regex>>> = OnceLock::new();
    RES.get_or_init(|| {
        Theme::ALL
            .iter()
            .map(|t| crate::text::lexicon(t.pattern(), true).ok())
            .collect()
    })
}

/// Whether `words` tell of a failure or a mistake: both lexicons as one pattern, one pass
/// (`no-failure-story` asks on every keystroke, of every experience until one tells it).
pub fn tells_failure_or_mistake(words: &str) -> bool {
    static EITHER: OnceLock<Option<Regex>> = OnceLock::new();
    let either = EITHER.get_or_init(|| {
        let source = [Theme::Failure, Theme::Mistake]
            .map(|t| format!("(?:{})", crate::text::lexicon_source(t.pattern(), true)))
            .join("|");
        Regex::new(&source).ok()
    });
    match either {
        Some(re) => re.is_match(words),
        None => !one_by_one(
            words,
            [Theme::Failure, Theme::Mistake].into_iter().collect(),
        )
        .is_empty(),
    }
}

/// The `wanted` themes told in `words`: for more than two, the set of all lexicons in one pass;
/// for fewer, only their own lexicons.
pub fn read_some(words: &str, wanted: Themes) -> Themes {
    if wanted.len() > 2
        && let Some(set) = all_at_once()
    {
        return set
            .matches(words)
            .iter()
            .filter_map(|i| Theme::ALL.get(i).copied())
            .filter(|t| wanted.contains(*t))
            .collect();
    }
    one_by_one(words, wanted)
}

fn one_by_one(words: &str, wanted: Themes) -> Themes {
    let lexicons = lexicons();
    wanted
        .iter()
        .filter(|t| {
            lexicons
                .get(*t as usize)
                .and_then(Option::as_ref)
                .is_some_and(|re| re.is_match(words))
        })
        .collect()
}

/// Every lexicon in one set, in [`Theme::ALL`] order: all themes in one pass over the words
/// (the story bank reads every story of a workspace). `None` if the set fails to build. Its
/// lazy DFA may hold 8 MB of states, not the regex crate's default 2 MB: over the many
/// different stories of real notes the default filled, was cleared again and again, and gave
/// up for the slow engine (`report` on 2 MB of real notes: 2.2 s; with room for the states it
/// needs, 0.20 s at about the same peak memory, 38.5 MB against 37.5).
fn all_at_once() -> Option<&'static regex::RegexSet> {
    static SET: OnceLock<Option<regex::RegexSet>> = OnceLock::new();
    SET.get_or_init(|| {
        regex::RegexSetBuilder::new(
            Theme::ALL
                .iter()
                .map(|t| crate::text::lexicon_source(t.pattern(), true)),
        )
        .dfa_size_limit(8 << 20)
        .build()
        .ok()
    })
    .as_ref()
}

/// The themes told in `words` by cue phrases.
pub fn read(words: &str) -> Themes {
    read_some(words, Theme::ALL.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentence_list;

    #[test]
    fn every_pattern_compiles() {
        for theme in Theme::ALL {
            let compiled = crate::text::lexicon(theme.pattern(), true);
            assert!(compiled.is_ok(), "{}: {compiled:?}", theme.key());
        }
    }

    #[test]
    fn each_theme_reads_its_cues_and_none_of_its_near_misses() {
        for theme in Theme::ALL {
            let (yes, no) = theme.fixtures();
            let (yes, no) = (sentence_list(yes, &[]), sentence_list(no, &[]));
            assert!(yes.len() >= 8 && no.len() >= 6, "{}: too few", theme.key());
            for text in yes {
                assert!(
                    read(text).contains(theme),
                    "{} not read in {text:?}",
                    theme.key()
                );
            }
            for text in no {
                assert!(
                    !read(text).contains(theme),
                    "{} read in {text:?}",
                    theme.key()
                );
            }
        }
    }

    #[test]
    fn a_wrapped_sentence_still_reads() {
        assert!(read("I pushed\n  back on the\r\nplan.").contains(Theme::Conflict));
        assert!(read("We had to break the bad\nnews to the client.").contains(Theme::BadNews));
        assert!(read("I rolled the release\nback within a day.").contains(Theme::Failure));
        for theme in Theme::ALL {
            for text in sentence_list(theme.fixtures().0, &[]) {
                let wrapped = text.replace(' ', "\n");
                assert!(
                    read(&wrapped).contains(theme),
                    "{}: {wrapped:?}",
                    theme.key()
                );
            }
        }
    }

    /// The themes of a `tags:` line, which the caller reads before the words.
    fn tagged(line: &str) -> Option<Themes> {
        let (name, rest) = line.trim_start_matches(['-', '*', ' ']).split_once(':')?;
        let tags = rest.split(',').map(|t| t.trim_matches(['*', ' ']));
        (name.trim_end_matches('*').eq_ignore_ascii_case("tags"))
            .then(|| tags.filter_map(Theme::from_key).collect())
    }

    #[test]
    fn the_failure_fixtures_read_as_failure_or_mistake() {
        let either: Themes = [Theme::Failure, Theme::Mistake].into_iter().collect();
        let yes = include_str!("../../tests/fixtures/cues/failure.yes.txt");
        for text in sentence_list(yes, &[]) {
            let themes = tagged(text).unwrap_or_else(|| read(text));
            assert!(themes.intersects(either), "failure.yes.txt: {text:?}");
        }
        let no = include_str!("../../tests/fixtures/cues/failure.no.txt");
        for text in sentence_list(no, &[]) {
            let tags = tagged(text).unwrap_or_default();
            assert!(!read(text).intersects(either), "failure.no.txt: {text:?}");
            assert!(!tags.intersects(either), "failure.no.txt: {text:?}");
        }
    }

    /// Every sentence of every theme's fixtures, with where it comes from (`failure.yes`).
    fn every_fixture_sentence(mut check: impl FnMut(&str, String)) {
        for theme in Theme::ALL {
            let (yes, no) = theme.fixtures();
            for (name, list) in [("yes", yes), ("no", no)] {
                for text in sentence_list(list, &[]) {
                    check(text, format!("{}.{name}", theme.key()));
                }
            }
        }
    }

    #[test]
    fn the_set_reads_as_each_lexicon_does() {
        assert!(all_at_once().is_some());
        let all: Themes = Theme::ALL.into_iter().collect();
        every_fixture_sentence(|text, from| {
            assert_eq!(read(text), read_some(text, all), "{from}: {text:?}");
        });
    }

    #[test]
    fn failure_or_mistake_in_one_pass_reads_as_the_two_lexicons_do() {
        let pair: Themes = [Theme::Failure, Theme::Mistake].into_iter().collect();
        every_fixture_sentence(|text, from| {
            assert_eq!(
                tells_failure_or_mistake(text),
                !one_by_one(text, pair).is_empty(),
                "{from}: {text:?}"
            );
        });
    }

    #[test]
    fn keys_and_aliases() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_key(theme.key()), Some(theme));
            assert_eq!(Theme::from_key(&theme.key().to_uppercase()), Some(theme));
        }
        let aliases = "failed=failure Failures=failure mistakes=mistake prioritization=prioritisation \
            priorities=prioritisation bad_news=bad-news collaboration=teamwork leading=leadership \
            lead=leadership persuasion=influence learn=learning customers=customer client=customer \
            deadlines=deadline conflicts=conflict disagreement=conflict";
        for pair in aliases.split_whitespace() {
            let (alias, key) = pair.split_once('=').unwrap_or_default();
            assert_eq!(Theme::from_key(alias), Theme::from_key(key), "{alias}");
            assert!(Theme::from_key(alias).is_some(), "{alias}");
        }
        assert_eq!(Theme::from_key(" Bad  News "), Some(Theme::BadNews));
        assert_eq!(
            Theme::from_key("learning something new"),
            Some(Theme::Learning)
        );
        for other in ["", "backend", "failure story", "leadershipp"] {
            assert_eq!(Theme::from_key(other), None, "{other}");
        }
    }

    #[test]
    fn theme_sets() {
        let mut set = Themes::default();
        assert!(set.is_empty());
        set.insert(Theme::Teamwork);
        set.insert(Theme::Failure);
        set.insert(Theme::Failure);
        assert_eq!(set.len(), 2);
        assert!(set.contains(Theme::Failure) && !set.contains(Theme::Risk));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Theme::Failure, Theme::Teamwork]
        );
        assert!(set.intersects([Theme::Risk, Theme::Teamwork].into_iter().collect()));
        assert!(!set.intersects([Theme::Risk].into_iter().collect()));
        assert_eq!(Theme::ALL.into_iter().collect::<Themes>().len(), 14);
        assert_eq!(read("Nothing to see here."), Themes::default());
        assert_eq!(
            read_some("We failed.", Themes::default()),
            Themes::default()
        );
    }
}
