"""The share sheet after a move: one printable HTML page with each person's name, new link and QR code
(inline SVG, so the file stands alone). Pure: entries in, HTML text out."""

from __future__ import annotations

import html
import io

import segno


def share_sheet_html(title: str, entries: list[tuple[str, str]]) -> str:
    """`entries`: (name, t.me link) per person, in order."""
    cards = []
    for name, link in entries:
        buffer = io.BytesIO()
        segno.make(link, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True)
        svg = buffer.getvalue().decode("utf-8")
        cards.append(
            '<section class="card">'
            f"<h2>{html.escape(name)}</h2>{svg}"
            f'<p><a href="{html.escape(link, quote=True)}">{html.escape(link)}</a></p>'
            "</section>"
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif}.card{page-break-inside:avoid;border:1px solid #ccc;"
        "padding:1em;margin:1em 0}.card p{word-break:break-all}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>" + "".join(cards) + "</body></html>\n"
    )
