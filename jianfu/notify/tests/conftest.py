"""Real local peers for notifications out: an SMTP server (aiosmtpd) and an HTTP receiver that
checks what the 钉钉 and 企业微信 robots and an SMS gateway would check, each started by the test."""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

DINGTALK_SECRET = "SEC-test-secret-0123456789abcdef"
WECOM_KEY = "wecom-test-key-693a91f6"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.rcpt: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.rcpt.append(list(envelope.rcpt_tos))
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.DEFAULT_FROM_EMAIL = "jianfu@county.example"
    settings.NOTIFY_BASE_URL = "https://jianfu.county.example"
    try:
        yield mailbox
    finally:
        controller.stop()


class Receiver:
    """An HTTP peer standing in for the robots and the SMS gateway. It checks the 钉钉 signature
    the way DingTalk documents it (HmacSHA256 of "timestamp\\nsecret", Base64, URL-encoded, and a
    timestamp within an hour) and the 企业微信 webhook key, and answers as they do."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail_next = 0  # answer HTTP 500 to this many requests first
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        if self.fail_next > 0:
            self.fail_next -= 1
            return 500, {"error": "temporarily unavailable"}
        if path == "/dingtalk":
            ts, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
            digest = hmac.new(DINGTALK_SECRET.encode(), f"{ts}\n{DINGTALK_SECRET}".encode(), hashlib.sha256)
            fresh = ts.isdigit() and abs(time.time() * 1000 - int(ts)) < 3600 * 1000
            if fresh and hmac.compare_digest(sign, base64.b64encode(digest.digest()).decode()):
                return 200, {"errcode": 0, "errmsg": "ok"}
            return 200, {"errcode": 310000, "errmsg": "sign not match"}
        if path == "/wecom":
            if query.get("key") == [WECOM_KEY]:
                return 200, {"errcode": 0, "errmsg": "ok"}
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}
        return 200, {"ok": True}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    peer = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            parsed = urlparse(self.path)
            query = parse_qs(parsed.query)
            peer.requests.append(
                {"path": parsed.path, "query": query, "json": json.loads(raw), "headers": dict(self.headers)}
            )
            status, body = peer.answer(parsed.path, query)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    peer.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield peer
    finally:
        server.shutdown()
        server.server_close()


def body_of(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()
