"""Several servers at once: one person's links from every server as one text to send.

Pure logic shared by the CLI (`mtpm --all user add NAME`) and the app's All servers page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtpm_desktop.core.messages import Message, msg


@dataclass(frozen=True)
class ServerLink:
    """One server's link for a person (None where the server has no address to put in a link)."""

    server: str
    link: str | None


def share_header(person: str) -> Message:
    return msg(
        "Proxy links for {person}: add all of them in Telegram; when one stops working, another still does.",
        person=person,
    )


def share_text(header: str, links: Sequence[ServerLink]) -> str:
    """The header, then one `server: link` line per server that gave a link (in the given order)."""
    lines = [header, ""]
    lines += [f"{item.server}: {item.link}" for item in links if item.link]
    return "\n".join(lines)
