"""Single sign-on (issue 18 point 3) against a real OIDC provider and a real CAS server, each
started by the test on a local port: the browser's hops are real HTTP requests to them, and the
platform fetches discovery, the token, the keys and the ticket validation over HTTP itself."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import requests
from django.test import Client, override_settings

from jianfu.core.models import AuditEntry
from jianfu.orgs import sso, sso_oidc
from jianfu.orgs.models import ExternalIdentity, User

from .sso_servers import CLIENT_ID, CLIENT_SECRET, cas_server, oidc_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    with oidc_provider() as p:
        sso_oidc.forget_discovery()
        with override_settings(OIDC_ISSUER=p.url, OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=CLIENT_SECRET):
            yield p
        sso_oidc.forget_discovery()


@pytest.fixture
def cas():
    with cas_server() as c, override_settings(CAS_SERVER_URL=c.url + "/"):
        yield c


def _oidc_round_trip(client: Client, provider, *, next_url: str = ""):
    """The browser's hops: our login page → the provider → our callback (followed to the end)."""
    start = client.get("/sso/oidc/login/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["Location"])
    return client.get(back.path, dict(p.split("=", 1) for p in back.query.split("&")), follow=True)


def _link(user: User, provider: str, subject: str) -> None:
    sso.do_link_identity(user, actor=None, provider=provider, subject=subject)


def _signed_in_as(client: Client) -> User | None:
    from django.contrib.auth import get_user

    user = get_user(client)
    return user if user.is_authenticated else None


def test_a_linked_identity_signs_in_to_its_account_through_oidc(world, provider):
    _link(world.community_worker, "oidc", "440301199001011234")
    provider.subject = "440301199001011234"
    client = Client()
    response = _oidc_round_trip(client, provider, next_url="/burden/")
    assert response.redirect_chain[0][0] == "/burden/"
    assert _signed_in_as(client) == world.community_worker
    entry = AuditEntry.objects.filter(event_type="auth.login", actor=world.community_worker).latest("pk")
    assert entry.after == {"via": "oidc"}
    assert client.get("/").status_code == 200


def test_an_sso_login_is_not_asked_for_the_local_second_factor_or_password_change(world, provider):
    _link(world.sysadmin, "oidc", "sys-1")
    User.objects.filter(pk=world.sysadmin.pk).update(must_change_password=True)
    provider.subject = "sys-1"
    client = Client()
    with override_settings(OTP_REQUIRED_ROLES=["sysadmin"]):
        _oidc_round_trip(client, provider)
        assert client.get("/users/").status_code == 200


def test_a_county_may_still_ask_for_the_local_second_factor_after_sso(world, provider):
    _link(world.sysadmin, "oidc", "sys-1")
    provider.subject = "sys-1"
    client = Client()
    with override_settings(OTP_REQUIRED_ROLES=["sysadmin"], SSO_LOCAL_OTP=True):
        _oidc_round_trip(client, provider)
        response = client.get("/users/")
        assert response.status_code == 302 and response["Location"].startswith("/account/2fa/")


def test_an_unknown_identity_is_refused_and_nothing_is_created(world, provider):
    provider.subject = "nobody-here"
    users = User.objects.count()
    client = Client()
    response = _oidc_round_trip(client, provider)
    assert _signed_in_as(client) is None
    assert "尚未关联本平台账号" in response.content.decode()
    assert User.objects.count() == users and not ExternalIdentity.objects.exists()
    refusal = AuditEntry.objects.get(event_type="auth.sso_refused")
    assert refusal.after["reason"] == "unknown" and refusal.after["subject"] == "nobody-here"


def test_a_username_match_is_used_only_when_the_county_configures_it(world, provider):
    provider.subject = world.community_worker.username
    client = Client()
    _oidc_round_trip(client, provider)
    assert _signed_in_as(client) is None
    with override_settings(SSO_MATCH_USERNAME=True):
        _oidc_round_trip(client, provider)
    assert _signed_in_as(client) == world.community_worker


def test_a_disabled_account_is_refused_and_audited(world, provider):
    _link(world.community_worker, "oidc", "cw-1")
    User.objects.filter(pk=world.community_worker.pk).update(is_active=False)
    provider.subject = "cw-1"
    client = Client()
    response = _oidc_round_trip(client, provider)
    assert _signed_in_as(client) is None and "该账号已停用" in response.content.decode()
    refusal = AuditEntry.objects.get(event_type="auth.sso_refused")
    assert refusal.after["reason"] == "disabled" and refusal.object_id == str(world.community_worker.pk)


@pytest.mark.parametrize("mischief", ["wrong_key", "wrong_issuer", "wrong_nonce", "wrong_audience"])
def test_a_token_that_does_not_verify_is_refused(world, provider, mischief):
    _link(world.community_worker, "oidc", "cw-1")
    provider.subject, provider.mischief = "cw-1", mischief
    before = User.objects.get(pk=world.community_worker.pk).last_login
    client = Client()
    response = _oidc_round_trip(client, provider)
    assert response.status_code == 401 and "统一身份认证登录失败" in response.content.decode()
    assert _signed_in_as(client) is None and provider.token_calls == 1
    assert User.objects.get(pk=world.community_worker.pk).last_login == before
    assert AuditEntry.objects.get(event_type="auth.sso_refused").after["reason"] == "invalid"


def test_a_forged_callback_is_refused_without_calling_the_provider(world, provider):
    client = Client()
    response = client.get("/sso/oidc/callback/", {"code": "stolen", "state": "forged"}, follow=True)
    assert response.status_code == 401 and _signed_in_as(client) is None
    assert provider.token_calls == 0
    client.get("/sso/oidc/login/")  # a real state in the session, but not this one
    response = client.get("/sso/oidc/callback/", {"code": "stolen", "state": "forged"}, follow=True)
    assert "统一身份认证登录失败" in response.content.decode() and provider.token_calls == 0


def test_sso_pages_answer_404_while_switched_off(world):
    client = Client()
    for path in ("/sso/oidc/login/", "/sso/oidc/callback/", "/sso/cas/login/"):
        assert client.get(path).status_code == 404, path
    assert "统一身份认证" not in client.get("/login/").content.decode()


def test_a_linked_cas_user_signs_in_through_the_cas_server(world, cas):
    _link(world.township_officer, "cas", "zhangsan")
    cas.user = "zhangsan"
    client = Client()
    start = client.get("/sso/cas/login/", {"next": "/burden/"})
    assert start.status_code == 302 and start["Location"].startswith(cas.url + "/login?service=")
    hop = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = urlparse(hop.headers["Location"])
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 302 and response["Location"] == "/burden/"
    assert _signed_in_as(client) == world.township_officer and cas.validations == 1


def test_cas_refuses_an_unknown_user_and_a_forged_ticket(world, cas):
    cas.user = "stranger"
    client = Client()
    hop = requests.get(client.get("/sso/cas/login/")["Location"], allow_redirects=False, timeout=10)
    back = urlparse(hop.headers["Location"])
    page = client.get(f"{back.path}?{back.query}", follow=True).content.decode()
    assert "尚未关联本平台账号" in page and _signed_in_as(client) is None
    page = client.get("/sso/cas/login/", {"ticket": "ST-forged"}, follow=True).content.decode()
    assert "统一身份认证登录失败" in page and _signed_in_as(client) is None
    reasons = sorted(e.after["reason"] for e in AuditEntry.objects.filter(event_type="auth.sso_refused"))
    assert reasons == ["invalid", "unknown"]


def test_with_password_login_off_the_form_is_gone_and_a_password_post_is_refused(world, provider):
    with override_settings(PASSWORD_LOGIN=False):
        page = Client().get("/login/").content.decode()
        assert 'name="password"' not in page and "/sso/oidc/login/" in page
        response = Client().post("/login/", {"username": world.county_mzj.username, "password": "x" * 12})
        assert response.status_code == 403 and "已关闭密码登录" in response.content.decode()
        assert User.objects.get(pk=world.county_mzj.pk).last_login is None
        assert AuditEntry.objects.get(event_type="auth.login_failed").after["reason"] == "password_login_off"


def test_the_sysadmin_links_identities_only_in_their_jurisdiction(world):
    from jianfu.core.errors import ActionError, NotAllowed

    sso.do_link_identity(world.community_worker, actor=world.sysadmin, provider="oidc", subject="a-1")
    with pytest.raises(NotAllowed):
        sso.do_link_identity(world.community_worker, actor=world.other_sysadmin, provider="oidc", subject="a-2")
    with pytest.raises(ActionError, match="已关联账号"):
        sso.do_link_identity(world.county_mzj, actor=world.sysadmin, provider="oidc", subject="a-1")
    assert list(ExternalIdentity.objects.values_list("subject", flat=True)) == ["a-1"]
    assert AuditEntry.objects.filter(event_type="orgs.identity.link").count() == 1


def test_the_sysadmin_links_and_unlinks_an_identity_on_the_user_page(world):
    client = Client()
    client.force_login(world.sysadmin)
    url = f"/users/{world.community_worker.pk}/identities/"
    assert client.post(url, {"provider": "oidc", "subject": "<script>x</script>"}).status_code == 302
    page = client.get(f"/users/{world.community_worker.pk}/").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page
    link = ExternalIdentity.objects.get(user=world.community_worker)
    response = client.post(url, {"provider": "ldap", "subject": "a"}, follow=True)
    assert "未知的认证方式" in response.content.decode() and ExternalIdentity.objects.count() == 1
    assert client.post(url, {"remove": str(link.pk)}).status_code == 302
    assert not ExternalIdentity.objects.exists()
    assert AuditEntry.objects.filter(event_type="orgs.identity.unlink").count() == 1


def test_another_county_cannot_see_or_remove_a_link(world):
    link = sso.do_link_identity(world.community_worker, actor=None, provider="cas", subject="zs")
    client = Client()
    client.force_login(world.other_sysadmin)
    response = client.post(f"/users/{world.community_worker.pk}/identities/", {"remove": str(link.pk)})
    assert response.status_code == 404 and ExternalIdentity.objects.filter(pk=link.pk).exists()


def test_an_unreachable_provider_sends_the_browser_back_with_a_message(world):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sso_oidc.forget_discovery()
    with override_settings(OIDC_ISSUER=url, OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_TIMEOUT=2):
        response = Client().get("/sso/oidc/login/", follow=True)
    assert response.status_code == 401 and "统一身份认证暂时无法访问" in response.content.decode()
    assert AuditEntry.objects.get(event_type="auth.sso_refused").after["reason"] == "unreachable"


def test_a_service_account_never_signs_in_through_single_sign_on(world, provider):
    User.objects.filter(pk=world.community_worker.pk).update(is_service=True)
    provider.subject = world.community_worker.username
    client = Client()
    with override_settings(SSO_MATCH_USERNAME=True):
        response = _oidc_round_trip(client, provider)
    assert _signed_in_as(client) is None and "尚未关联本平台账号" in response.content.decode()
