"""The report's opening sentences, drafted from the figures for the manager to edit in Word.

Each sentence follows the small-numbers rule (a group of fewer than 5 is
"fewer than 5", and a share of a hidden group is not given) and calls a
change a rise or a fall only when it is meaningful (`report.change`).
"""

from __future__ import annotations

from ..small_numbers import SMALLEST_GROUP, figure, part_of, suppress
from ..vocabulary import AUDIENCES, THEMES
from .change import change_in_words
from .figures import ClosedQuestion, YearFigures
from .people import people

MOST_SENTENCES = 8


def _pct(part: int, whole: int) -> str:
    return f"{int(100 * part / whole + 0.5)}%"


def summary_sentences(this: YearFigures, last: YearFigures) -> list[str]:
    """Five to eight plain-English sentences about `this` year, with `last` beside it."""
    now, before = this.year.name, last.year.name
    sentences = [_who_sent(this, last)]

    started, sent = this.started, this.sent
    if figure(sent).count is not None and figure(started).count is not None:
        change = change_in_words((sent, started), (last.sent, last.started), before)
        sentences.append(
            f"{sent} of the {started} conversations started in {now} were sent ({_pct(sent, started)})"
            + (f", {change}." if change else ".")
        )
    else:
        sentences.append(f"Too few conversations were started in {now} to give a completion rate.")

    previous = {q.key: q for q in last.closed}
    for question in _most_answered(this.closed, 2):
        sentences.append(_closed_sentence(question, previous.get(question.key), before))

    children = this.themes.get("child", {})
    top = max(THEMES, key=lambda t: (children[t].answers if t in children else 0, -list(THEMES).index(t)))
    if top in children and children[top].answers >= SMALLEST_GROUP:
        theme = children[top]
        positive = theme.sentiments.get("positive", 0)
        said = (
            f"; {_pct(positive, theme.answers)} of those were positive"
            if part_of(positive, theme.answers).count is not None
            else ""
        )
        sentences.append(
            f"Children and young people wrote most about {THEMES[top].staff.lower()} "
            f"({theme.answers} written answers{said})."
        )

    analysed = sum(this.analysed.values())
    positive = sum(s.get("positive", 0) for s in this.sentiment.values())
    if part_of(positive, analysed).count is not None:
        change = change_in_words(
            (positive, analysed), (sum(s.get("positive", 0) for s in last.sentiment.values()), sum(last.analysed.values())), before
        )
        sentences.append(
            f"{_pct(positive, analysed)} of the {analysed} written answers were positive" + (f", {change}." if change else ".")
        )

    alerts = this.safeguarding
    raised = figure(alerts.raised)
    if raised.count is None:
        sentences.append(f"Fewer than {SMALLEST_GROUP} safeguarding alerts were raised in {now}.")
    else:
        in_time = part_of(alerts.in_one_working_day, alerts.acknowledged)
        sentences.append(
            f"{raised.count} safeguarding alerts were raised in {now}"
            + (f"; {_pct(in_time.count, alerts.acknowledged)} were acknowledged within one working day." if in_time.count is not None else ".")
        )
    if this.you_said_we_did:
        n = len(this.you_said_we_did)
        sentences.append(f'{n} "You said, we did" action{"s were" if n != 1 else " was"} recorded for children and young people.')
    return sentences[:MOST_SENTENCES]


def _who_sent(this: YearFigures, last: YearFigures) -> str:
    """Who sent their views, per audience, hiding what the taking-part table hides."""
    sent = figure(this.sent)
    if sent.count is None:
        return f"The number of people who sent their views in {this.year.name} is too small to give."
    in_table = people(this)["sent"]
    raw = {a: sum(w.sent for who, w in this.taking_part.items() if who.split(":")[0] == a) for a in AUDIENCES}
    started = {a: sum(w.started for who, w in this.taking_part.items() if who.split(":")[0] == a) for a in AUDIENCES}
    hidden = {a for a in AUDIENCES if a in in_table and in_table[a].suppressed}
    shown = suppress(raw, also_hidden=hidden)
    parts = [f"{shown[a].shown} {AUDIENCES[a].group.lower()}" for a in AUDIENCES if raw[a] or started[a]]
    was = figure(last.sent) if last.started else None
    change = f" (in {last.year.name}: {was.shown})" if was is not None else ""
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)
    return f"{sent.count} people sent their views in {this.year.name}{change}: {listed}."


def _most_answered(questions: list[ClosedQuestion], n: int) -> list[ClosedQuestion]:
    # A question that records a choice about the answers (consent to quote, sharing) says nothing about the service.
    single = [q for q in questions if not q.several and not q.records and q.answered >= SMALLEST_GROUP]
    return sorted(single, key=lambda q: -q.answered)[:n]


def _closed_sentence(question: ClosedQuestion, before: ClosedQuestion | None, before_name: str) -> str:
    """'41 of 50 children and young people (82%) answered "Yes" to "Does your IRO listen to you?", ...'"""
    value, label, chosen = max(question.options, key=lambda o: o[2])
    who = AUDIENCES[question.audience].group.lower() if question.audience in AUDIENCES else "people"
    if chosen >= SMALLEST_GROUP and 0 < question.answered - chosen < SMALLEST_GROUP:
        # The exact figure would tell how many (fewer than 5) answered otherwise.
        return f'Nearly all of the {question.answered} {who} asked "{question.text}" answered "{label}".'
    if chosen < SMALLEST_GROUP:
        return f'Fewer than {SMALLEST_GROUP} of the {question.answered} {who} asked "{question.text}" gave any one answer.'
    change = ""
    if before is not None:
        then = next((n for v, _, n in before.options if v == value), 0)
        change = change_in_words((chosen, question.answered), (then, before.answered), before_name)
    return (
        f'{chosen} of {question.answered} {who} ({_pct(chosen, question.answered)}) answered "{label}" to '
        f'"{question.text}"' + (f", {change}." if change else ".")
    )


__all__ = ["summary_sentences"]
