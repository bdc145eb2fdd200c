"""What an operator reads: log lines (time, level, request id, user), the access log, quiet PDF
libraries, and the Prometheus /metrics endpoint with its access rule."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

from jianfu.notify.models import Notification

LINE = re.compile(
    r"^(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (?P<level>[A-Z]+) \[(?P<rid>\S+) (?P<user>\S+)\] "
    r"(?P<logger>\S+): (?P<message>.*)$"
)


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The configured console handler (settings.LOGGING), writing into a buffer for the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    # Swap the stream without setStream(): that flushes the old one, which may be a capture buffer
    # an earlier test already closed (ValueError: I/O operation on closed file).
    handler.acquire()
    old, handler.stream = handler.stream, stream  # type: ignore[attr-defined]
    handler.release()
    try:
        yield stream
    finally:
        handler.acquire()
        handler.stream = old  # type: ignore[attr-defined]
        handler.release()


def parsed(stream: io.StringIO) -> list[dict[str, str]]:
    out = []
    for line in stream.getvalue().splitlines():
        match = LINE.match(line)
        assert match, f"a log line without time, level, request id and user: {line!r}"
        out.append(match.groupdict())
    return out


def test_each_request_writes_one_access_line_with_its_id_and_user(world, client_for, log_lines):
    response = client_for("county_mzj").get("/audit/mine/?q=张三")
    access = [line for line in parsed(log_lines) if line["logger"] == "jianfu.access"]
    assert len(access) == 1
    line = access[0]
    assert line["level"] == "INFO" and line["rid"] == response["X-Request-ID"]
    assert line["user"] == world.county_mzj.username
    assert re.fullmatch(rf"GET /audit/mine/ 200 \d+ms user={world.county_mzj.username}", line["message"])
    assert "张三" not in log_lines.getvalue(), "the query string may carry personal data: not logged"


def test_an_anonymous_request_and_a_line_outside_any_request_have_no_user(db, client, log_lines):
    client.get("/healthz")
    logging.getLogger("jianfu.test").warning("后台任务完成")
    lines = parsed(log_lines)
    assert [(x["user"], x["message"].split(" ")[1]) for x in lines if x["logger"] == "jianfu.access"] == [
        ("-", "/healthz")
    ]
    outside = next(x for x in lines if x["logger"] == "jianfu.test")
    request = next(x for x in lines if x["logger"] == "jianfu.access")
    # outside a request: no user, and not the request's id (a command keeps one id for its run,
    # the one its audit entries carry, or "-" before anything asked for one)
    assert (outside["level"], outside["user"]) == ("WARNING", "-")
    assert outside["rid"] != request["rid"]


def test_pdf_libraries_only_log_warnings(log_lines):
    logging.getLogger("weasyprint").info("Step 4 - Creating layout - Page 1")
    logging.getLogger("fontTools.subset").info("Glyph names: …")
    logging.getLogger("weasyprint").warning("Ignored `foo: bar`")
    messages = [x["message"] for x in parsed(log_lines)]
    assert messages == ["Ignored `foo: bar`"]


def test_metrics_are_closed_unless_the_deployment_opens_them(db, client):
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_bearer_token_or_an_allowed_address(db, client, settings):
    settings.METRICS_TOKEN = "scrape-secret-0123456789"
    assert client.get("/metrics").status_code == 403
    refused = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    assert refused.status_code == 403 and "无权读取监控指标" in refused.content.decode()
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-0123456789").status_code == 200
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOW = ["10.20.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 403


def test_metrics_count_requests_by_route_latency_and_waiting_notifications(world, client, client_for, settings):
    settings.METRICS_ALLOW = ["127.0.0.1"]

    def value(text: str, series: str) -> float:
        match = re.search(rf"^{re.escape(series)} (\S+)$", text, re.M)
        return float(match.group(1)) if match else 0.0

    series = 'jianfu_http_requests_total{method="GET",route="admission/<int:pk>/",status="404"}'
    before = value(client.get("/metrics").content.decode(), series)
    client_for("county_mzj").get("/admission/999999/")
    client_for("county_mzj").get("/admission/999998/")
    text = client.get("/metrics").content.decode()
    assert value(text, series) == before + 2, "two requests, one series: the route pattern, not the path"
    assert "/admission/999999/" not in text
    assert value(text, 'jianfu_http_request_duration_seconds_count{route="admission/<int:pk>/"}') >= 2
    assert 'jianfu_http_request_duration_seconds_bucket{le="0.1",route="admission/<int:pk>/"}' in text
    unread = Notification.objects.filter(read_at__isnull=True).count()
    assert value(text, 'jianfu_queue_items{queue="notifications_unread"}') == unread
