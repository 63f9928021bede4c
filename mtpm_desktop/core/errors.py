"""Errors a user sees.

Every error raised on purpose anywhere in mtpm derives from :class:`MtpmError`. Its ``message`` is one or two
sentences the user can act on (what is wrong and what to do), and ``str(err) == err.message`` so the CLI can
print it as one line and the GUI can show it in a dialog without formatting.
"""

from __future__ import annotations


class MtpmError(Exception):
    """Base of every error meant for a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(MtpmError):
    """A value typed or imported by the user is not acceptable."""


class InvalidName(ValidationError):
    """A user name is empty, too long or contains control characters."""


class InvalidDomain(ValidationError):
    """A domain is not a valid host name (or too long to fit in a FakeTLS secret)."""


class InvalidPort(ValidationError):
    """A port is out of range, reserved, or already used by another user."""


class PortInUse(InvalidPort):
    """The port is valid but another user already has it."""


class InvalidLimit(ValidationError):
    """A traffic limit, speed or period is negative, NaN or not a number."""


class InvalidSecret(ValidationError):
    """A proxy secret cannot be parsed as a FakeTLS (``ee``) secret."""


class InvalidSetting(ValidationError):
    """A server setting has an unacceptable value or an unknown key."""


class InvalidExpiry(ValidationError):
    """An expiry date/time cannot be understood."""


class DuplicateName(ValidationError):
    """Another user already has this name (names must be unique so they can address users)."""


class DomainInUse(ValidationError):
    """In port-443 mode another enabled user already uses this SNI domain."""


class DomainPoolExhausted(MtpmError):
    """Every domain of the SNI pool and of the custom domains is taken by an enabled user."""


class UserNotFound(MtpmError):
    """No user has this id or name."""


class StateFileError(MtpmError):
    """A state file cannot be read at all (not JSON, not an object, users not a list...)."""


class NoServerAddress(MtpmError):
    """Neither ``server_domain`` nor ``server_ip`` is set, so no link can be made."""
