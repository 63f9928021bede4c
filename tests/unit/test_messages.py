"""Service-layer messages are translatable: Message keeps its template, the UI localizes it, every template
in the source has a Russian translation, and no user-visible error or step text is built without msg()."""

from __future__ import annotations

import ast
import copy
import importlib
import pickle
import pkgutil
import sys
from pathlib import Path

import pytest

import mtpm_desktop
from mtpm_desktop.core.errors import MtpmError, UserNotFound
from mtpm_desktop.core.messages import Message, fields, localize, msg, without_full_stop

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import update_messages  # noqa: E402

RU = {
    "User {name} was not found": "Пользователь {name} не найден",
    "Cannot save {what}: {error}": "Не удалось сохранить {what}: {error}",
    "Broken {name}": "Сломано {missing}",
}


def test_message_is_the_english_string() -> None:
    m = msg("User {name} was not found", name="alice")
    assert m == "User alice was not found" and isinstance(m, str)
    assert m.template == "User {name} was not found" and m.params == {"name": "alice"}
    assert f"{m}!" == "User alice was not found!"
    assert str(UserNotFound(m)) == "User alice was not found"


def test_message_survives_pickle_and_copy_with_its_template() -> None:
    m = msg("User {name} was not found", name="alice")
    for again in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m)):
        assert isinstance(again, Message) and again.template == m.template and again == m


def test_localize_translates_nested_messages_and_errors() -> None:
    inner = UserNotFound(msg("User {name} was not found", name="bob"))
    outer = msg("Cannot save {what}: {error}", what="config.json", error=inner)
    assert localize(outer, RU.get) == "Не удалось сохранить config.json: Пользователь bob не найден"
    assert localize(inner, RU.get) == "Пользователь bob не найден"
    # Plain text, unknown templates and broken translations fall back to the English text, never raise.
    assert localize("plain", RU.get) == "plain"
    assert localize(msg("Not in the catalogue {x}", x=1), RU.get) == "Not in the catalogue 1"
    assert localize(msg("Broken {name}", name="n"), RU.get) == "Broken n"


def test_a_clipped_message_loses_its_full_stop_in_every_language() -> None:
    clipped = without_full_stop(msg("User {name} was not found.", name="bob"))
    assert clipped == "User bob was not found"
    assert localize(clipped, {"User {name} was not found.": "Пользователь {name} не найден."}.get) == (
        "Пользователь bob не найден"
    )


def test_fields_of_a_template() -> None:
    assert fields("{a} and {b:.1f} of {c[0]} {d.e}") == {"a", "b", "c", "d"}
    assert fields("no fields") == set()


def test_every_template_has_a_russian_translation_with_the_same_fields() -> None:
    problems = update_messages.problems("ru")
    assert not problems, "run `python packaging/update_messages.py` and translate:\n" + "\n".join(problems)


# --- no user-visible text built without msg() ---------------------------------------------------------

SCANNED = [
    path
    for folder in update_messages.SCANNED
    for path in sorted((ROOT / folder).rglob("*.py"))
    if "/ui/" not in path.as_posix()
] + [ROOT / "mtpm_desktop/ui/service_backend.py"]


def _error_class_names() -> set[str]:
    for module in pkgutil.walk_packages(mtpm_desktop.__path__, "mtpm_desktop."):
        if ".ui" not in module.name and ".cli" not in module.name:
            importlib.import_module(module.name)
    names: set[str] = set()
    todo: list[type] = [MtpmError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _literal_text(node: ast.expr | None) -> bool:
    """English text written in place: a string, an f-string, a concatenation or .format() of one."""
    if node is None:
        return False
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_text(node.func.value)
    return False


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def untranslatable_sites(paths: list[Path]) -> list[str]:
    errors = _error_class_names()
    found: list[str] = []
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # super().__init__("...") counts only inside an error class (not, say, an HTTP connection's host).
        in_error_class = {
            id(node)
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef) and any(_name(base) in errors for base in cls.bases)
            for node in ast.walk(cls)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            texts: list[ast.expr | None] = []
            if name in errors or (name == "__init__" and id(node) in in_error_class):
                texts = [node.args[0] if node.args else None]
                texts += [k.value for k in node.keywords if k.arg in ("message", "remedy")]
            elif name in ("progress", "Step", "S", "StepResult"):
                # progress("..."); Step(name, title, check, action, remedy) and its local alias S(...)
                positional = {"progress": (0,), "Step": (1, 4), "S": (1, 4), "StepResult": (1,)}[name]
                texts = [node.args[i] for i in positional if i < len(node.args)]
                texts += [k.value for k in node.keywords if k.arg in ("title", "remedy", "error", "text")]
            if any(_literal_text(t) for t in texts):
                found.append(f"{rel}:{node.lineno}")
    return found


@pytest.mark.parametrize("area", ["core", "service", "connection", "bootstrap"])
def test_user_visible_text_is_built_with_msg(area: str) -> None:
    paths = [p for p in SCANNED if update_messages.area_of(p.relative_to(ROOT).as_posix()) == area]
    sites = untranslatable_sites(paths)
    assert not sites, f"{len(sites)} messages written as plain English; wrap them in msg():\n" + "\n".join(
        sites
    )
