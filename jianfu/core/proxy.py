"""Behind a TLS-terminating reverse proxy (issue 20, point 3).

waitress drops every X-Forwarded-* header it does not trust (``clear_untrusted_proxy_headers``),
so before this the platform never learned that the client spoke HTTPS and answered 301 to https
forever. waitress trusts exactly one address (``trusted_proxy``, or ``*``); a county may run two
proxies or a proxy subnet, so ``proxy_app`` wraps the application with waitress's own header
translation (``waitress.proxy_headers``) per request: from an address in
``JIANFU_TRUSTED_PROXIES`` (addresses or networks) the last hop of X-Forwarded-For becomes
REMOTE_ADDR, X-Forwarded-Proto becomes the WSGI scheme (so ``request.is_secure()``, HSTS, secure
cookies and CSRF's referer check all see https) and X-Forwarded-Host/Port the host; from anyone
else those headers are removed before Django sees them, so they cannot be forged.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

TRUSTED_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(values: Iterable[str]) -> list[Network]:
    """``["127.0.0.1", "10.1.0.0/24"]`` → networks; raises ValueError on a malformed entry."""
    return [ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip()]


def is_trusted(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in networks)


def proxy_app(app: Callable[..., Any], networks: list[Network]) -> Callable[..., Any]:
    """The WSGI app that honours forwarded headers only from ``networks`` (see the docstring)."""
    from waitress.proxy_headers import proxy_headers_middleware

    trusting = proxy_headers_middleware(
        app, trusted_proxy="*", trusted_proxy_count=1, trusted_proxy_headers=TRUSTED_HEADERS, clear_untrusted=True
    )
    distrusting = proxy_headers_middleware(app, trusted_proxy=None, clear_untrusted=True)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        peer = environ.get("REMOTE_ADDR", "")
        return (trusting if networks and is_trusted(peer, networks) else distrusting)(environ, start_response)

    return application


def serve_options(settings: Any) -> dict[str, Any]:
    """waitress options from the settings: the hard body cap (above Django's Chinese 413, so a
    person sees that page first) and no header clearing of waitress's own (``proxy_app`` does it)."""
    return {
        "max_request_body_size": 2 * int(settings.MAX_REQUEST_BYTES),
        "clear_untrusted_proxy_headers": False,
    }


def csrf_origins(hosts: Iterable[str], *, https: bool, extra: Iterable[str] = ()) -> list[str]:
    """CSRF_TRUSTED_ORIGINS from ALLOWED_HOSTS: ``https://host`` (and ``http://`` when the site is
    served over plain HTTP), ``.example.gov.cn`` → ``https://*.example.gov.cn``; "*" adds nothing."""
    origins = list(extra)
    for host in hosts:
        host = host.strip()
        if not host or host in ("*", "testserver"):
            continue
        if host.startswith("."):
            host = "*" + host
        for scheme in ("https",) if https else ("https", "http"):
            origin = f"{scheme}://{host}"
            if origin not in origins:
                origins.append(origin)
    return origins
