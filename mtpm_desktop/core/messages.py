"""Translatable messages for a layer that knows nothing of Qt.

The core and remote layers speak English: the CLI prints their messages as they are. The desktop app shows
them in the user's language, so every message a user can see is built with :func:`msg`, which returns a
:class:`Message`: a plain ``str`` (the English text, so logs, the CLI and ``str()`` are unchanged) that also
remembers its template and parameters. The UI looks the template up in its catalogue and formats the
translation with the same parameters (:func:`localize`).

Templates are ``str.format`` strings with named fields only. ``packaging/update_messages.py`` collects every
literal first argument of a ``msg(...)`` call into ``resources/translations/messages_*_<lang>.ts``.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Any


class Message(str):
    """English text that also carries the template and parameters it was formatted from."""

    template: str
    params: Mapping[str, Any]
    # True for a message quoted inside a longer sentence without its final full stop ("failed: {error}.");
    # the translation then loses its full stop too.
    clip_full_stop = False

    def __new__(cls, template: str, /, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling (multiprocessing, copy) keeps the template, not only the English text.
        return (_rebuild, (self.template, dict(self.params)))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


class _Clipped(Message):
    """A Message without its final full stop, for quoting inside a longer sentence ("failed: {error}.").

    The template and parameters stay the original's, so the UI still finds its translation, and drops the
    translation's full stop as well.
    """

    clip_full_stop = True

    def __new__(cls, message: Message, /) -> _Clipped:
        self = str.__new__(cls, str(message).rstrip("."))
        self.template = message.template
        self.params = message.params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Clipped, (Message(self.template, **self.params),))


def without_full_stop(text: str) -> str:
    """`text` without its final full stops, still translatable when it is a Message."""
    if isinstance(text, Message) and text.endswith("."):
        return _Clipped(text)
    return text.rstrip(".")


def msg(template: str, /, **params: Any) -> Message:
    """A user-visible message: ``msg("Port {port} is in use", port=p)``. The template must be a literal."""
    return Message(template, **params)


def fields(template: str) -> set[str]:
    """The named fields of a template (``{port}``, ``{size:.1f}`` -> ``port``, ``size``)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def localize(text: object, translate: Callable[[str], str | None]) -> str:
    """`text` in the language of `translate` (template -> translated template) where it is a Message.

    Parameters that are Messages themselves (or errors whose ``message`` is one) are localized too. Anything
    the catalogue cannot format (a translation naming an unknown field) falls back to the English text.
    """
    if isinstance(text, Message):
        params = {key: _localize_param(value, translate) for key, value in text.params.items()}
        translated = translate(text.template) or text.template
        try:
            result = translated.format(**params) if params else translated
        except (KeyError, IndexError, ValueError):
            return str(text)
        return result.rstrip(".") if text.clip_full_stop else result
    message = getattr(text, "message", None)
    if isinstance(message, Message):
        return localize(message, translate)
    return str(text)


def _localize_param(value: object, translate: Callable[[str], str | None]) -> object:
    if isinstance(value, Message) or isinstance(getattr(value, "message", None), Message):
        return localize(value, translate)
    return value
