//! The built-in cue lexicon: the phrases that make a sentence read as a result, a lesson,
//! hindsight or an action, compiled once.

use std::sync::OnceLock;

use regex::Regex;

use crate::kinds::PartKind;

// The lexicon. Word boundaries are ASCII (`(?-u:\b)`), which keeps the patterns on the fast
// engine for any text; apostrophes may be straight or curly.
pub(super) const RESULT: &str = r"(?ix)
      \bas\ a\ (?:direct\ )?result\b
    | \bback\ to\ normal\b | \b(?:normal|recovered|stable)\ (?:again\b|by\ [0-9])
    | (?:^|[\s,(~])~?[0-9]+\s?(?:min|mins|minutes|hrs?|hours)\ (?:of\ )?impact\b | \bimpact\ (?:was\ )?~?[0-9]+\s?(?:min|mins|minutes|hrs?|hours)\b
    | \bresult(?:ed|ing)\ in\b
    | \bwhich\ (?:cut|saved|reduced|raised|increased|halved|doubled|tripled|improved|lowered|removed|eliminated|freed|shortened|sped\ up|brought)\b
    | \bno\ longer\b
    | \b(?:is|are|was|were)\ now\b
    | \bnow\ [a-z]{3,}(?:es|s)\b
    | \b(?:avg|average|total|register|list|rate|score|sales|turnover|revenue|spend|upsell|attendance|absence|sickness|waiting\ list|backlog)\ now\ (?:at\ |down\ to\ |up\ to\ )?[$£€]?[0-9]
    | \bnow\ [a-z]+\ [^.;!?]{0,40}?(?:[0-9]|\btwo\b|\bthree\b|\bfour\b|\bfive\b|\bsix\b|\bseven\b|\beight\b|\bnine\b|\bten\b|\btwenty\b|\bhalf\b|\btwice\b|\bminutes\b|\bhours\b|\bdays\b)
    | \bnow\ (?:takes|runs|has|owns|handles|gets|costs|needs|happens|arrives|ships|lands|works|uses|covers|reaches|serves|finishes|closes|sits|lasts|fits|passes|catches|loads|starts|ends|flags|goes|comes|means|lives|holds|stays|answers|reports|shows|sends|leads|teaches|trains|manages|own|run|lead|manage|handle)\b
    | \bwent\ (?:from|down|up)\b
    | \bfrom\ [$£€]?[0-9][0-9.,]*\s?[a-z%]*\s+(?:down\ |up\ )?to\ [$£€]?[0-9]
    | \bfrom\ (?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a\ hundred)\ [a-z]+\ (?:down\ |up\ )?to\ (?:[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)
    | \binste?a?d\ of\ (?:[0-9]|one\b|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a\ hundred)
    | [0-9][0-9.,]*\s*[a-z%]*\s*(?:→|->|⇒)\s*[$£€]?[0-9]
    | \b(?:shipped|rolled\ out|launched|released|went\ live)\ (?:to|in|across|at)\ (?:[0-9]|all\b|every\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b)
    | \b(?:cut|cuts|reduced|increased|grew|improved|saved|dropped|fell|rose|lowered|raised|boosted|shrank|trimmed|shortened|slashed|sped\ up|brought\ down|brought)\b[^.;!?]{0,60}?\b(?:by|to)\ (?:an\ average\ of\ |on\ average\ )?(?:(?:about|around|roughly|nearly|almost|just|under|over|below|above|less\ than|more\ than)\ )?(?:[$£€]?[0-9]|a\ (?:third|quarter|half|fifth)\b|half\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|twenty\b|a\ hundred|zero\b)
    | \b(?:doubled|halved|tripled|quadrupled)\b
    | \bwent\ (?:live|into\ production)\b
    | \b(?:is|are)\ (?:now\ )?live\b
    | \bwon\ (?:the|a|an|us|back|two|three|best)\b
    | \bsaved\ (?:us\ |the\ [a-z]+\ |them\ |about\ |over\ |roughly\ )?[$£€]?[0-9]
    | \b(?:is|are|was|were|['’]s|['’]re|hes|shes|theyre)\ back\ (?:driving|at\ work|to\ work|teaching|nursing|on\ full\ duties|on\ the\ road|full[-\ ]time)\b
    | \ball\ (?:[0-9]+\ )?(?:filed|signed\ off|delivered|submitted|completed|passed|installed|fitted|tipped|cleared|closed|handed\ over)\ (?:(?:by|before)\ (?:the\ )?(?:[0-9]|end\b|deadline\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunch|noon|midnight|christmas|easter)|(?:within|in)\ (?:[0-9]+|two|three|four|five|six|a)\ (?:hours?|days?|weeks?|hrs|wks|mins)\b|ahead\ of)
    | [$£€][0-9][0-9.,]*k?\ (?:of\ )?(?:tax\ )?(?:back|refunded|recovered)\ (?:for|to)\b
    | \b(?:down|up)\ ~\s?[0-9][0-9.,]*\s?%
    | \b(?:down|up)\ (?:by\ )?[0-9][0-9.,]*\s?%\ (?:(?:on|vs\.?|versus|against|compared\ (?:to|with))\ (?:Q[1-4]|H[12]|last|LY|the\ (?:previous|same|last)|budget|target|plan|[0-9]{4})|year\ on\ year|yoy)\b
    | \b(?:was|were)\ (?:back\ )?(?:up\ and\ )?(?:frying|trading|working|running|selling|cooking|serving|flowing|teaching|walking|eating|talking|sleeping|driving|playing|attending|coming\ in|shipping|dispatching|picking|operating|open)\ again\b
    | \b(?:zero|no)\ (?:incidents|outages|complaints|defects|escalations|errors|falls|injuries|accidents|returns|trips|faults|leaks|breakdowns|failures|call-?backs|call-?outs|exclusions|fights|overspends?|issues|problems|repeat\ [a-z]+)\ since\b
    | \bpaid\ (?:for\ )?(?:it|them)?(?:self|selves)?\ ?back\ in\ (?:just\ )?(?:under|over|about|around|less\ than)?\ ?(?:[0-9]+|a|one|two|three|six)\b
    | \b(?:came\ in|finished|delivered|landed)\ (?:under|on|ahead\ of)\ (?:budget|time|schedule)\b
    | \bahead\ of\ schedule\b
    | \bthe\ (?:outcome|result|impact|upshot)\ (?:was|is)\b
    | \b(?:got|was)\ promoted\b
    | \b(?:adopted|used)\ by\ (?:[0-9]|every|all|two|three|four|five|six|seven|eight|nine|ten|other|the\ whole)
    | \bsigned\ (?:off|the\ contract|a\ [0-9])\b
    | \bended\ (?:the\ (?:year|quarter|term|season|month|week|sprint|project|trial|pilot)|up)\ (?:with|at|on)\b
    | \b(?:placed|finished|came|ranked)\ (?:[0-9]+(?:st|nd|rd|th)|first|second|third|top\ [0-9a-z]+)\b
    | \bwith\ (?:zero|no)\ (?:errors|incidents|outages|complaints|defects|downtime|data\ loss|findings|failures|escalations)\b
    | (?:^|[.!?]\s+)since\ then\b
    | \bgot\ (?:it|them|that|this|the\ [a-z]+)\ (?:down|up)\ to\ (?:about\ |around\ |under\ )?[$£€]?[0-9]
    | \bnow\s*\((?:from|was|up\ from|down\ from)\ [$£€]?[0-9][0-9.,]*\s?%?\) | [0-9][0-9.,]*\s?%\ [a-z]+\ now\b
    | \b(?:has|have|['’]ve)\ (?:[a-z]+\ )?(?:[a-z]+ed|sent|got|had|won|made|taken|given|brought|become|grown|kept|sold|paid)\b[^.;!?]{0,80}?\b(?:ever\ )?since\s*(?:[.!?]|$)
    | \b(?:has|have)\ since\ (?:[a-z]+ed|sent|won|got|become|grown|made|taken|given|brought|built|run|led|kept)\b
    | \bkept\ (?:us|me|them)\ on\b | \bkept\ (?:his|her|their|my|our)\ (?:place|job|jobs|contract|tenancy|home|licence|license)\b
    | \b(?:shipped|launched|delivered|finished|opened|went\ live)\ (?:a|one|two|three|four|[0-9]+)\ (?:days?|weeks?|months?)\ (?:early|ahead\ of\ schedule)\b
    | \bwent\ to\ (?:the\ )?(?:printer|print|press)\ on\ (?:the\ original\ date|time|schedule)\b
    | \b(?:didn['’]t|did\ not|never)\b[^.;!?]{0,80}?\bfor\ the\ rest\ of\ the\ (?:year|quarter|term|season|project)\b
    | \b(?:she|he|they|the\ (?:board|panel|client|customer|director|committee|court|judge))\ agreed(?:[.,;]|\ and\b|\ to\ (?:keep|fund|extend|renew|sign|go|take|use|adopt|try|come|attend|meet|join|return|stay|wait|hold|delay|pause)\b)
    | \bgot\ (?:funded|the\ go-ahead)\b
    | (?:^|[.!?]\s+)it\ (?:fell\ apart|paid\ off|backfired|flopped|stuck)\b
    | \b(?:we|they|[a-z]{3,}s)\ now\ (?:bring|use|ask|come|send|have|call|meet|review|plan|write|join|open|share|book|pick|close|finish|arrive|take|run|get|go|happen|land|chart|record|log|file|check|follow)\b
    | \b(?:all|both)\ (?:[a-z0-9]+\ )?now\ [a-z]{3,}\b
    | \bstill\ (?:doing\ well|in\ (?:place|use)|going\ strong)\b
    | [0-9][0-9.,]*k?\ (?:a|per)\ (?:day|week|month|year)\ saved\b
    | \bpassed\ (?:on\ the\ day|first\ time)\b
    | \bnow\b[^.;!?]{0,60}?\binstead\ of\b
    | \binstead\ of\ (?:the\ )?(?:planned|usual|expected|budgeted|promised|quoted|scheduled)\ (?:[0-9]|one\b|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)
    | \b(?:she|he|they)\ (?:owns|runs|leads|manages|handles)\ (?:it|them|this|that|the\ [a-z]+)(?:\ [a-z]+)?\ now\b
    | (?:^|[.!?]\s+)(?:outcome|result|impact)s?\s*[:—–]\s*(?-i:[a-z0-9]|[A-Z][a-z])
    | (?:^|[.!?]\s+)by\ (?:the\ end\ of\ (?:the\ )?[a-z0-9]+|easter|christmas|summer|spring|autumn|winter|launch|year-end|then|january|february|march|april|may|june|july|august|september|october|november|december|(?:week|day|month)\ [0-9]+),?\ [^.!?]{0,80}?\b(?:was|were)\ (?:at\ |up\ to\ |down\ to\ )?[0-9]
";

/// What came of a story, said the way people end one ("He went home nine days later.", "No
/// patient harm.", "41 de-labelled, zero reactions."): weaker than [`RESULT`], these state a
/// result only in a sentence after the story's first action, and are never evidence that a
/// text tells a story (see `Hit::outcome`).
pub(super) const OUTCOME: &str = r"(?ix)
      \b(?:saved|avoided|cost|lost|gained|won|raised|sold|earned|recovered|reached|hit|got|counted|cleared|signed|released|freed\ up|unlocked|recouped|clawed\ back|brought\ in)\ (?:[a-z]+\ ){0,3}?(?:(?:about|around|roughly|nearly|almost|over|under|just|some|another|a\ further)\ )?(?:[$£€]?[0-9]|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\ hundred|hundreds|thousands)\b)
    | [0-9][0-9.,]*\ (?:[a-z-]+\ ){0,3}?(?:avoided|saved|prevented|recovered|resolved|de-labelled|cleared)\b
    | \b(?:was|were|came\ in|ended\ up|finished|landed)\ (?:at\ |on\ |about\ |around\ |roughly\ |(?:up|down)\ (?:to\ |by\ )?)?[$£€+\-−]?[0-9][0-9.,]*\s?(?:%|percent\b|pp\b|pts?\b|points\b|x\b|k\b|m\b)
    | [0-9][0-9.,]*\s?%?\s+(?:vs\.?|versus|against|compared\ (?:to|with))\s+[$£€]?[0-9]
    | \b[0-9][0-9.,]*\s?%?\ (?:[^.;:!?]{0,40}?\ )?before\s*[,;/]\s*[0-9][0-9.,]*\s?%?\ (?:during|after|since|with|now)\b
    | \b(?:above|below|up\ on|down\ on|ahead\ of|over|under)\ (?:last\ (?:year|quarter|month|season|term)|(?:the\ )?(?:target|plan|budget|forecast|baseline))\b
    | \bon\ (?:time|schedule|budget)\b
    | \bwithout\ (?:a\ (?:problem|hitch|hiccup|complaint)|any\ (?:problems|issues|incidents|complaints)|incident)\b
    | \b(?:minutes|mins|hours|hrs|days|weeks|months?|a\ (?:day|week|month))\ (?:early|late|ahead\ of\ (?:schedule|plan)|(?:earlier|later)\ than\ (?:planned|expected|promised))\b
    | \bzero\ (?:[a-z-]+\ )?[a-z-]+s\b
    | \bnot\ (?:one|a\ single)\b
    | \b(?:nobody|no\ one)\ (?:was|were|got|had\ to|needed\ to|went|lost|missed|left|quit|resigned|complained|noticed|called|came\ back)\b
    | \b(?:lost|missed|dropped)\ no\b
    | \bfor\ the\ first\ time\ (?:in|since|ever)\b
    | \bthe\ (?:biggest|best|highest|largest|most|fastest|lowest)\b[^.;!?]{0,30}?\b(?:since|ever|on\ record|in\ (?:years|a\ decade))\b
    | \bno\ (?:[a-z-]+\ ){0,2}?[a-z-]+\ (?:was|were)\ (?:found|damaged|lost|hurt|injured|harmed|missed|needed)\b
    | (?:^|[.!?:;]\s+)no\ [a-z-]+\ (?:damaged|lost|hurt|injured|harmed)\b
    | \b(?:they|she|he)(?:['’]ve|\ have|\ has|['’]s)\ (?:agreed|approved|accepted|signed|renewed)\b
    | \b(?:nobody|no\ one|nothing)\ (?:has|have)\b[^.;!?]{0,60}?\bsince\b
    | \bfound\ (?:nothing|no\ [a-z-]+)\b
    | \b(?:was|were|got)\ [a-z]+(?:ed|en)\b[^.;!?]{0,40}?\bwithin\ (?:[0-9]+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty)\ (?:minutes?|hours?|days?|weeks?)\b
    | \bonly\ (?:one|two|three|[0-9]+)\ [a-z]+\ (?:has|have)\ (?:left|quit|complained|failed)\b
    | \b(?:we['’]re|we\ are|it['’]s|it\ is)\ (?:at|on)\ [$£€]?[0-9]
    | \b(?:was|were)\ (?:fine|safe|unharmed|discharged\ home)\b
    | (?:^|[.!?:;—–]\s+)(?:back\ )?(?:down\ (?:to|from)|up\ from)\ [$£€]?[0-9] | (?:^|[.!?:;—–]\s+)back\ up\ to\ [$£€]?[0-9]
    | \b(?:is|are|was|were)\ (?:now\ )?(?:down|up)\ (?:to|from|by)\ (?:[0-9]|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|half\b|a\ (?:third|quarter|half)\b)
    | \bcost\ (?:us|me)\ (?:a|an|one|two|three|four|five|[0-9]+)\ (?:hours?|days?|weeks?|months?|years?)\b
    | \bsettled\ (?:[a-z]+\ ){0,3}?(?:for|at)\ [$£€]?[0-9]
    | \b(?:renewed|re-signed|extended)\ (?:for|at|by)\ (?:another\ |a\ further\ )?(?:[$£€]?[0-9]|one\b|two\b|three\b|a\ (?:year|month))
    | (?:^|[.!?:;]\s+)(?:accepted|approved|signed\ off|granted|stamped)\ (?:that|the\ same|on\ the\ same)\ (?:evening|night|day|morning|afternoon|week)\b
    | \bwent\ back\ to\ (?:paper|the\ old|how|what|using)\b
    | \b(?:walked|got|went|managed|drove|travelled|cooked|run|ran|running|done|doing|worked|working|handled|handling|coped|coping)\b[^.;!?]{0,40}?\bon\ (?:her|his|their)\ own\b
    | \b[0-9]+(?:st|nd|rd|th)\ (?:in|of)\ (?:the\ )?(?:region|country|area|league|division|district|county|company|trust|chain|network|uk|group)\b
    | \bpassed\ (?:on\ )?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|[0-9]{1,2}(?:st|nd|rd|th)?\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))
    | \b[0-9]+\ [a-z]+\ in\ the\ first\ (?:day|week|fortnight|month|quarter|term|year)\b
    | [0-9][0-9.,]*\s?%?\ [a-z][a-z\ ]{0,30}\(\s*(?:was\ |vs\.?\ |from\ )?[0-9][0-9.,]*\s?%?\ (?:last|the\ year\ before|previous|in\ (?:20[0-9]{2}|jan|january))
    | \b(?:exchanged|completed|closed|signed|opened|launched|finished|delivered)\b[^.;!?]{0,40}?\b(?:like|as)\ planned\b
    | (?:^|[.!?,;]\s+|\band\ )by\ (?:the\ )?(?:end\ of\ (?:the\ )?[a-z0-9]+|easter|christmas|summer|spring|autumn|winter|january|february|march|april|may|june|july|august|september|october|november|december),?\ (?:we|they|it|she|he|the\ [a-z]+)\ (?:were|was|had|hit|reached|got)\b
    | \bonly\ [0-9]+\ (?:min|mins|minutes|hours|hrs|days|weeks)\ late\b
    | (?:^|[.!?:;,]\s+)no\ [a-z-]+\ (?:stuck|stranded|lost|hurt|injured|damaged)\b
    | \b(?:next|the\ following)\ (?:quarter|month|year|week|term|audit)\ there\ (?:was|were)\ (?:only\ )?(?:one|no|zero|none|[0-9]+)\b
    | \b(?:left|gave|wrote)\ (?:us\ |me\ |the\ [a-z]+\ )?a\ (?:[0-9]|five)\s?(?:\*|-?\ ?stars?\b|\ (?:review|rating)\b)
    | \b(?:complaint|case|ticket|claim|appeal|grievance)s?\ (?:was\ |were\ )?(?:closed|resolved|withdrawn|dropped|upheld)\b
    | \bcame\ out\ (?:at\ |to\ )?[$£€]?[0-9] | \bwent\ to\ [$£€]?[0-9]
    | \b(?:tracks|uses|follows|quotes|reports)\ (?:it\ |them\ )?now\b | \bthey['’]re\ [a-z]+\ now\b
    | \bwithout\ me\b
    | \b(?:is|are|was|were)\ (?:about\ |around\ |roughly\ |nearly\ |almost\ )?[0-9][0-9.,]*\s?(?:%|[a-z]+)?\ (?:quicker|faster|shorter|cheaper|slower|longer|lower|higher|smaller|bigger)\b
    | \b(?:he|she|they|it|the\ [a-z]+|[a-z]{3,})\ never\ (?:raised|mentioned|noticed|came\ back|complained)\b
    | \b(?:1|one)\ in\ (?:[0-9]+|ten|twenty|fifty|a\ hundred)\b
    | \b(?:work|works|talk|talks|speak|speaks|trust|trusts)\ (?:[a-z]+\ ){0,3}?again\b
    | \b(?:is|are|was|were)\ (?:now\ )?gone\b | \b(?:has|have)\ stopped\ [a-z]+ing\b
    | \ball\ (?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\ (?:[a-z-]+\ ){0,3}?(?:[a-z]+ed|done|put\ away|seen|sent)\b
    | [0-9][0-9.,]*\s?%\ of\ (?:the\ )?(?:budget|target|plan|forecast)\b
    | \b(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\ (?:out\ )?of\ (?:the\ |our\ |my\ |his\ |her\ |their\ )?(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\b
    | \b(?:vs\.?|versus|compared\ (?:to|with))\ (?:[a-z]+\ ){0,2}?(?:before|last\ (?:year|time|quarter|term|month))\b
    | (?:^|[.!?:;]\s+)no\ (?:further|more|new|other|repeat)\ (?:[a-z-]+\ ){0,2}?[a-z-]+s\b
    | \b(?:went|go|goes)\ ahead\b | \bstill\ (?:sends|calls|comes|uses|asks|writes|visits|rings|emails)\b
    | \b(?:we|I)(?:['’]d|\ had)\ (?:asked|applied|pushed|argued|hoped)\ for\b
    | \bto\ say\ thank(?:s|\ you)\b | \bthanked\ (?:me|us)\b
    | \b(?:were|was|are|is)\ back\ (?:in|at|on)\ (?:their|his|her|our|the|its)\b | \b(?:was|were)\ back\ [a-z]{3,}ing\b
    | \bsince\ then\b
    | \b[0-9]+\ out\ of\ [0-9]+\b
    | \b(?:was|were|is|are|came|got\ [a-z]+|power)\ back\ (?:on|up|online|in\ service)\b
    | (?:^|[.!?:;]\s+)no\ (?:[a-z-]+\ ){0,2}?(?:harm|errors?|complaints?|incidents?|injur(?:y|ies)|damage|downtime|outages?|problems?|issues?|delays?|escalations?|defects?|reactions?|repeats?|losses|overtime|penalt(?:y|ies)|grievances?|tribunal\ claims?|appeals?)\b
    | \bwith\ no\ further\ action\b
    | \b(?:hasn['’]?t|haven['’]?t|hadn['’]?t|has\ not|have\ not)\b[^.;!?]{0,80}?\bsince\b
    | \b(?:has|have)\ (?:kept|stayed|remained|continued)\b
    | \b(?:had|got)\ (?:it|them|the\ money|the\ [a-z]+)\ back\ (?:within|in|by|the\ same|the\ next|that|before)\b
    | \b(?:went|was\ sent|were\ sent)\ home\ (?:on|that|the\ same|the\ next|after|within|in|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\ few|a\ day|a\ week|[0-9])
    | \b(?:had|got)\ (?:a\ |his\ |her\ |their\ )?(?:pulse|output|rhythm)\ back\b
    | \b(?:he|she|they|the\ (?:patient|guest|baby|mum|dog|cat|horse|client))\ (?:survived|recovered|pulled\ through|made\ a\ full\ recovery)\b
    | \b(?:was|were|is|are)\ (?:open|running|trading|working|up)\ again\b
    | \bstill\ (?:on\ the|in\ the|running|performing|working|using|used|there|going|with\ us)\b
    | \b(?:was|were|got)\ (?:accepted|approved|adopted|funded|signed\ off|served|renewed|extended|published|commended|shortlisted|selected|recognised|recognized)\b
    | (?:^|[.!?:;]\s+)(?:accepted|approved|adopted|published|shortlisted|selected)\ (?:as|by|for|at|into)\b
    | (?:^|[.!?:;]\s+)(?:accepted|approved|shortlisted|granted|awarded|funded|published|selected|upheld|renewed|reappointed)(?:\ (?:second|third|first|in|within|after|and|without|unanimously|straight|again)\b|\s*[.,;!]|\s*$)
    | \b(?:was|were)\ taken\ to\ (?:hospital|a&e|theatre|resus|icu|the\ (?:hospital|ward|unit))\b
    | \bpassed(?:\ (?:every|all|each|the|its|their|his|her|my|our|first|at|on|with|comfortably|easily|cleanly|unanimously)\b|\s*[.,;]|\s*$)
    | \b(?:went\ through|came\ back|paid\ (?:up|in\ full|the\ [a-z]+\ in\ full))\b
    | \b(?:is|are)\ (?:used|followed|run|in\ use)\b[^.;!?]{0,40}?\bnow\b
    | \b(?:link|links|refer|refers|point|points|cite|cites|come|comes)\ (?:to\ )?(?:it|them|this|us|me)\b[^.;!?]{0,40}?\bnow\b
    | \b(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|a\ few)\ (?:minutes|hours|days|weeks|months|years)\ later\b
    | \bso\ (?:they|we|it|the\ [a-z]+)\ (?:shipped|launched|went\ live|rolled\ it\ out|agreed|signed)\b
    | \band\ (?:they|it|the\ [a-z]+)\ (?:shipped|launched|went\ live|agreed|signed)\b
    | \bended\ up\ [a-z]{3,}ing\b
    | \b(?:down|up)\ (?:by\ )?(?:roughly|about|around|nearly|almost|over|under|just\ over|just\ under)\ (?:[$£€][0-9]|[0-9][0-9.,]*\s?(?:%|k\b|percent\b))
    | \bdid(?:n['’]?t|\ not)\ get\ (?:it|the\ (?:job|contract|tender|role|work|bid|deal|grant|promotion|post|place|funding))(?:[.,;!]|\s*$)
    | [;,]\s*before\ (?:the|that|this|we|I|my|our)\b[^.;!?]{0,40}?\b(?:it|that|this|they|we)\ (?:was|were|took|used\ to)\b
";

pub(super) const LESSON: &str = r"(?ix)
      \bI(?:'ve|’ve|\ have)?\ (?:realised|realized)\b
    | \bI(?:'ve|’ve|\ have)?(?:\ already|\ also|\ since)?\ (?:learned|learnt|discovered|understood)(?:\ (?:that|how|why|what|when|where|to|not|never|always|early|quickly|fast|the\ hard\ way|the\ value|the\ importance|a\ lot|so\ much|more|first-hand|firsthand)\b|\s*[:,—–.]|\s*$)
    | \b(?:taught|showed|reminded)\ me\b
    | (?:^|[.!?]\s+)(?:learned|learnt)\ (?:I\ |that\ |not\ to\ |the\ hard\ way\b)
    | (?:^|[.!?]\s+)(?:learned|learnt)\s*(?:[:=—–]|\ -\ )\s*(?-i:[a-z])
    | (?:^|[.!?]\s+)next\ time\s*(?:[:—–]|\ -\ )\s*(?-i:[a-z]+)\ (?:the|to|a|an|my|our|with|them|him|her|it|more|less|earlier|first|before|up|out)\b
    | \b(?:my|the|one|biggest|main|key|real|big)\ (?:(?:biggest|main|key|real|big|hardest|first|second|last|other|important|clear|simple|obvious|painful|one)\ )?(?:takeaway|lesson)s?(?:\ here|\ for\ me)?(?:\ (?:was|is|were|are)\b|\s*[:—–])
    | \b(?:biggest|main|key|real|big|hardest)\ learnings?(?:\ here|\ for\ me)?(?:\ (?:was|is|were|are)\b|\s*[:—–])
    | \blessons?\ learn(?:ed|t)\b
    | (?:^|[.!?]\s+)(?:lesson|takeaway)s?(?:\ learn(?:ed|t))?(?:\ here|\ for\ me)?(?:\s*[:—–=]|\ -\ )
    | (?:^|[.!?]\s+)(?:the\ )?(?:main|big|biggest|key)\ thing(?:\ here|\ for\ me)?\s*[:—–]
    | \b(?:what|it|this|that|one\ thing)\ (?:has\ )?(?:stuck|stays|stayed)\ with\ me\b | \bwhat\ I['’]m\ learning\ (?:is|here)\b
    | (?:^|[.!?]\s+|[-–—]\s+)(?:the\ )?moral(?:\ of\ the\ story)?\s*[:—–]
    | \bmoral\ of\ the\ story\b
    | \b(?:the\ (?:bit|thing|part)|what)\ I\ keep\ (?:coming|going)\ back\ to\b
    | \bnever\ again\ (?:will|would|do|did|am)\ I\b | \bI(?:['’]ll|\ will)\ never\ again\b
    | \bwhat\ I(?:['’]d|\ would)\ tell\ (?:myself|my\ younger\ self|past\ me|my\ past\ self|anyone|someone|others|new\ [a-z]+|a\ new\ [a-z]+|the\ next\ [a-z]+)\b
    | (?:^|[.!?]\s+)(?:learned|learnt)\ (?:that|to|how|the\ hard\ way|you|we|people|ppl|not|never|always)\b
    | \b(?:thing|things|lesson|lessons)\ I(?:['’]ve|\ have)?(?:\ already|\ also|\ since)?\ (?:learned|learnt|took\ away)(?:\ (?:from\ (?:it|this|that)\ )?(?:was|is|were|are)\b|\s*[:—–]|\ -\ )
    | \bwhat\ I\ learn(?:ed|t)\ (?:is|was|from\ (?:it|this|that))\b
    | \bwhat\ I\ took\ (?:away\ )?from\b | \bwhat\ I\ got\ out\ of\ (?:it|this|that|them)\b | \b(?:thing|things|lesson|lessons)\ I\ took\ (?:away\ )?from\ (?:it|this|that|them)\b
    | \bI\ now\ (?:listen|watch|always|never|routinely|make\ sure|insist|check|ask|start|plan|budget|write|test|verify|involve|document|double-check|try|prefer|avoid|push|bring|share|set|spend|keep|build|review|schedule|confirm|measure|read|look|begin|treat|agree|warn|book|call|pair|get)\b
    | \b(?:now\ I|I\ now)\ (?:know|understand|see|believe)\b
    | \bthe\ hard\ way\b
    | \bI\ [a-z]+\b[^.;!?]{0,80}?\bnow,?\ (?:no\ exceptions|every\ (?:single\ )?time|without\ fail)\b
    | \b(?:the\ |my\ |a\ )?rule\ I\ (?:go|live|work)\ by\b
    | \bI(?:['’]ve|\ have)\ come\ (?:round\ |around\ )?to\ (?:think|thinking|believe|believing|see|seeing|realise|realize|the\ view)\b
    | \bit\ (?:was|is)\ a\ lesson\ in\b
";

pub(super) const HINDSIGHT: &str = r"(?ix)
      (?:^|[.!?]\s+|\W)(?:looking\ back|with\ (?:the\ benefit\ of\ )?hindsight)(?:\s*[,:—–]|\s+(?:now|I|on\ it|today)\b)
    | \bin\ (?:hindsight|retrospect)\b
    | \bnext\ time,?\ (?:I|I['’]d|I['’]ll|I\ would|I\ will|I\ should|I['’]m\ going\ to|we['’]d|we\ would|we\ will)\b
    | \bif\ I\ (?:did|were\ doing|were\ to\ do|could\ do|had\ to\ do|ran|were\ running|started|were\ starting|had\ it)\ (?:it|this|that|the\ [a-z]+)\ (?:again|over)\b
    | \bif\ I\ [a-z]+ed\ (?:it|this|that|them|the\ [a-z]+)\ again,?\ (?:I|we)(?:['’]d|\ would)\b
    | \bif\ I\ could\ (?:go\ back|do\ it\ again|start\ over|redo)\b
    | \bI\ (?:should|shouldn['’]t|should\ not|could)\ (?:have|of)\b
    | (?:^|[.!?]\s+|[-–—:,]\s+)(?:(?:tbh|tbf|honestly|prob|probably|really),?\ )?(?:should|shd|shld|shud|shoud)(?:\ have|['’]?ve|\ of)\ (?:[a-z]{2,12}\ )?(?:[a-z]+ed|sat|stood|met|held|had|let|thought|bought|left|heard|taken|given|written|spoken|chosen|driven|broken|gotten|forgotten|proven|shown|known|seen|thrown|done|made|told|asked|kept|spent|put|built|written|gone|run|got|set|brought|known|seen|caught)\b
    | \bshould\ of\ (?:[a-z]{2,12}\ )?(?:[a-z]+ed|got|gone|done|made|told|asked|sat|put|kept|sent|taken|left)\b
    | \bI(?:['’]d|\ would)\ have\ (?:[a-z]+ed|[a-z]+en|done|made|taken|brought|set|built|written|gone|run|got|told|pushed|asked|kept|sent|spent|put)\b
    | (?:^|[.!?]\s+|[-–—:]\s+)would(?:\ have|['’]ve)\ (?:[a-z]+ed|[a-z]+en|done|made|taken|brought|set|built|written|gone|run|got|told|pushed|asked|kept|sent|spent|put)\b[^.!?]{0,80}?\b(?:rather\ than|instead\ of|earlier|sooner|first)\b
    | \bif\ I(?:['’]d|\ had)\ (?:[a-z]+ed|done|made|taken|gone|got|known|seen|told|asked|kept|spent|put|brought)\b[^.!?]{0,120}?\b(?:would|could|might)(?:\ have|['’]ve|\ not\ have|n['’]t\ have)\b
    | \bI\ wish\ I(?:['’]d|\ had)\b | (?:^|[.!?]\s+)wish\ (?:I['’]?d|I\ had)\ [a-z]+
    | \b(?:I['’]d|I\ would)\ (?:do|handle|approach|run|plan|tackle|structure|manage)\ (?:it\ |this\ |that\ |things\ |the\ [a-z]+\ )?differently\b
    | \bwhat\ I(?:['’]d|\ would)\ (?:do\ differently|change)\b
";

pub(super) const IRREGULAR_PAST: &str = "built|wrote|led|ran|made|took|drove|found|brought|caught|chose|cut|dug|gave|got|held|kept|met|paid|put|rebuilt|rewrote|sent|sold|spent|split|spoke|stood|taught|told|thought|won|began|became|drew|grew|knew|shut|sought|fought|flew|threw|left|bought|oversaw|undertook|upheld|sat|rode|broke|went|did|set|stepped|dealt|meant|swapped|overhauled|mentored|shipped|rang|came|hung|stuck|struck|fed|hid|laid|lent|lost|rose|shook|shot|slept|spun|stole|swept|swam|tore|woke|wore|withdrew|overcame|redid|rethought|reran|forgot|mistook|misread|sank|bent|fell|sped|withheld|forgave|froze|undid|overrode";

/// The past tenses of [`IRREGULAR_PAST`] (and more) that are also the bare verb: opening a
/// sentence, they may be an instruction ("Set the scene …") as well as an action.
pub(super) const SAME_AS_IMPERATIVE: &[&str] = &[
    "set", "put", "cut", "split", "read", "let", "shut", "cost", "hurt", "spread", "quit", "hit",
];

/// Words ending in -ed that are not a past-tense action after "I" or at a sentence start.
pub(super) const NOT_PAST: &[&str] = &[
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

/// A changelog's entry verbs ("Fixed a crash when …", "Added `--json`"): no action where they
/// open a sentence with no one named, but one where the writer says they did it ("I fixed the
/// boiler", "we updated the rota").
pub(super) const CHANGELOG_VERBS: &[&str] = &[
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
];

pub(super) fn action_patterns() -> &'static (Regex, Regex) {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // "I've paired with her since March": what the writer has been doing.
        // "I've done a fortnightly hour with her since September": a participle after "I've".
        // "We had to build a workaround": what had to be done was done.
        // "I had a quiet word with him": spoke to him.
        let first_person = format!(
            r"{}|(?i)(?-u:\b)(?:I|we)\s+had\s+an?\s+(?:(?:quiet|quick|proper|frank|honest|long|difficult|hard|private|informal)\s+)?(?:word|chat|talk|conversation)\s+with(?-u:\b)|(?i)(?-u:\b)I(?:['’]ve|\s+have)\s+((?:done|taken|given|written|run|shown|driven|spoken|chosen|begun|drawn|ridden))(?-u:\b)|(?i)(?-u:\b)(?:I|we)\s+had\s+to\s+((?:build|rebuild|write|rewrite|move|find|ring|call|phone|tell|cover|run|rerun|take|drive|redo|explain|chase|escalate|restart|close|cancel|pull|shut|fix|replace|stop|evacuate|isolate|rearrange|reschedule|organise|organize|arrange|hire|recruit|restate|refund|rebook|step))(?-u:\b)",
            done_by(r"I(?:['’]ve|\s+have)?")
        );
        // A sentence's start, or a title's dash or colon before the story on its line
        // (`**Capacity model** — built a small model …`); "so" or "then" may lead in (`so left
        // a logger on it over a wkend`).
        let subject_less =
            format!(r"(?m)(?:^|[.!?]\s+|[—–:]\s+)(?i:(?:so|then|and\ then)\s+)?([A-Z][a-z]*(?:-[a-z]+)?ed|(?i:(?:[a-z]+-)?(?:{IRREGULAR_PAST})))(?-u:\b)");
        (
            Regex::new(&first_person).unwrap_or_else(|_| never()),
            Regex::new(&subject_less).unwrap_or_else(|_| never()),
        )
    })
}

/// A regular past tense in lower case opening a sentence, then whom or what it was done to
/// ("moved everything over in Feb", "trialled the app on 20 buses"): an action told without
/// its subject by a writer who does not capitalise — asked only of a paragraph that opens in
/// lower case and puts no capital after a full stop, where a capital letter is not a
/// sentence's sign. Whom may be a name before what was done with them (`trained Aisha to do
/// it`, not `improved Windows support`); what may be a doing begun (`started posting a before
/// and after every day`; a bug report's `started throwing an error` is not: see
/// [`GOING_WRONG`]). A
/// changelog's lower-case entries name a thing straight after the verb ("improved
/// performance", "added missing …"); a phone note's does too, without its article, but then
/// goes on to the next thing done (`called signaller on GSMR, got line blocked, …`) or says
/// how it was done (`restarted checkout pods in batches of 5`).
pub(super) fn lower_case_action() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?m)(?:(?:^|[.!?]\s+)(?:(?:so|then|and\ then)\s+)?|\bso\s+)(?:([a-z]+(?:-[a-z]+)?ed)\s+(?:the|a|an|it|him|her|them|us|me|my|our|his|their|its|everything|everyone|everybody|all|both|every|each|[0-9]+|up|out|over|off|back|down|round|around|[A-Z][a-z]+(?:\s+(?:to|and|on|in|for|with|how|through|up|out)(?-u:\b)|\s+\(|[.,;])|[a-z]{3,}\s+(?:on|to|in|at|with|about|into)\s+(?:the\s+|a\s+|my\s+|our\s+)?[A-Za-z0-9]+,\s+(?:[a-z]+ed|got|went|took|made|put|ran|rang|told|kept|sent|gave)(?-u:\b)|[a-z]{3,}(?:\s+[a-z]{3,})?\s+(?:in|by)\s+(?:batches|turn|bulk|stages|hand)(?-u:\b))|(?:started|began)\s+([a-z]{2,}ing)\s+(?:the|a|an|my|our|every|each|[0-9]+)(?-u:\b))")
            .unwrap_or_else(|_| never())
    })
}

/// What a thing starts doing when it goes wrong: `started throwing an error` is a bug report's
/// line, not something a writer did.
pub(super) const GOING_WRONG: &[&str] = &[
    "throwing",
    "failing",
    "crashing",
    "returning",
    "showing",
    "causing",
    "breaking",
    "leaking",
    "hanging",
    "timing",
    "giving",
    "printing",
    "logging",
    "rejecting",
    "dropping",
];

/// "I" or "we" (or "I've", "we have") and a past-tense verb: something the writer or their
/// team did, or has been doing ("I've paired with her since March").
pub(super) fn done_by_us() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(&done_by(r"(?:I|we)(?:['’]ve|\s+have)?")).unwrap_or_else(|_| never())
    })
}

/// A verb that only the past tense has: something happened, whoever did it ("a tamper broke
/// down and the possession was handed back late").
pub(super) fn happened() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:was|were|had|did|didn['’]t|wasn['’]t|weren['’]t|hadn['’]t|broke|went|came|got|took|happened)(?-u:\b)")
            .unwrap_or_else(|_| never())
    })
}

/// `subject`, an adverb or none, and a past-tense verb (captured): one pattern for "I did" and
/// "we did".
fn done_by(subject: &str) -> String {
    format!(
        r"(?i)(?-u:\b){subject}\s+(?:(?:also|then|first|quickly|personally|eventually|finally|later|just|soon|immediately|single-handedly|myself|all|def|defo|definitely|probably|really|totally|completely|honestly|maybe)\s+)?((?:[a-z]+-)?(?:[a-z]+ed|{IRREGULAR_PAST}))(?-u:\b)"
    )
}

/// Compiles a lexicon pattern with ASCII word boundaries.
pub(super) fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    // `^` is also a line's start: a paragraph keeps a line break only where a line ends a
    // sentence (see `paragraphs::push_piece`).
    crate::text::lexicon(&format!("(?m){pattern}"), false)
}

pub(super) fn lexicon() -> &'static [(PartKind, Regex); 3] {
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

/// Words of what is hoped, planned or supposed: a sentence with one states no outcome.
pub(super) fn intends() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        compile(r"(?i)\b(?:will|would|if|unless|goal|target|aim|aims|hope|hopes|plan\ to|plans\ to|going\ to|should|must|ask|whether)\b")
            .unwrap_or_else(|_| never())
    })
}

/// The outcome cues ([`OUTCOME`]), compiled once.
pub(super) fn outcome() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| compile(OUTCOME).unwrap_or_else(|_| never()))
}

/// A pattern that matches nothing: the stand-in should a built-in pattern fail to compile
/// (a unit test proves they all do).
fn never() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a character class compiles"))
}
