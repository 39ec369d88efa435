"""QR codes for invitation links, as SVG made by segno (no image library needed)."""

from __future__ import annotations

import io

import segno


def svg(link: str, title: str = "QR code for the invitation link") -> bytes:
    """A standalone SVG document of the QR code for `link`.

    Error correction level M survives a crease or a smudge on a printed
    sheet; the light modules are painted white so the code scans on any paper
    or screen background. The SVG has no style attributes or scripts, so it
    is safe under the site's Content-Security-Policy.
    """
    code = segno.make(link, error="m", boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=8, border=4, dark="#000", light="#fff", title=title, xmldecl=True, nl=True)
    return out.getvalue()
