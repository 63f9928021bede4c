"""Collect the service layer's msg() templates into resources/translations/messages_<area>_<lang>.ts.

    python packaging/update_messages.py            # add new templates (unfinished), drop vanished ones
    python packaging/update_messages.py --check    # exit 1 if a template lacks a translation or is stale

pyside6-lupdate only sees tr()/translate() calls in Qt code; the core and remote layers are Qt-free and build
their user-visible text with `mtpm_desktop.core.messages.msg("template {field}", field=...)`. This script
finds every literal template (with `ast`, so nothing is imported) and keeps one catalogue per area, so
people translating different parts of the program edit different files. Translations are looked up in the
Qt context "messages" by the desktop app (`mtpm_desktop.ui.i18n.localize`).
"""

from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ru",)
CONTEXT = "messages"

# Which catalogue a source file's templates go to; the first matching prefix wins.
AREAS: tuple[tuple[str, str], ...] = (
    ("mtpm_desktop/core/", "core"),
    ("mtpm_desktop/remote/setup/import_panel.py", "service"),
    ("mtpm_desktop/remote/setup/", "bootstrap"),
    ("mtpm_desktop/remote/proxies/firewall.py", "bootstrap"),
    ("mtpm_desktop/remote/checks/clock.py", "bootstrap"),
    ("mtpm_desktop/remote/ssh/", "connection"),
    ("mtpm_desktop/remote/agent_client.py", "connection"),
    ("mtpm_desktop/remote/errors.py", "connection"),
    ("mtpm_desktop/remote/monitor/", "monitor"),
    ("mtpm_desktop/ui/alert_center.py", "monitor"),
    ("mtpm_desktop/remote/", "service"),
    ("mtpm_desktop/ui/", "service"),
)
SCANNED = ("mtpm_desktop/core", "mtpm_desktop/remote", "mtpm_desktop/ui")


class TemplateError(Exception):
    """A msg() call whose first argument is not a literal string."""


@dataclass
class Template:
    text: str
    locations: list[tuple[str, int]] = field(default_factory=list)


def area_of(relpath: str) -> str:
    return next(area for prefix, area in AREAS if relpath.startswith(prefix))


def collect(root: Path = ROOT) -> dict[str, dict[str, Template]]:
    """{area: {template: Template}} for every msg("...") call under SCANNED."""
    found: dict[str, dict[str, Template]] = {}
    problems: list[str] = []
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and _is_msg(node.func)):
                    continue
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    problems.append(f"{rel}:{node.lineno}: msg() needs a literal template as first argument")
                    continue
                area = found.setdefault(area_of(rel), {})
                area.setdefault(first.value, Template(first.value)).locations.append((rel, node.lineno))
    if problems:
        raise TemplateError("\n".join(problems))
    # A template used in two areas is kept in the first only (one translation, one place to edit it).
    seen: set[str] = set()
    for area in sorted(found):
        for text in list(found[area]):
            if text in seen:
                del found[area][text]
            seen.add(text)
    return found


def _is_msg(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "msg") or (
        isinstance(func, ast.Attribute) and func.attr == "msg"
    )


def ts_path(area: str, lang: str) -> Path:
    return TRANSLATIONS / f"messages_{area}_{lang}.ts"


def read_translations(path: Path) -> dict[str, str]:
    """{source: translation} of a catalogue (empty translations included)."""
    if not path.exists():
        return {}
    result: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        result[message.findtext("source") or ""] = message.findtext("translation") or ""
    return result


def write_catalogue(path: Path, lang: str, templates: dict[str, Template], known: dict[str, str]) -> None:
    root = ET.Element("TS", version="2.1", language=f"{lang}_{lang.upper()}")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for text in sorted(templates):
        message = ET.SubElement(context, "message")
        # Files only, no line numbers: a line number changes with every edit above it, which made each
        # catalogue conflict in every merge; the template text is what a translator searches for.
        for filename in dict.fromkeys(name for name, _line in templates[text].locations):
            ET.SubElement(message, "location", filename=f"../../{filename}")
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        translation.text = known.get(text, "")
        if not translation.text:
            translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def problems(lang: str, root: Path = ROOT) -> list[str]:
    """Why the catalogues for `lang` do not match the source: missing, empty, stale or wrong-field entries."""
    from mtpm_desktop.core.messages import fields

    found = collect(root)
    for existing in TRANSLATIONS.glob(f"messages_*_{lang}.ts"):
        found.setdefault(existing.name[len("messages_") : -len(f"_{lang}.ts")], {})
    out: list[str] = []
    for area, templates in sorted(found.items()):
        known = read_translations(ts_path(area, lang))
        for text, template in sorted(templates.items()):
            where = "{}:{}".format(*template.locations[0])
            if text not in known:
                out.append(f"{where}: not in {ts_path(area, lang).name}: {text!r}")
            elif not known[text].strip():
                out.append(f"{where}: no translation: {text!r}")
            elif fields(known[text]) != fields(text):
                wrong = sorted(fields(known[text]))
                out.append(f"{where}: translation fields {wrong} != {sorted(fields(text))}: {text!r}")
        for stale in sorted(set(known) - set(templates)):
            out.append(f"{ts_path(area, lang).name}: no longer in the source: {stale!r}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems, change nothing")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.check:
        found = [p for lang in LANGUAGES for p in problems(lang)]
        print("\n".join(found) or "all message templates translated")
        return 1 if found else 0
    found_templates = collect()
    for lang in LANGUAGES:
        for area, templates in sorted(found_templates.items()):
            path = ts_path(area, lang)
            known = read_translations(path)
            write_catalogue(path, lang, templates, known)
            todo = sum(1 for t in templates if not known.get(t))
            print(f"{path.relative_to(ROOT)}: {len(templates)} templates, {todo} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
