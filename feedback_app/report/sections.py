"""The annual report laid out: every figure for the year with last year's beside it,
the small-numbers rule applied, and the change said in words.

Counts of people go through `feedback_app.small_numbers`: a group of fewer
than 5 reads "fewer than 5", parts of a shown total are suppressed so that
none can be worked out, and a share is hidden with its count. A change in a
share is called a rise or a fall only when it is meaningful (`report.change`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..small_numbers import SMALLEST_GROUP, Figure, figure, part_of, suppress
from ..vocabulary import AGE_BANDS, AUDIENCES, SENTIMENTS, THEMES, audience_name
from .compare import count_change, share_change
from .figures import WHO, ClosedQuestion, YearFigures
from .layout import (
    NO_CELL,
    Block,
    Bullets,
    Cell,
    Chart,
    Paragraph,
    QuoteText,
    Report,
    Section,
    Subheading,
    Table,
    count,
    number,
    share,
    text,
)
from .method import ACCURACY
from .people import people
from .summary import summary_sentences

TITLE = "Tell us what you think: annual report"


def who_name(who: str) -> str:
    """'Children aged 8 to 11', 'Parents', 'Carers'."""
    if who.startswith("child:"):
        band = who.split(":", 1)[1]
        return f"Children aged {AGE_BANDS[band].staff.removeprefix('Aged ')}" if band in AGE_BANDS else "Children"
    return audience_name(who)


def build(this: YearFigures, last: YearFigures, participation: Sequence[Block] = ()) -> Report:
    """The whole report for `this` year, with `last` year beside it."""
    now, before = this.year.name, last.year.name
    sections = [
        Section("summary", "Summary", tuple(Paragraph(s) for s in summary_sentences(this, last))),
        Section("taking-part", "Taking part", _taking_part(this, last)),
        Section(
            "participation",
            "How children's views reached their reviews",
            tuple(participation) or (Paragraph("No participation codes have been recorded for this year."),),
        ),
        Section("what-people-told-us", "What people told us", _told_us(this, last)),
        Section("emerging-phrases", "Emerging phrases", _emerging(this)),
        Section("you-said-we-did", "You said, we did", _you_said_we_did(this)),
        Section("safeguarding", "Safeguarding", _safeguarding(this, last)),
        Section("how-made", "How these figures were made", _how_made(this)),
    ]
    return Report(f"{TITLE} {now}", now, before, tuple(sections))


# --- taking part -------------------------------------------------------------------


def _taking_part(this: YearFigures, last: YearFigures) -> tuple[Block, ...]:
    now, before = people(this), people(last)
    labels = {
        "invitations": "Invitations made",
        "opened": "Invitations opened",
        "sent_back": "Invitations sent back",
        "started": "Conversations started",
        "sent": "Conversations sent",
    }
    rows: list[tuple[Cell, ...]] = []
    # A group nobody in it took part in, either year, is left out rather than listed as empty.
    present = [w for w in WHO if _any(this, w) or _any(last, w)]
    for who in (*present, "all"):
        name = who_name(who) if who != "all" else "Everyone"
        for measure, label in labels.items():
            rows.append(
                (text(name), text(label), count(now[measure][who]), count(before[measure][who]),
                 count_change(now[measure][who], before[measure][who], last.year.name))
            )  # fmt: skip
        rows.append(
            (text(name), text("Completion rate (sent of started)"),
             share(now["sent"][who], now["started"][who]), share(before["sent"][who], before["started"][who]),
             share_change((now["sent"][who], now["started"][who]), (before["sent"][who], before["started"][who]), last.year.name))
        )  # fmt: skip
        if who != "all":
            rows.append(
                (text(name), text("Median minutes to finish"),
                 _median(this, who, now["sent"][who]), _median(last, who, before["sent"][who]), NO_CELL)
            )  # fmt: skip
    columns = ("Who", "Figure", this.year.name, last.year.name, "Change")
    sent_chart = Chart(
        "chart-sent-by-who",
        "Conversations sent, by who took part",
        tuple(who_name(w) for w in present),
        tuple(_value(now["sent"][w]) for w in present),
        tuple(_value(before["sent"][w]) for w in present),
        this.year.name,
        last.year.name,
        percent=False,
    )
    blocks: list[Block] = [
        Paragraph(
            "Invitations are links made by an IRO for one person and one review; open links are for anyone. "
            "A conversation is sent when the person chose to send what they said."
        ),
        Table("taking-part", "Who took part", columns, tuple(rows), sent_chart),
        Subheading("Invited and open links"),
        _route_table(this, last),
        Subheading("Where people stop"),
    ]
    stops = [s for s in this.stops if s.stopped >= SMALLEST_GROUP]
    if stops:
        blocks.append(
            Table(
                "stops",
                "The questions where most people stopped",
                ("Questionnaire", "Question", "People who stopped there"),
                tuple((text(s.questionnaire), text(s.question), count(figure(s.stopped))) for s in stops),
            )
        )
    else:
        blocks.append(Paragraph(f"No question was where {SMALLEST_GROUP} or more people stopped."))
    return tuple(blocks)


def _any(year: YearFigures, who: str) -> bool:
    took = year.taking_part.get(who)
    return took is not None and bool(took.invitations or took.started)


def _median(year: YearFigures, who: str, sent: Figure) -> Cell:
    took = year.taking_part.get(who)
    if sent.count is None or took is None:
        return Cell(None, "-")
    return number(took.median_minutes)


def _value(found: Figure) -> float | None:
    return None if found.count is None else float(found.count)


def _route_table(this: YearFigures, last: YearFigures) -> Table:
    rows = []
    names = {"invited": "Through an invitation", "open_link": "Through an open link"}
    suppressed = {}
    for year in (this, last):
        started = suppress({k: v[0] for k, v in year.by_route.items()})
        sent = suppress({k: v[1] for k, v in year.by_route.items()})
        suppressed[year.year] = (started, sent)
    (s1, t1), (s2, t2) = suppressed[this.year], suppressed[last.year]
    for key, name in names.items():
        rows.append((text(name), text("Conversations started"), count(s1[key]), count(s2[key]),
                     count_change(s1[key], s2[key], last.year.name)))  # fmt: skip
        rows.append((text(name), text("Conversations sent"), count(t1[key]), count(t2[key]),
                     count_change(t1[key], t2[key], last.year.name)))  # fmt: skip
    return Table("routes", "Invited and open links", ("How", "Figure", this.year.name, last.year.name, "Change"), tuple(rows))


# --- what people told us -------------------------------------------------------------


def _told_us(this: YearFigures, last: YearFigures) -> tuple[Block, ...]:
    blocks: list[Block] = []
    previous = {q.key: q for q in last.closed}
    for audience in AUDIENCES:
        questions = [q for q in this.closed if q.audience == audience]
        themes = _themes_table(this, last, audience)
        feelings = _sentiment_table(this, last, audience)
        quotes = [q for q in this.quotes if q.audience == audience]
        if not (questions or themes or feelings or quotes):
            continue
        blocks.append(Subheading(audience_name(audience)))
        for i, question in enumerate(questions):
            blocks.append(_closed_table(question, previous.get(question.key), this, last, f"{audience}-{i + 1}"))
        if themes:
            blocks.append(themes)
        if feelings:
            blocks.append(feelings)
        for theme in THEMES:
            said = [q for q in quotes if q.theme == theme]
            if said:
                blocks.append(Subheading(f"Quotes: {THEMES[theme].staff} ({audience_name(audience).lower()})"))
                blocks += [QuoteText(q.text, _who_said(q.audience, q.age_band)) for q in said]
    if not blocks:
        blocks.append(Paragraph("Nobody sent their views in this year."))
    return tuple(blocks)


def _who_said(audience: str, age_band: str | None) -> str:
    if audience == "child":
        return f"a child or young person aged {AGE_BANDS[age_band].staff.removeprefix('Aged ')}" if age_band in AGE_BANDS else "a child or young person"
    return AUDIENCES[audience].one if audience in AUDIENCES else audience


def _option_figures(question: ClosedQuestion | None) -> tuple[Figure, dict[str, Figure]]:
    if question is None:
        return Figure(0), {}
    answered = figure(question.answered)
    raw = {value: n for value, _, n in question.options}
    if question.several:
        return answered, {value: part_of(n, question.answered) if n else Figure(None) for value, n in raw.items()}
    return answered, suppress(raw)


def _closed_table(
    question: ClosedQuestion, before: ClosedQuestion | None, this: YearFigures, last: YearFigures, table_id: str
) -> Table:
    answered, options = _option_figures(question)
    answered_before, options_before = _option_figures(before)
    rows = []
    for value, label, _ in question.options:
        now, then = options[value], options_before.get(value, Figure(0))
        rows.append(
            (text(label), count(now), share(now, answered), count(then), share(then, answered_before),
             share_change((now, answered), (then, answered_before), last.year.name))
        )  # fmt: skip
    rows.append((text("People who answered"), count(answered), NO_CELL, count(answered_before), NO_CELL, NO_CELL))
    note = " (people could choose more than one)" if question.several else ""
    # A question that records a choice about the answers (consent to quote, sharing) gets no chart.
    chart = None if question.records else Chart(
        f"chart-{table_id}",
        f"{question.text}{note}",
        tuple(label for _, label, _ in question.options),
        tuple(_fraction(options[v], answered) for v, _, _ in question.options),
        tuple(_fraction(options_before.get(v, Figure(0)), answered_before) for v, _, _ in question.options),
        this.year.name,
        last.year.name,
        percent=True,
    )
    columns = ("Answer", f"{this.year.name} people", f"{this.year.name} share", f"{last.year.name} people",
               f"{last.year.name} share", "Change")  # fmt: skip
    return Table(table_id, f"{question.text}{note}", columns, tuple(rows), chart)


def _fraction(part: Figure, whole: Figure) -> float | None:
    if part.count is None or not whole.count:
        return None
    return part.count / whole.count


def _themes_table(this: YearFigures, last: YearFigures, audience: str) -> Table | None:
    found, before = this.themes.get(audience, {}), last.themes.get(audience, {})
    analysed, analysed_before = figure(this.analysed.get(audience, 0)), figure(last.analysed.get(audience, 0))
    rows = []
    for theme in THEMES:
        now = found.get(theme)
        then = before.get(theme)
        if not (now and now.answers) and not (then and then.answers):
            continue
        n_now = figure(now.answers) if now else Figure(0)
        n_then = figure(then.answers) if then else Figure(0)
        split = suppress(now.sentiments) if now and n_now.count else {s: Figure(None) for s in SENTIMENTS}
        rows.append(
            (text(THEMES[theme].staff), count(n_now), share(n_now, analysed),
             *[share(split[s], n_now) for s in SENTIMENTS],
             count(n_then), share(n_then, analysed_before),
             share_change((n_now, analysed), (n_then, analysed_before), last.year.name))
        )  # fmt: skip
    if not rows:
        return None
    columns = (
        "Theme", f"{this.year.name} answers", f"{this.year.name} share of answers",
        *[f"of which {SENTIMENTS[s].staff.lower()}" for s in SENTIMENTS],
        f"{last.year.name} answers", f"{last.year.name} share of answers", "Change",
    )  # fmt: skip
    chart = Chart(
        f"chart-themes-{audience}",
        f"Themes of {audience_name(audience).lower()}'s written answers (share of answers)",
        tuple(r[0].shown for r in rows),
        tuple(r[2].value if isinstance(r[2].value, float) else None for r in rows),
        tuple(r[8].value if isinstance(r[8].value, float) else None for r in rows),
        this.year.name,
        last.year.name,
        percent=True,
    )
    return Table(f"themes-{audience}", f"Themes: {audience_name(audience).lower()}", columns, tuple(rows), chart)


def _sentiment_table(this: YearFigures, last: YearFigures, audience: str) -> Table | None:
    raw, raw_before = this.sentiment.get(audience, {}), last.sentiment.get(audience, {})
    if not any(raw.values()) and not any(raw_before.values()):
        return None
    whole, whole_before = figure(sum(raw.values())), figure(sum(raw_before.values()))
    now = suppress({s: raw.get(s, 0) for s in SENTIMENTS})
    then = suppress({s: raw_before.get(s, 0) for s in SENTIMENTS})
    rows = [
        (text(SENTIMENTS[s].staff), count(now[s]), share(now[s], whole), count(then[s]), share(then[s], whole_before),
         share_change((now[s], whole), (then[s], whole_before), last.year.name))
        for s in SENTIMENTS
    ]  # fmt: skip
    rows.append((text("Written answers"), count(whole), NO_CELL, count(whole_before), NO_CELL, NO_CELL))
    doubt = part_of(this.unsure.get(audience, 0), sum(raw.values())) if this.unsure.get(audience) else Figure(0)
    doubt_before = (
        part_of(last.unsure.get(audience, 0), sum(raw_before.values())) if last.unsure.get(audience) else Figure(0)
    )
    rows.append(
        (text("Of these, the analysis was unsure (a person should read them)"), count(doubt), share(doubt, whole),
         count(doubt_before), share(doubt_before, whole_before), NO_CELL)
    )  # fmt: skip
    columns = ("Sentiment", f"{this.year.name} answers", f"{this.year.name} share", f"{last.year.name} answers",
               f"{last.year.name} share", "Change")  # fmt: skip
    chart = Chart(
        f"chart-sentiment-{audience}",
        f"Overall sentiment of {audience_name(audience).lower()}'s written answers",
        tuple(SENTIMENTS[s].staff for s in SENTIMENTS),
        tuple(_fraction(now[s], whole) for s in SENTIMENTS),
        tuple(_fraction(then[s], whole_before) for s in SENTIMENTS),
        this.year.name,
        last.year.name,
        percent=True,
    )
    return Table(f"sentiment-{audience}", f"Overall sentiment: {audience_name(audience).lower()}", columns, tuple(rows), chart)


# --- the rest ------------------------------------------------------------------------


def _emerging(this: YearFigures) -> tuple[Block, ...]:
    if not this.emerging:
        return (Paragraph("No phrase outside the themes came up in more than one written answer."),)
    return (
        Paragraph(
            "Phrases that came up in several written answers but fit none of the themes. "
            "They are for the IRO manager to read: a new theme may be starting."
        ),
        Table(
            "emerging",
            "Emerging phrases",
            ("Phrase", "Written answers using it"),
            tuple((text(phrase), count(figure(n))) for phrase, n in this.emerging),
        ),
    )


def _you_said_we_did(this: YearFigures) -> tuple[Block, ...]:
    if not this.you_said_we_did:
        return (Paragraph('No "You said, we did" actions were recorded in this year.'),)
    return (
        Table(
            "you-said-we-did",
            '"You said, we did"',
            ("You said", "We did"),
            tuple((text(said), text(did)) for said, did in this.you_said_we_did),
        ),
    )


def _safeguarding(this: YearFigures, last: YearFigures) -> tuple[Block, ...]:
    def figures_of(year: YearFigures) -> tuple[Figure, Figure, Figure]:
        s = year.safeguarding
        return figure(s.raised), figure(s.acknowledged), part_of(s.in_one_working_day, s.acknowledged)

    (r1, a1, i1), (r2, a2, i2) = figures_of(this), figures_of(last)
    m1 = number(this.safeguarding.median_hours) if a1.count is not None else Cell(None, "-")
    m2 = number(last.safeguarding.median_hours) if a2.count is not None else Cell(None, "-")
    rows = (
        (text("Alerts raised"), count(r1), count(r2), count_change(r1, r2, last.year.name)),
        (text("Alerts acknowledged"), count(a1), count(a2), count_change(a1, a2, last.year.name)),
        (text("Share acknowledged within one working day"), share(i1, a1), share(i2, a2),
         share_change((i1, a1), (i2, a2), last.year.name)),
        (text("Median hours to acknowledge"), m1, m2, NO_CELL),
    )  # fmt: skip
    return (
        Paragraph(
            "A safeguarding alert is raised when a written answer suggests a child may not be safe. "
            "These are figures only: no one's words are in this report."
        ),
        Table("safeguarding", "Safeguarding alerts", ("Figure", this.year.name, last.year.name, "Change"), rows),
    )


def _how_made(this: YearFigures) -> tuple[Block, ...]:
    return (
        Bullets(
            (
                f"Who was asked: children and young people in care, their parents and their carers, before or after "
                f"a review, through invitations made by IROs and through open links, between {this.year.describe()}.",
                "Only conversations the person chose to send are counted in what people told us.",
                f"Small numbers: any figure about fewer than {SMALLEST_GROUP} people is shown as \"fewer than "
                f"{SMALLEST_GROUP}\", and figures beside it are hidden too where they would let it be worked out "
                "from a total.",
                "A change in a share is called a rise or a fall only when the 95% interval on the difference "
                "between the two years (Newcombe's hybrid score interval, 1998) excludes no change; otherwise it "
                "is \"about the same as last year\".",
                "Sentiment and themes of written answers are found by the service's own analysis, which adapts "
                "TextBlob to how children, parents and carers write. " + ACCURACY.sentence,
                "Written answers flagged as a possible safeguarding concern are left out of every figure and quote.",
                "Every quote was approved by a person, who checked its redaction and the person's consent.",
            )
        ),
    )


__all__ = ["TITLE", "build", "who_name"]
