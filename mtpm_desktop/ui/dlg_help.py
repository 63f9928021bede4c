"""Help → User guide / Troubleshooting: the Markdown guides that ship with the app, shown in a window.

They are read from the installed package (mtpm_desktop/docs, from the repository's docs/ folder), so help
works offline and matches this version; the Russian guide is shown when the UI is in Russian.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDES = {"user-guide": {"ru": "user-guide.ru.md"}, "troubleshooting": {}}


def guide_text(guide: str, lang: str) -> str | None:
    """The Markdown of `guide` in `lang` when there is one, else the English one; None when not shipped."""
    names = [GUIDES.get(guide, {}).get(lang), f"{guide}.md"]
    for name in filter(None, names):
        try:
            return (files("mtpm_desktop.docs") / name).read_text(encoding="utf-8")
        except (FileNotFoundError, ModuleNotFoundError, OSError):
            continue
    return None


class HelpDialog(QDialog):
    def __init__(self, title: str, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(markdown)
        self._wrap_code_blocks()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _wrap_code_blocks(self) -> None:
        """Code blocks are non-breaking by default: one long command line made the whole guide scroll sideways
        and cut every paragraph at the right edge. Wrapped, the guide reads at any width."""
        block = self.browser.document().begin()
        while block.isValid():
            fmt = block.blockFormat()
            if fmt.nonBreakableLines():
                fmt.setNonBreakableLines(False)
                QTextCursor(block).setBlockFormat(fmt)
            block = block.next()

    def go_to(self, heading: str) -> bool:
        """Scroll so that `heading` (a section title) is at the top; False when the guide lacks it."""
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # found from the bottom up, the heading ends at the top of the view
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        found = self.browser.find(heading)
        self.browser.ensureCursorVisible()
        return found

    def sizeHint(self) -> QSize:
        return QSize(820, 640)


def missing_text() -> str:
    return QCoreApplication.translate(
        "HelpDialog", "The guides are not part of this installation; see docs/ in mtpm's source."
    )
