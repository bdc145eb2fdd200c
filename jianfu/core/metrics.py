"""Prometheus metrics at ``/metrics``: requests by route and status, latency, waiting queues.

``jianfu serve`` is one process with threads (waitress), so one in-process registry holds every
count; prometheus_client's metric types are thread-safe. Routes are the URL *patterns*
(``admission/<int:pk>/``), never raw paths, so the number of series stays bounded.

Queues are counted at scrape time from ``settings.METRICS_QUEUES``: a name → (model label,
filter) map, so core names no app in code (``JIANFU``'s apps add their own queue there, e.g. the
outgoing-notification log when it exists).

Access: the endpoint answers only when the deployment opened it (docs/operations.md): with
``JIANFU_METRICS_TOKEN`` a scraper sends ``Authorization: Bearer <token>``; with
``JIANFU_METRICS_ALLOW`` (addresses or networks) a scraper from those addresses needs no token.
Neither set: 404, as if there were no such page. Otherwise a request that meets neither: 403.
"""

from __future__ import annotations

import hmac
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from .net import client_ip
from .proxy import is_trusted, parse_proxies

REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "jianfu_http_requests", "HTTP requests answered, by route pattern, method and status.",
    ["route", "method", "status"], registry=REGISTRY,
)  # fmt: skip
LATENCY = Histogram(
    "jianfu_http_request_duration_seconds", "Time to answer a request, by route pattern.", ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30), registry=REGISTRY,
)  # fmt: skip
QUEUES = Gauge("jianfu_queue_items", "Items waiting in a queue (see METRICS_QUEUES).", ["queue"], registry=REGISTRY)
UNMATCHED = "(unmatched)"


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return str(match.route) if match is not None and match.route else UNMATCHED


def observe(request: HttpRequest, status: int, seconds: float) -> None:
    route = route_of(request)
    REQUESTS.labels(route, request.method or "", str(status)).inc()
    LATENCY.labels(route).observe(seconds)


def _count_queues() -> None:
    for name, (label, filters) in getattr(settings, "METRICS_QUEUES", {}).items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue  # an app that is not installed in this deployment
        QUEUES.labels(name).set(model._base_manager.filter(**filters).count())


def _allowed_address(request: HttpRequest) -> bool:
    return is_trusted(client_ip(request), parse_proxies(settings.METRICS_ALLOW))


def _has_token(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def metrics_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    if not (settings.METRICS_TOKEN or settings.METRICS_ALLOW):
        raise Http404
    if not (_has_token(request) or _allowed_address(request)):
        return HttpResponse(_("无权读取监控指标。") + "\n", status=403, content_type="text/plain; charset=utf-8")
    _count_queues()
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
