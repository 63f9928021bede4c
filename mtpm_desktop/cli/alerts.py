"""`mtpm -s S alerts set telegram --bot-token-stdin --chat-id ID [--api-base URL]`, `alerts status|test|off`.

The token is read from stdin (never from argv, where `ps` shows it), kept in the keyring and written to the
server in one 0600 file (see remote/monitor/telegram_alerts.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mtpm_desktop.cli.common import require_server
from mtpm_desktop.cli.main import Output, UsageError, add_command, add_group
from mtpm_desktop.cli.traffic import agent_client
from mtpm_desktop.remote.monitor import telegram_alerts as tg


def register(subparsers: Any) -> None:
    group = add_group(subparsers, "alerts", "alerts the server sends to Telegram while your computer is off")
    p = add_command(
        group, "set", set_, "set up Telegram alerts: alerts set telegram --bot-token-stdin --chat-id ID"
    )
    p.add_argument("channel", choices=("telegram",), help="where alerts go: telegram (a bot of yours)")
    p.add_argument(
        "--bot-token-stdin", action="store_true", required=True, help="read the bot token from stdin"
    )
    p.add_argument(
        "--chat-id", required=True, metavar="ID", help="the chat to write to (getUpdates shows it)"
    )
    p.add_argument(
        "--api-base", default=tg.DEFAULT_API_BASE, metavar="URL", help="the Bot API (default %(default)s)"
    )
    p.add_argument("--language", choices=tg.LANGUAGES, help="the messages' language (default: yours)")
    add_command(group, "status", status, "whether Telegram alerts are on, and which alerts were sent")
    add_command(group, "test", test, "send one test message to the chat")
    add_command(group, "off", off, "turn Telegram alerts off: the token is removed from the server")


def set_(args: argparse.Namespace) -> Output:
    name = require_server(args)
    token = sys.stdin.readline().strip()
    if not token:
        raise UsageError(
            "Give the bot token on stdin, e.g.: "
            "mtpm -s NAME alerts set telegram --bot-token-stdin --chat-id ID < token.txt"
        )
    language = args.language or tg.default_language()
    tg.check_settings(token, args.chat_id, args.api_base, language)
    _, client = agent_client(args)
    st = tg.enable(client, name, token=token, chat_id=args.chat_id, api_base=args.api_base, language=language)
    data = {"telegram": True, "chat_id": st.chat_id, "api_base": st.api_base, "language": st.language}
    return Output(
        data=data, text=f"Telegram alerts on: chat {args.chat_id}. Try them: mtpm -s {name} alerts test"
    )


def status(args: argparse.Namespace) -> Output:
    _, client = agent_client(args)
    st = tg.status(client)
    if not st.telegram:
        text = "Telegram alerts are off."
    else:
        text = f"Telegram alerts on: chat {st.chat_id}, {st.language}, via {st.api_base}."
        text += f" {len(st.fired)} alert(s) already sent." if st.fired else ""
    return Output(data=st, text=text)


def test(args: argparse.Namespace) -> Output:
    _, client = agent_client(args)
    tg.send_test(client)
    return Output(data={"sent": True}, text="Test message sent.")


def off(args: argparse.Namespace) -> Output:
    name = require_server(args)
    _, client = agent_client(args)
    removed = tg.disable(client, name)
    return Output(
        data={"removed": removed}, text="Telegram alerts off." if removed else "Telegram alerts were off."
    )
