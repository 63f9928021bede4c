"""FakeTLS proxy secrets: ``ee`` + 16-byte key + the SNI domain.

Named ``secret`` (not ``secrets``) so it never shadows the stdlib module it uses.
Two textual forms are in use: hex (what mtg prints and the old panel stored) and URL-safe base64 without
padding (what some bots and mtg's ``base64`` output give). Both parse; hex is the canonical form we store.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets as _stdlib_secrets
from dataclasses import dataclass

from .errors import InvalidDomain, InvalidSecret
from .messages import msg
from .validation import validate_domain

FAKETLS_PREFIX = 0xEE
KEY_LENGTH = 16

_HEX_RE = re.compile(r"^[0-9a-fA-F]+$")
_URLSAFE_B64_RE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class FakeTLSSecret:
    """A parsed FakeTLS secret. ``domain`` is lower-case ASCII (punycode for IDN)."""

    key: bytes
    domain: str

    def to_bytes(self) -> bytes:
        """The raw secret: 0xee, key, domain."""
        return bytes([FAKETLS_PREFIX]) + self.key + self.domain.encode("ascii")

    def hex(self) -> str:
        """Canonical form: lower-case hex, starting with ``ee``."""
        return self.to_bytes().hex()

    def base64(self) -> str:
        """URL-safe base64 without padding."""
        return base64.urlsafe_b64encode(self.to_bytes()).decode("ascii").rstrip("=")

    def __str__(self) -> str:
        return self.hex()


def _random_key() -> bytes:
    # Every key byte is non-zero: a zero byte is what a broken generator (or a zeroed buffer) produces, and
    # tools that validate secrets treat such keys as suspicious. Rejection sampling keeps the rest uniform.
    out = bytearray()
    while len(out) < KEY_LENGTH:
        b = _stdlib_secrets.token_bytes(1)[0]
        if b:
            out.append(b)
    return bytes(out)


def generate_secret(domain: str) -> FakeTLSSecret:
    """Make a new random FakeTLS secret for ``domain`` (validated; raises InvalidDomain)."""
    return FakeTLSSecret(key=_random_key(), domain=validate_domain(domain))


def new_secret(domain: str) -> str:
    """Make a new random FakeTLS secret for ``domain`` and return it in canonical hex form."""
    return generate_secret(domain).hex()


def _from_bytes(raw: bytes, shown: str) -> FakeTLSSecret:
    if not raw:
        raise InvalidSecret(msg("The secret is empty."))
    if raw[0] == 0xDD:
        raise InvalidSecret(
            msg(
                "This is a 'dd' (random padding) secret, not a FakeTLS one; mtpm's proxies need an 'ee' "
                "secret. Create a new one with `mtpm secret new --domain DOMAIN`."
            )
        )
    if raw[0] != FAKETLS_PREFIX:
        if len(raw) == KEY_LENGTH:
            raise InvalidSecret(
                msg(
                    "This is a plain 32-character secret, not a FakeTLS one; mtpm's proxies need an 'ee' "
                    "secret. Create a new one with `mtpm secret new --domain DOMAIN`."
                )
            )
        raise InvalidSecret(
            msg(
                "'{secret}' is not a FakeTLS secret: it must start with 'ee' (hex) or '7' (base64).",
                secret=shown,
            )
        )
    if len(raw) <= 1 + KEY_LENGTH:
        raise InvalidSecret(
            msg(
                "The secret is too short: after 'ee' it needs {count} key bytes and then the domain.",
                count=KEY_LENGTH,
            )
        )
    key = raw[1 : 1 + KEY_LENGTH]
    try:
        domain_text = raw[1 + KEY_LENGTH :].decode("ascii")
    except UnicodeDecodeError:
        raise InvalidSecret(
            msg("The domain inside the secret is not plain ASCII; the secret is damaged.")
        ) from None
    try:
        domain = validate_domain(domain_text)
    except InvalidDomain as exc:
        raise InvalidSecret(
            msg("The domain inside the secret is not valid: {error}", error=exc.message)
        ) from None
    if domain != domain_text:
        # Clients send the domain bytes exactly as stored; a normalised copy would no longer match the SNI.
        raise InvalidSecret(
            msg(
                "The domain inside the secret ('{domain}') is not in canonical lower-case form; "
                "create a new secret.",
                domain=domain_text,
            )
        )
    return FakeTLSSecret(key=key, domain=domain)


def parse_secret(text: str) -> FakeTLSSecret:
    """Parse a FakeTLS secret given in hex or URL-safe base64 (no padding).

    Raises InvalidSecret with a message that says what kind of secret was given: standard base64 (with
    ``+``, ``/`` or ``=``), ``dd`` and plain secrets are refused explicitly.
    """
    if not isinstance(text, str):
        raise InvalidSecret(msg("A secret must be text, not {kind}.", kind=type(text).__name__))
    shown = text.strip()
    if not shown:
        raise InvalidSecret(msg("The secret is empty."))
    # A base64 secret always starts with '7' (0xee), so hex is recognised by its 'ee'/'dd' prefix or by the
    # 32-character length of a plain secret; anything else made of hex digits is tried as base64 too.
    if _HEX_RE.match(shown) and (shown[:2].lower() in ("ee", "dd") or len(shown) == 2 * KEY_LENGTH):
        if len(shown) % 2:
            raise InvalidSecret(msg("The hex secret has an odd number of characters; part of it is missing."))
        return _from_bytes(binascii.unhexlify(shown), shown)
    if any(ch in shown for ch in "+/="):
        raise InvalidSecret(
            msg(
                "This looks like standard base64 (it has '+', '/' or '='); Telegram links need the URL-safe "
                "form: replace '+' with '-', '/' with '_' and drop the '=' at the end, or paste the hex form."
            )
        )
    if not _URLSAFE_B64_RE.match(shown):
        raise InvalidSecret(msg("The secret has characters that are neither hex nor URL-safe base64."))
    if len(shown) % 4 == 1:
        raise InvalidSecret(msg("The base64 secret has an impossible length; part of it is missing."))
    raw = base64.urlsafe_b64decode(shown + "=" * (-len(shown) % 4))
    return _from_bytes(raw, shown)


def normalize_secret(text: str) -> str:
    """Return the canonical hex form of a secret given in any accepted form (raises InvalidSecret)."""
    return parse_secret(text).hex()


def secret_domain(text: str) -> str:
    """Return the SNI domain encoded in a secret (raises InvalidSecret)."""
    return parse_secret(text).domain
