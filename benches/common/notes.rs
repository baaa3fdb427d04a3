//! Generated career notes for the benchmarks: varied experiences, each with a unique title,
//! under employer headings: sub-heading parts, bold label lines, list labels, callouts, code
//! blocks, comments, suppressions, emoji and CJK text, some parts missing or empty, as people
//! write them.

/// Experience templates; `{n}` makes each title unique.
const STORIES: &[&str] = &[
    "### Checkout latency {n}

#### Context

Checkout p99 was 1.8 s at peak, and the payment provider timed out on slow requests.

#### Action

I traced the slowest requests in production, found an N+1 query in the fraud check, and
batched it. I also added a per-request budget so that a slow dependency fails fast.

```sql
select * from orders where customer_id = $1; -- Result: not a label
```

#### Result

p99 fell from 1.8 s to 420 ms, and authorisation timeouts dropped by 93%.

#### Lesson

Measure in production before arguing about flame graphs from staging.

#### In hindsight

I would have added the latency budget first; it would have contained the incident a month earlier.
",
    "### Ward handover {n}

**Situation:** Night-shift handovers took forty minutes and missed medication changes.

**What I did:** I wrote a one-page SBAR sheet, trained the charge nurses, and audited
twenty handovers a week for a month.

**Result:** Handover time halved and missed changes went from 6 a month to 1.

**Lesson:** A checklist only works at 3 a.m. if it fits on one page.
",
    "### Renewal at risk {n}

- Situation: The champion had left and procurement had invited two competitors.
- Action: I rebuilt the relationship from the operations side:
  - ran a usage review with the depot managers;
  - brought our engineer on site to fix their two worst workflows.
- Result: Renewed for three years at $420k ARR, up 18%.
- Lesson: When the champion leaves, find the people who use the product every day.
- In hindsight: I would have mapped a second champion a year earlier.
",
    "### Team offsite 🏔️ {n}

We planned the agenda together and we booked our venue early. Everyone said it went well.

<!-- hindsight-disable we-not-i -->
",
    "### 東京ラボの立ち上げ {n}

> [!info] Context
> 新しいラボを三か月で立ち上げる必要があった。

> [!example] What I did
> I hired two technicians and wrote the safety induction in Japanese and English.

> [!success] Result
> The lab passed its first inspection with no findings.

> Lesson: Translate the safety rules yourself; a summary loses the details that matter.
",
    "### Flaky tests {n}

1. Problem: A third of CI runs failed for reasons unrelated to the change.
2. Approach: I quarantined the worst offenders and fixed the shared fixtures.
3. Impact: TODO
4. Takeaway: ...
",
    "### Hackathon prototype {n}

Two-day hackathon. I built a Slack bot that summarised incident channels; it won a prize and
then nobody maintained it.

<!--
Result: TODO
Lesson: write this one up
-->
",
    "### Café scientifique ☕ {n}

__Context__: Public talks drew the same twenty people every month.

__Action__: I moved them to a café, invited local schools, and kept each talk to 15 minutes.

__Outcome__: Attendance tripled within a term.

__Looking back__: I should have recorded the talks from the start.
",
];

/// Stories as people really write them (REAL-NOTES.md): titled list items with prose, parts
/// stated in sentences, STAR letters, `<details>` stories; no labels from the spec's table.
const PROSE_STORIES: &[&str] = &[
    "- **Retired the nightly export job {n}**
  - Finance re-keyed the same numbers every morning from a CSV the job dropped on a share. I
    replaced it with a live view in the reporting tool and walked the two analysts through it.
    Month-end close now takes two days instead of five.
- **Mentored our first apprentice {n}**
  - Paired with Sam three afternoons a week through the autumn; Sam now owns the billing alerts.
",
    "### Supplier switch {n}

The dairy supplier missed three deliveries in a month, so I ran a tasting with two others and
moved the order. As a result, waste fell by a third. Looking back, I should have kept the old
supplier as a backup for a quarter instead of cutting them off at once.
",
    "### Rota swap app {n}

S: Nurses were swapping shifts by text and the printed rota was never right.
A: I trialled a shared calendar with six volunteers, then the whole ward.
R: Swaps went from 30 calls a week to 4.
L: Start with the people who complain most; they become the champions.
",
    "<details><summary>EV charger install that overran {n}</summary>

<b>Situation:</b> The survey missed a supply upgrade.<br>
<b>Action:</b> I told the customer the same day and took the labour off the bill.<br>
<b>Result:</b> The install went ahead 3 weeks late and the customer left a five-star review.

</details>
",
];

/// Career notes of at least `bytes` bytes.
pub fn notes(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str("---\nhindsight: true\n---\n\n# Career notes\n\nOne story per heading.\n");
    let mut n = 0usize;
    while text.len() < bytes {
        if n % 12 == 0 {
            text.push_str(&format!(
                "\n## Employer {} ({}–{})\n\nWhat the company did, and my role there.\n",
                n / 12,
                2000 + n / 12 % 25,
                2001 + n / 12 % 25
            ));
        }
        text.push('\n');
        // One story in three as people really write them.
        let story = if n % 3 == 2 {
            PROSE_STORIES[n / 3 % PROSE_STORIES.len()]
        } else {
            STORIES[n % STORIES.len()]
        };
        text.push_str(&story.replace("{n}", &n.to_string()));
        n += 1;
    }
    text.push_str("\n## Strengths\n\n- Calm under pressure.\n\n## Growth areas\n\n- Delegating.\n");
    text
}
