"""Settings → Telegram alerts from the server: the app's face of `mtpm -s S alerts set|status|test|off`.

The server's agent sends these alerts itself, so they arrive while this computer is off. The bot token
goes to the keyring here and to one 0600 file on the server (remote/monitor/telegram_alerts.py); this box
never shows a saved token again, and clears the field once the server has it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.monitor import telegram_alerts as tg
from mtpm_desktop.ui import i18n
from mtpm_desktop.ui.i18n import localize


def message_language() -> str:
    """The alerts' language: the app's own (the agent writes English or Russian)."""
    return "ru" if i18n.wanted_language() == "ru" else "en"


class TelegramAlertsBox(QGroupBox):
    """Per server: whether the agent's Telegram alerts are on, and the buttons to set, test and stop them."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.server: str | None = None
        self.known: tg.AlertsStatus | None = None  # what the server said last; None = not asked yet
        self.setObjectName("telegramAlerts")
        self.setTitle(self.tr("Telegram alerts from the server"))
        form = QFormLayout(self)
        explain = QLabel(
            self.tr(
                "The server itself sends the same alerts to a Telegram chat of yours, so they reach you "
                "while this computer is off. Make a bot with @BotFather, write to it once, then give its "
                "token and your chat id here."
            )
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        self.token = QLineEdit()
        self.token.setObjectName("telegramToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText("123456789:AA…")
        self.token.setToolTip(self.tr("Kept in this computer's keyring and in one file on the server only"))
        self.chat = QLineEdit()
        self.chat.setObjectName("telegramChat")
        self.chat.setPlaceholderText(self.tr("-1001234567890 or @channel"))
        self.chat.setToolTip(self.tr("The chat's number (getUpdates shows it; groups are negative)"))
        self.api_base = QLineEdit()
        self.api_base.setObjectName("telegramApiBase")
        self.api_base.setPlaceholderText(tg.DEFAULT_API_BASE)
        self.api_base.setToolTip(
            self.tr(
                "Leave it empty for Telegram's own; a Bot API server of yours if the server cannot reach it"
            )
        )
        form.addRow(self.tr("Bot token:"), self.token)
        form.addRow(self.tr("Chat id:"), self.chat)
        form.addRow(self.tr("Bot API:"), self.api_base)
        self.status = QLabel(self.tr("Not checked yet."))
        self.status.setObjectName("telegramStatus")
        self.status.setWordWrap(True)
        form.addRow(self.status)
        row = QHBoxLayout()
        self.check_btn = QPushButton(self.tr("Check"))
        self.check_btn.setToolTip(self.tr("Ask the server whether its alerts are on"))
        self.check_btn.clicked.connect(self.check)
        self.on_btn = QPushButton(self.tr("Turn on"))
        self.on_btn.setObjectName("telegramOn")
        self.on_btn.clicked.connect(self.turn_on)
        self.test_btn = QPushButton(self.tr("Send a test message"))
        self.test_btn.clicked.connect(self.send_test)
        self.off_btn = QPushButton(self.tr("Turn off"))
        self.off_btn.setToolTip(self.tr("Remove the token from the server and from this computer"))
        self.off_btn.clicked.connect(self.turn_off)
        for b in (self.check_btn, self.on_btn, self.test_btn, self.off_btn):
            row.addWidget(b)
        row.addStretch(1)
        form.addRow(row)
        self.token.textChanged.connect(self._enable)
        self.chat.textChanged.connect(self._enable)
        self._enable()

    # -- which server ---------------------------------------------------------------------------------
    def set_server(self, server: str | None) -> None:
        if server == self.server:
            self._enable()
            return
        self.server = server
        self.forget()

    def forget(self) -> None:
        """Show nothing of what the server said or the admin typed (another server, or a fresh look)."""
        self.known = None
        self.token.clear()
        self.chat.clear()
        self.api_base.clear()
        self.status.setText(self.tr("Not checked yet."))
        self._enable()

    def _enable(self) -> None:
        there = self.server is not None
        on = self.known is not None and self.known.telegram
        self.check_btn.setEnabled(there)
        self.on_btn.setEnabled(there and bool(self.token.text().strip()) and bool(self.chat.text().strip()))
        self.test_btn.setEnabled(there and on)
        self.off_btn.setEnabled(there and on)

    # -- what the server said -------------------------------------------------------------------------
    def status_text(self, st: tg.AlertsStatus) -> str:
        if not st.telegram:
            return self.tr("Off: the server sends no Telegram alerts.")
        language = i18n.LANGUAGES.get(st.language or "", st.language or "-")
        text = self.tr("On: chat {chat}, language: {language}, via {api}.").format(
            chat=st.chat_id or "-", language=language, api=st.api_base or tg.DEFAULT_API_BASE
        )
        if st.fired:
            text += " " + self.tr("Alerts sent so far: {n}.").format(n=len(st.fired))
        return text

    def _shown(self, server: str, st: tg.AlertsStatus) -> None:
        if server != self.server:
            return  # the admin has moved on to another server meanwhile
        self.known = st
        self.status.setText(self.status_text(st))
        if st.telegram and st.chat_id and not self.chat.text().strip():
            self.chat.setText(st.chat_id)
        if st.telegram and st.api_base and st.api_base != tg.DEFAULT_API_BASE and not self.api_base.text():
            self.api_base.setText(st.api_base)
        self._enable()

    def _failed(self, server: str, message: str) -> None:
        if server == self.server:
            self.status.setText(message)

    def _run(self, title: str, fn: Any, done: Any) -> None:
        server = self.server
        if server is None:
            return
        self.controller.run(
            server,
            title,
            fn,
            lambda result: done(server, result),
            refresh_after=False,
            on_error=lambda message: self._failed(server, message),
        )

    # -- the buttons ----------------------------------------------------------------------------------
    def check(self) -> None:
        self._run(self.tr("Telegram alerts"), lambda b, _p: b.telegram_alerts(), self._shown)

    def turn_on(self) -> None:
        token, chat = self.token.text().strip(), self.chat.text().strip()
        api = self.api_base.text().strip() or tg.DEFAULT_API_BASE
        language = message_language()
        try:  # a typo is said here, before anything is sent
            tg.check_settings(token, chat, api, language)
        except MtpmError as exc:
            self.status.setText(localize(exc.message))
            return

        def done(server: str, st: tg.AlertsStatus) -> None:
            if server == self.server:
                self.token.clear()  # the keyring and the server have it now
            self._shown(server, st)

        self._run(
            self.tr("Turn on Telegram alerts"),
            lambda b, _p: b.set_telegram_alerts(token, chat, api, language),
            done,
        )

    def send_test(self) -> None:
        def done(server: str, _result: Any) -> None:
            if server == self.server:
                self.status.setText(self.tr("Test message sent: look in the chat."))

        self._run(self.tr("Test Telegram alert"), lambda b, _p: b.test_telegram_alert(), done)

    def turn_off(self) -> None:
        self._run(
            self.tr("Turn off Telegram alerts"),
            lambda b, _p: b.telegram_alerts_off(),
            lambda server, _removed: self._shown(server, tg.AlertsStatus(telegram=False)),
        )
