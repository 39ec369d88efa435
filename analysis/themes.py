"""Themes of one text, from the fixed taxonomy (PRODUCT.md section 4).

Each theme has signal words and phrases in `data/themes.yaml`, matched on
word forms ("listen" finds "listened" and "listening"), plus phrases that
look like a signal but are not ("foster mum" is about the placement, not the
birth family). A text gets every theme with a signal that no exception covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import lexicons
from analysis.lexicons import LexiconError
from analysis.phrases import PhraseMatcher
from analysis.result import THEMES, Evidence
from analysis.text import PreparedText

SOURCE = f"{lexicons.DATA_DIR / 'themes.yaml'}"


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """The themes found, in taxonomy order, and the phrase that signalled each."""

    themes: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()


def _build() -> tuple[PhraseMatcher[str], PhraseMatcher[str]]:
    signals: list[tuple[str, str]] = []
    exceptions: list[tuple[str, str]] = []
    for theme, spec in lexicons.section("themes", "themes").items():
        if theme not in THEMES:
            raise LexiconError(f"{SOURCE}: '{theme}' is not a theme; use one of {', '.join(THEMES)}")
        if not isinstance(spec, dict) or not isinstance(spec.get("terms"), list):
            raise LexiconError(f"{SOURCE}: theme '{theme}' needs a 'terms' list")
        signals += [(str(term), theme) for term in spec["terms"]]
        exceptions += [(str(term), theme) for term in spec.get("except") or ()]
    classes = lexicons.section("themes", "classes")
    return PhraseMatcher(signals, classes, SOURCE), PhraseMatcher(exceptions, classes, SOURCE)


_SIGNALS, _EXCEPTIONS = _build()
_ORDER = {theme: i for i, theme in enumerate(THEMES)}


def find_themes(prepared: PreparedText) -> ThemeResult:
    """Return the themes of a prepared text (none for a text with no signal)."""
    signals = _SIGNALS.find(prepared)
    if not signals:
        return ThemeResult(())
    # Tokens covered by an exception, per theme: a signal inside one is ignored.
    covered: dict[str, set[int]] = {}
    for match in _EXCEPTIONS.find(prepared):
        covered.setdefault(match.payload, set()).update(range(match.start, match.end))
    found: dict[str, Evidence] = {}
    for match in signals:
        theme = match.payload
        if theme in found:
            continue
        skip = covered.get(theme)
        if skip and any(i in skip for i in range(match.start, match.end)):
            continue
        found[theme] = Evidence(f"theme:{theme}", prepared.phrase(match.start, match.end))
    themes = tuple(sorted(found, key=_ORDER.__getitem__))
    return ThemeResult(themes, tuple(found[t] for t in themes))


def with_theme(result: ThemeResult, theme: str, evidence: Evidence) -> ThemeResult:
    """Return `result` with `theme` added (if missing), keeping taxonomy order."""
    if theme in result.themes:
        return result
    themes = tuple(sorted((*result.themes, theme), key=_ORDER.__getitem__))
    by_theme = {e.finding: e for e in result.evidence}
    by_theme[f"theme:{theme}"] = evidence
    return ThemeResult(themes, tuple(by_theme[f"theme:{t}"] for t in themes))
