"""Validation of values a user types or a state file holds.

Each ``validate_*`` function returns the normalised value or raises a specific
:class:`~mtpm_desktop.core.errors.ValidationError` whose message says what to fix.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, datetime

from .errors import InvalidDomain, InvalidExpiry, InvalidLimit, InvalidName, InvalidPort
from .messages import msg

MAX_NAME_LENGTH = 64
# Telegram clients truncate the domain part of a FakeTLS secret past this many bytes, after which the SNI
# they send no longer matches the secret and the proxy refuses them.
MAX_SECRET_DOMAIN_BYTES = 182
MAX_HOSTNAME_LENGTH = 253

_DIGITS_RE = re.compile(r"^[0-9]{1,5}$")
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def validate_name(name: object) -> str:
    """Return the user name stripped of surrounding whitespace.

    Raises InvalidName when it is not a string, empty, longer than ``MAX_NAME_LENGTH`` characters or contains
    control characters (they break terminals, logs and the one-line CLI output).
    """
    if not isinstance(name, str):
        raise InvalidName(msg("A user name must be text, not {kind}.", kind=type(name).__name__))
    cleaned = name.strip()
    if not cleaned:
        raise InvalidName(msg("The user name is empty: type a name such as 'Phone' or 'Anna'."))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidName(
            msg(
                "The user name is {length} characters long; use at most {limit}.",
                length=len(cleaned),
                limit=MAX_NAME_LENGTH,
            )
        )
    for ch in cleaned:
        # Cs: a lone surrogate (possible in JSON) cannot even be written back as UTF-8.
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            raise InvalidName(
                msg("The user name contains a control character (U+{code:04X}); remove it.", code=ord(ch))
            )
    return cleaned


def validate_domain(domain: object) -> str:
    """Return the domain in lower-case ASCII (IDN converted to punycode), without a trailing dot.

    Raises InvalidDomain for anything that is not a host name with at least two labels (an IP address is
    refused: it cannot be a TLS SNI) or that is too long to fit in a FakeTLS secret.
    """
    if not isinstance(domain, str):
        raise InvalidDomain(msg("A domain must be text, not {kind}.", kind=type(domain).__name__))
    raw = domain.strip().rstrip(".")
    if not raw:
        raise InvalidDomain(msg("The domain is empty: type a host name such as www.cloudflare.com."))
    if "://" in raw or "/" in raw or ":" in raw:
        raise InvalidDomain(
            msg(
                "'{domain}' is not a bare host name: drop the scheme, port and path (e.g. www.example.com).",
                domain=domain,
            )
        )
    ascii_labels: list[str] = []
    for label in raw.split("."):
        if label.isascii():
            ascii_labels.append(label.lower())
            continue
        try:  # an internationalised label (пример.рф): clients send its punycode form in the SNI
            ascii_labels.append(label.encode("idna").decode("ascii").lower())
        except UnicodeError:
            raise InvalidDomain(
                msg(
                    "'{domain}' is not a valid host name: the part '{label}' cannot be converted to "
                    "punycode.",
                    domain=domain,
                    label=label,
                )
            ) from None
    ascii_domain = ".".join(ascii_labels)
    if len(ascii_domain) > MAX_HOSTNAME_LENGTH:
        raise InvalidDomain(
            msg("'{domain}' is longer than {limit} characters.", domain=domain, limit=MAX_HOSTNAME_LENGTH)
        )
    labels = ascii_domain.split(".")
    if len(labels) < 2:
        raise InvalidDomain(
            msg("'{domain}' has no dot: use a full host name such as www.example.com.", domain=domain)
        )
    for label in labels:
        if not _LABEL_RE.match(label):
            raise InvalidDomain(
                msg(
                    "'{domain}' is not a valid host name: each part between dots must be 1-63 letters, "
                    "digits or hyphens, not starting or ending with a hyphen.",
                    domain=domain,
                )
            )
    if labels[-1].isdigit():
        raise InvalidDomain(
            msg("'{domain}' looks like an IP address; a FakeTLS domain must be a host name.", domain=domain)
        )
    if len(ascii_domain.encode("ascii")) > MAX_SECRET_DOMAIN_BYTES:
        raise InvalidDomain(
            msg(
                "'{domain}' is longer than {limit} bytes; Telegram clients cut it short. "
                "Use a shorter domain.",
                domain=domain,
                limit=MAX_SECRET_DOMAIN_BYTES,
            )
        )
    return ascii_domain


def validate_port_number(port: object) -> int:
    """Return ``port`` as an int in 1..65535 (accepts int or decimal text); raise InvalidPort otherwise.

    This only checks the range; :func:`mtpm_desktop.core.user_ports.check_port` also refuses reserved and used
    ports.
    """
    if isinstance(port, bool):
        raise InvalidPort(msg("Port {port!r} is not a number.", port=port))
    value: int
    if isinstance(port, int):
        value = port
    elif isinstance(port, float) and port.is_integer():
        value = int(port)
    elif isinstance(port, str) and _DIGITS_RE.match(port.strip()):
        value = int(port.strip())
    else:
        raise InvalidPort(msg("Port {port!r} is not a whole number.", port=port))
    if not 1 <= value <= 65535:
        raise InvalidPort(msg("Port {port} is out of range: use a port between 1024 and 65535.", port=value))
    return value


def parse_number(value: object, what: str) -> float:
    """Return ``value`` (int, float or text; a decimal comma is accepted) as a finite float >= 0.

    ``what`` names the value in the error message, e.g. ``msg("traffic limit (GB)")``.
    """
    if isinstance(value, bool):
        raise InvalidLimit(msg("The {what} must be a number, not {value!r}.", what=what, value=value))
    number: float
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise InvalidLimit(
                msg("The {what} is far too large ({start}...).", what=what, start=str(value)[:12])
            ) from None
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise InvalidLimit(
                msg("The {what} must be a number, not '{value}'.", what=what, value=value)
            ) from None
    else:
        raise InvalidLimit(
            msg("The {what} must be a number, not {kind}.", what=what, kind=type(value).__name__)
        )
    if math.isnan(number) or math.isinf(number):
        raise InvalidLimit(msg("The {what} must be a finite number, not {value!r}.", what=what, value=value))
    if number < 0:
        raise InvalidLimit(
            msg("The {what} cannot be negative ({value!r}); use 0 for the default.", what=what, value=value)
        )
    return number


def validate_limit_gb(value: object) -> float:
    """Traffic limit in GB (0 = inherit the global value for a user, no limit globally)."""
    return parse_number(value, msg("traffic limit (GB)"))


def validate_speed_mbps(value: object) -> float:
    """Throttle speed in Mbit/s once the limit is reached (0 = inherit the global value for a user)."""
    return parse_number(value, msg("throttle speed (Mbit/s)"))


MAX_DEVICES_LIMIT = 10_000


def validate_max_devices(value: object) -> int:
    """Device limit: distinct client IPs at a time (0 = unlimited); a whole number."""
    number = parse_number(value, msg("device limit"))
    if not number.is_integer() or number > MAX_DEVICES_LIMIT:
        raise InvalidLimit(
            msg(
                "The device limit must be a whole number from 0 (unlimited) to {max}, not {value!r}.",
                max=MAX_DEVICES_LIMIT,
                value=value,
            )
        )
    return int(number)


def number_for_json(value: float) -> int | float:
    """Write whole numbers as ints (50 rather than 50.0) so files stay like the old panel wrote them."""
    return int(value) if float(value).is_integer() else value


def parse_instant(value: object) -> datetime:
    """Parse an ISO 8601 date or date-time into an aware UTC datetime; raise InvalidExpiry otherwise.

    A trailing ``Z`` is accepted; a value without an offset is taken as UTC; a bare date means 00:00 UTC.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidExpiry(
                msg("'{value}' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).", value=value)
            ) from None
    else:
        raise InvalidExpiry(
            msg("{value!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).", value=value)
        )
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+01:00 lies before the first representable instant
        raise InvalidExpiry(
            msg("'{value}' is out of the range of dates mtpm can handle.", value=value)
        ) from None


def format_instant(value: datetime) -> str:
    """Format an instant the way the state file stores it: ``YYYY-MM-DDTHH:MM:SSZ`` in UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
