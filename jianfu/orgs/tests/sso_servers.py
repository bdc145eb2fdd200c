"""A minimal OpenID Connect provider and a CAS server, each a real HTTP server in a thread, for the
single sign-on tests (they stand for the province's 统一身份认证; nothing of ours is replaced).

The OIDC provider serves discovery, ``/authorize`` (the user is already signed in there: it
answers with a code at once), ``/token`` (checks the client's secret and the PKCE verifier, returns
an id_token signed RS256), ``/jwks`` and ``/userinfo``. Its ``mischief`` makes it sign with a key
it does not publish, name another issuer, return another nonce or another audience.
The CAS server serves ``/login`` (a ticket at once) and ``/p3/serviceValidate`` (CAS 3.0 XML).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse
from xml.sax.saxutils import escape

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID, CLIENT_SECRET = "jianfu-hanyin", "s3cret-of-the-client"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class OidcProvider:
    url: str = ""
    subject: str = ""  # who is signed in at the provider
    mischief: str = ""  # "" | wrong_key | wrong_issuer | wrong_nonce | wrong_audience
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    other_key: rsa.RSAPrivateKey = field(default_factory=_key)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    token_calls: int = 0

    def id_token(self, grant: dict[str, str]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url + "/wrong" if self.mischief == "wrong_issuer" else self.url,
            "sub": grant["subject"],
            "aud": "another-system" if self.mischief == "wrong_audience" else CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": "forged-nonce" if self.mischief == "wrong_nonce" else grant["nonce"],
        }
        key = self.other_key if self.mischief == "wrong_key" else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": "k1", "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}


def _handler(provider: OidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                base = provider.url
                self._send(
                    200,
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "userinfo_endpoint": f"{base}/userinfo",
                        "jwks_uri": f"{base}/jwks",
                        "id_token_signing_alg_values_supported": ["RS256"],
                    },
                )
            elif url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    self._send(400, {"error": "invalid_request"})
                    return
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {
                    "subject": provider.subject,
                    "nonce": query.get("nonce", ""),
                    "challenge": query.get("code_challenge", ""),
                    "redirect_uri": query["redirect_uri"],
                }
                target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
                self._send(302, headers={"Location": target})
            elif url.path == "/jwks":
                self._send(200, provider.jwks())
            elif url.path == "/userinfo":
                self._send(200, {"sub": provider.subject})
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlparse(self.path).path != "/token":
                self._send(404, {"error": "not_found"})
                return
            provider.token_calls += 1
            grant = provider.codes.pop(form.get("code", ""), None)
            if grant is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
                self._send(400, {"error": "invalid_grant"})
                return
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if grant["challenge"] and challenge != grant["challenge"]:
                self._send(400, {"error": "invalid_grant", "error_description": "PKCE"})
                return
            if form.get("redirect_uri") != grant["redirect_uri"]:
                self._send(400, {"error": "invalid_grant", "error_description": "redirect_uri"})
                return
            self._send(
                200,
                {
                    "access_token": secrets.token_urlsafe(16),
                    "token_type": "Bearer",
                    "id_token": provider.id_token(grant),
                },
            )

    return Handler


@contextmanager
def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def oidc_provider() -> Iterator[OidcProvider]:
    provider = OidcProvider()
    with _serve(_handler(provider)) as url:
        provider.url = url
        yield provider


@dataclass
class CasServer:
    url: str = ""
    user: str = ""  # who is signed in at the CAS server
    tickets: dict[str, tuple[str, str]] = field(default_factory=dict)  # ticket → (service, user)
    validations: int = 0


def _cas_handler(cas: CasServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/cas/login":
                ticket = "ST-" + secrets.token_urlsafe(12)
                cas.tickets[ticket] = (query["service"], cas.user)
                sep = "&" if "?" in query["service"] else "?"
                self.send_response(302)
                self.send_header("Location", f"{query['service']}{sep}ticket={ticket}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if url.path == "/cas/p3/serviceValidate":
                cas.validations += 1
                service, user = cas.tickets.pop(query.get("ticket", ""), ("", ""))
                if service and service == query.get("service"):
                    inner = (
                        f"<cas:authenticationSuccess><cas:user>{escape(user)}</cas:user>"
                        "<cas:attributes><cas:org>汉阴县</cas:org></cas:attributes></cas:authenticationSuccess>"
                    )
                else:
                    inner = (
                        '<cas:authenticationFailure code="INVALID_TICKET">not recognised</cas:authenticationFailure>'
                    )
                body = f"<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>{inner}</cas:serviceResponse>"
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@contextmanager
def cas_server() -> Iterator[CasServer]:
    cas = CasServer()
    with _serve(_cas_handler(cas)) as url:
        cas.url = url + "/cas"
        yield cas
