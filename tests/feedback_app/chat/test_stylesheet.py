"""The children's stylesheet: a hover tint only where the device can hover."""

import re
from pathlib import Path

import feedback_app

SITE_CSS = Path(feedback_app.__file__).parent / "static" / "css" / "site.css"


def _rules_outside_hover_media(css: str) -> list[str]:
    """The selectors of every rule not inside an `@media (hover: hover)` block."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    outside, stack, start = [], [], 0
    for match in re.finditer(r"[{}]", css):
        if match.group() == "{":
            prelude = css[start : match.start()].strip()
            stack.append(prelude)
            if not prelude.startswith("@") and "@media (hover: hover)" not in stack:
                outside.append(prelude)
        else:
            stack.pop()
        start = match.end()
    return outside


def test_every_hover_style_is_for_devices_that_can_hover():
    sticky = [selector for selector in _rules_outside_hover_media(SITE_CSS.read_text()) if ":hover" in selector]
    assert sticky == []


def test_the_check_would_see_a_hover_style_outside_the_media_query():
    assert _rules_outside_hover_media(".a:hover { color: red; } @media (hover: hover) { .b:hover { color: red; } }") == [".a:hover"]
