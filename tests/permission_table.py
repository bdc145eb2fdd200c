# ruff: noqa: E501  (the table keeps one line per route)
"""The permission table: every URL pattern and API operation × persona → expected HTTP status.

One line per route. ``tests/test_permission_table.py`` requests each row as each persona against
one shared world (``tests/permission_scene.py``, rolled back after every request) and fails when
a route exists that no row names, or a row names a route that no longer exists.

A row::

    GET("admission/<int:pk>/", "*=404 anon=302 dept,mzj,zzb,lg=200", pk="app")

- the route exactly as Django's resolver spells it (``path()`` pattern, prefixes joined), or for
  the API the method and the OpenAPI path (``/api/v1/inbox/{task_id}/accept``);
- the expectations: ``who=status`` tokens read left to right, a later token overriding an earlier
  one; ``who`` is ``*`` (everybody), a group (``users``, ``here``, ``other``) or persona aliases
  joined by commas (see ``PERSONAS``);
- the URL's kwargs: each names a value of the scene (``app``, ``task``, ``county`` …);
- optionally ``query=``, ``data=`` (a form ``a=1&b=$app`` for a page, JSON for the API) and
  ``upload=`` (a field that gets a junk file), where ``$name`` is a scene value.

POSTs are sent with no data: the row records the permission gate (403/404 for who may not,
200 form-with-errors/302/400/422 for who may). Every case runs in its own rolled-back
transaction, so a POST that succeeds changes nothing for the next case.

A known bug is written with the CORRECT status and ``bug="…"`` naming it: the case is then an
``xfail(strict=True)`` until the bug is fixed (and fails as soon as it is, so the marker goes).
``bug`` may be limited to some personas with ``bug_for="alias,alias"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# alias -> persona of jianfu.testing.build_world (None: not signed in)
PERSONAS: dict[str, str | None] = {
    "anon": None,
    "mzj": "county_mzj",
    "zzb": "county_zzb",
    "lg": "leading_group",
    "dept": "dept_officer",
    "dept2": "dept_officer2",
    "town": "township_officer",
    "town2": "township2_officer",
    "cw": "community_worker",
    "vw": "village_worker",
    "sys": "sysadmin",
    "o_mzj": "other_county_officer",
    "o_sys": "other_sysadmin",
    "o_dept": "other_dept_officer",
}
OTHER = ("o_mzj", "o_sys", "o_dept")
GROUPS: dict[str, tuple[str, ...]] = {
    "*": tuple(PERSONAS),
    "users": tuple(a for a in PERSONAS if a != "anon"),
    "here": tuple(a for a in PERSONAS if a != "anon" and a not in OTHER),
    "other": OTHER,
}


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    expect: str
    kwargs: dict[str, str] = field(default_factory=dict)
    query: str = ""  # appended after "?"; $name is a scene value
    data: str = ""  # POST body: a form (a=1&b=$app) for pages, JSON for the API; $name is a scene value
    upload: str = ""  # POST a junk file under this form field (multipart)
    api: bool = False
    public: bool = False  # a public page: the other county may see 汉阴县 here
    bug: str = ""
    bug_for: str = ""

    def statuses(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for token in self.expect.split():
            who, _, status = token.partition("=")
            for name in who.split(","):
                for alias in GROUPS.get(name, (name,)):
                    if alias not in PERSONAS:
                        raise ValueError(f"{self.route}: unknown persona {alias!r}")
                    out[alias] = int(status)
        missing = set(PERSONAS) - set(out)
        if missing:
            raise ValueError(f"{self.route}: no expectation for {sorted(missing)}")
        return out

    def buggy(self, alias: str) -> bool:
        return bool(self.bug) and (not self.bug_for or alias in self.bug_for.split(","))

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}"


def GET(route: str, expect: str, **kw: str) -> Row:
    return _row("GET", route, expect, kw)


def POST(route: str, expect: str, **kw: str) -> Row:
    return _row("POST", route, expect, kw)


def _row(method: str, route: str, expect: str, kw: dict[str, str]) -> Row:
    flags = {k: kw.pop(k) for k in ("bug", "bug_for", "query", "data", "upload") if k in kw}
    public = bool(kw.pop("public", ""))
    return Row(method, route, expect, kw, api=route.startswith("/api/"), public=public, **flags)


# POST bodies that get a request past parsing to the permission gate ($name: a scene value).
PUBLISH = '{"effective_date": "2026-06-01"}'
NEW_APP = (
    '{"affairs": "government", "title": "协助登记", "description": "入户", "category": "assist",'
    ' "start_date": "2026-06-01", "end_date": "2026-12-01"}'
)
PASS_FIRST = '{"action": "pass_first"}'
GATE = '{"title": "上报台账", "target_org": "$community"}'
TASK = '{"targets": ["$community"], "title": "上报台账"}'
ENTRY = (
    '{"community": "$community", "kind": "form", "source_org": "$dept_org", "occurred_on": "2026-06-01", "minutes": 30}'
)
CERT_IN = '{"item_code": "ZM-01", "resident_name": "测试", "id_number": "1", "purpose": "测试"}'
PROPOSAL = (
    '{"community_code": "$community", "title": "加装路灯", "description": "夜间无照明", "estimated_cost": "30000"}'
)
REPORT = '{"county_code": "$county", "title": "社区被要求上报台账", "description": "每周三张表"}'
SURVEY_ANSWER = '{"answers": {"home_visits": 5, "consultation": 4, "services": "满意", "social_orgs": 3, "public_welfare": 5, "problems": 1, "covenant": 4, "satisfied": "基本满意"}}'

NEW_FORM = '{"title": "权限表测试：新表"}'
SCAN = '{"text": "各社区须于每月5日前将台账报送镇民政办。"}'
DRAFT = '{"title": "通知", "affairs": "government", "issue_date": "2020-01-01", "text": "各社区每周报送台账。"}'
RETURN = '{"decision": "return", "opinion": "请删除第2条"}'

# fmt: off
ROWS: list[Row] = [
    # core
    GET("", "*=200 anon=302"),
    GET("audit/mine/", "*=200 anon=302"),
    GET("healthz", "*=200", public="y"),
    GET("metrics", "*=404"),  # closed unless JIANFU_METRICS_TOKEN/_ALLOW (core/tests/test_operations.py)
    # orgs
    GET("login/", "*=302 anon=200", public="y"),
    POST("login/", "*=302 anon=200", public="y"),
    # single sign-on: off in the test settings (tests: jianfu/orgs/tests/test_sso.py)
    GET("sso/oidc/login/", "*=404", public="y"),
    GET("sso/oidc/callback/", "*=404", public="y"),
    GET("sso/cas/login/", "*=404", public="y"),
    POST("logout/", "*=302"),
    GET("account/password/", "*=200 anon=302"),
    POST("account/password/", "*=200 anon=302"),
    GET("account/tokens/", "*=200 anon=302"),
    POST("account/tokens/", "*=200 anon=302"),
    GET("orgs/", "*=200 anon=302"),
    GET("orgs/<str:code>/", "*=200 anon=302 town2,vw,other=404", code="org"),
    GET("users/", "*=403 anon=302 sys,o_sys=200"),
    GET("users/new/", "*=403 anon=302 sys,o_sys=200"),
    POST("users/new/", "*=403 anon=302 sys,o_sys=200"),
    GET("users/import/", "*=403 anon=302 sys,o_sys=200"),
    POST("users/import/", "*=403 anon=302 sys,o_sys=200"),
    GET("users/<int:pk>/", "*=403 anon=302 sys=200 o_sys=404", pk="user"),
    POST("users/<int:pk>/", "*=403 anon=302 sys=200 o_sys=404", pk="user"),
    POST("users/<int:pk>/active/", "*=403 anon,sys=302 o_sys=404", pk="user"),
    POST("users/<int:pk>/identities/", "*=403 anon,sys=302 o_sys=404", pk="user"),
    POST("users/<int:pk>/reset-password/", "*=403 anon,sys=302 o_sys=404", pk="user"),
    GET("service-accounts/", "*=403 anon=302 sys,o_sys=200"),
    POST("service-accounts/", "*=403 anon=302 sys,o_sys=200"),
    # orgs: second factor, 三员分立 (the world has no 审计员/安全管理员: their duties stay with the sysadmin)
    GET("account/2fa/", "*=200 anon=302"),
    POST("account/2fa/", "*=200 anon=302"),
    GET("account/2fa/verify/", "*=302"),
    POST("account/2fa/verify/", "*=302"),
    GET("audit/", "*=403 anon=302 sys,o_sys=200"),
    GET("security/accounts/", "*=403 anon=302 sys,o_sys=200"),
    POST("security/accounts/<int:pk>/unlock/", "*=403 anon,sys=302 o_sys=404", pk="user"),
    POST("security/accounts/<int:pk>/otp-reset/", "*=403 anon,sys=302 o_sys=404", pk="user"),
    POST("security/accounts/<int:pk>/reset-password/", "*=403 anon=302 o_sys=404", pk="user"),
    # notify
    GET("notifications/", "*=200 anon=302"),
    POST("notifications/<int:pk>/open/", "*=404 anon,cw=302", pk="notification"),
    POST("notifications/read-all/", "*=302"),
    GET("notifications/deliveries/", "*=403 anon=302 sys,o_sys=200"),
    POST("notifications/deliveries/<int:pk>/retry/", "*=403 anon,sys=302 o_sys=404", pk="delivery"),
    GET("account/notifications/", "*=200 anon=302"),
    POST("account/notifications/", "*=302"),
    # catalog
    GET("lists/", "*=200 anon=302"),
    # matching (the county's synonym lexicon; every county reads and its list owners edit its own)
    GET("lists/lexicon/", "*=200 anon=302"),
    POST("lists/lexicon/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    GET("lists/lexicon/<int:pk>/", "*=404 anon=302 mzj,zzb=200 dept,dept2,lg,sys=403", pk="lexicon_group"),
    POST("lists/lexicon/<int:pk>/", "*=404 anon=302 mzj,zzb=200 dept,dept2,lg,sys=403", pk="lexicon_group"),
    POST("lists/lexicon/<int:pk>/delete/", "*=404 anon,mzj,zzb=302 dept,dept2,lg,sys=403", pk="lexicon_group"),
    # catalog citations (政策依据: every county reads its own; its list owners edit their county's rows)
    GET("lists/citations/", "*=200 anon=302"),
    GET("lists/citations/<str:key>/", "*=403 anon=302 mzj,zzb,o_mzj=200", key="citation_key"),
    POST("lists/citations/<str:key>/", "*=403 anon=302 mzj,zzb,o_mzj=200", key="citation_key"),
    POST("lists/citations/<str:key>/reset/", "*=403 anon,mzj,zzb,o_mzj=302", key="citation_key"),
    GET("lists/v/<int:number>/", "*=200 anon=302 other=404", number="version"),
    GET("lists/draft/", "*=404 anon,o_mzj=302 mzj,zzb=200"),
    POST("lists/draft/open/", "*=404 anon,mzj,zzb,o_mzj=302"),
    POST("lists/draft/discard/", "*=404 anon,mzj,zzb=302"),
    GET("lists/draft/items/new/", "*=404 anon=302 mzj,zzb,o_mzj=200"),
    POST("lists/draft/items/new/", "*=404 anon=302 mzj,zzb,o_mzj=200"),
    GET("lists/draft/items/<int:pk>/", "*=404 anon=302 mzj,zzb=200", pk="draft_item"),
    POST("lists/draft/items/<int:pk>/", "*=404 anon=302 mzj,zzb=200", pk="draft_item"),
    POST("lists/draft/items/<int:pk>/delete/", "*=404 anon,mzj,zzb=302", pk="draft_item"),
    GET("lists/draft/publish/", "*=404 anon,o_mzj=302 mzj,zzb=200"),
    POST("lists/draft/publish/", "*=404 anon,o_mzj=302 mzj,zzb=200"),
    GET("lists/diff/", "*=200 anon=302"),
    GET("lists/import/", "*=404 anon=302 mzj,zzb,o_mzj=200"),
    POST("lists/import/", "*=404 anon=302 mzj,zzb,o_mzj=200"),
    GET("lists/template.xlsx", "*=200 anon=302"),
    GET("lists/<str:number>/export.xlsx", "*=200 anon=302 other=404", number="version"),
    GET("lists/<str:number>/export.pdf", "*=200 anon=302 other=404", number="version"),
    GET("public/lists/", "*=200", public="y"),
    GET("public/lists/<str:region_code>/", "*=200", region_code="county", public="y"),
    GET("public/lists/<str:region_code>/v/<int:number>/", "*=200", region_code="county", number="version", public="y"),
    GET("public/lists/<str:region_code>/items/<str:code>/", "*=200", region_code="county", code="item", public="y"),
    # admission
    GET("admission/", "*=200 anon=302"),
    GET("admission/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    POST("admission/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    GET("admission/plans/", "*=200 anon=302"),
    POST("admission/plans/", "*=403 anon,mzj,zzb=302 o_mzj=404", data="op=close&window=$plan"),
    GET("admission/plans/<int:pk>/", "*=404 anon=302 mzj,zzb=200", pk="plan"),
    GET("admission/plans/<int:pk>/xlsx/", "*=404 anon=302 mzj,zzb=200", pk="plan"),
    GET("admission/plans/<int:pk>/pdf/", "*=404 anon=302 mzj,zzb=200", pk="plan"),
    GET("admission/<int:pk>/", "*=404 anon=302 mzj,zzb,lg,dept=200", pk="submitted_app"),
    GET("admission/<int:pk>/edit/", "*=404 anon=302 dept=200", pk="app"),
    POST("admission/<int:pk>/edit/", "*=404 anon=302 dept=200", pk="app"),
    POST("admission/<int:pk>/submit/", "*=404 anon,dept=302", pk="app"),
    POST("admission/<int:pk>/act/", "*=404 anon,mzj=302 zzb,lg,dept=403", pk="submitted_app", data="action=pass_first"),
    POST("admission/<int:pk>/attachments/", "*=404 anon,dept=302", pk="app"),
    GET("admission/<int:pk>/attachments/<int:att_pk>/", "*=404 anon=302 dept=200", pk="app", att_pk="attachment"),
    # dispatch
    GET("tasks/", "*=200 anon=302"),
    GET("tasks/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    POST("tasks/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    GET("tasks/<int:pk>/", "*=404 anon=302 mzj,zzb,lg,dept,town=200", pk="dispatch"),
    GET("inbox/", "*=200 anon=302"),
    POST("inbox/<int:pk>/<str:op>/", "*=404 anon,cw=302", pk="task", op="inbox_op"),
    # drafts (发文前审核)
    GET("drafts/", "*=200 anon=302"),
    GET("drafts/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    POST("drafts/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    GET("drafts/found/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    POST("drafts/found/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    GET("drafts/<int:pk>/", "*=404 anon=302 dept,mzj,zzb,lg=200", pk="doc"),
    POST("drafts/<int:pk>/review/", "*=404 anon,mzj=302 dept,zzb,lg=403", pk="doc", data="decision=return&opinion=x"),
    GET("drafts/<int:pk>/resubmit/", "*=404 anon=302 dept=200 mzj,zzb,lg=403", pk="returned_doc"),
    POST("drafts/<int:pk>/resubmit/", "*=404 anon=302 dept=200 mzj,zzb,lg=403", pk="returned_doc"),
    POST("drafts/<int:pk>/act/<str:op>/", "*=404 anon,dept=302 mzj,zzb,lg=403", pk="doc", op="doc_op"),
    GET("drafts/<int:pk>/findings.xlsx", "*=404 anon=302 dept,mzj,zzb,lg=200", pk="doc"),
    GET("drafts/<int:pk>/opinions/<int:opinion_pk>/pdf/", "*=404 anon=302 dept,mzj,zzb,lg=200", pk="returned_doc", opinion_pk="opinion"),
    GET("drafts/<int:pk>/files/<int:file_pk>/", "*=404 anon=302 dept,mzj,zzb,lg=200", pk="doc", file_pk="doc_file"),
    # burden
    GET("burden/", "*=200 anon,cw,vw=302"),
    GET("burden/community/<str:code>/", "*=200 anon=302 town2,vw,other=404", code="community"),
    GET("burden/entries/new/", "*=200 anon=302 lg,sys,o_sys=403"),
    POST("burden/entries/new/", "*=200 anon=302 lg,sys,o_sys=403"),
    GET("burden/events/new/", "*=200 anon=302 lg,cw,vw,sys,o_sys=403"),
    POST("burden/events/new/", "*=200 anon=302 lg,cw,vw,sys,o_sys=403"),
    GET("burden/breaches/", "*=200 anon=302"),
    GET("burden/report/", "*=200 anon=302"),
    GET("burden/import/", "*=200 anon=302 lg,sys,o_sys=403"),
    POST("burden/import/", "*=200 anon=302 lg,sys,o_sys=403"),
    GET("burden/rules/", "*=200 anon=302"),
    POST("burden/rules/set/", "*=403 anon,mzj,zzb,o_mzj=302", data="code=county_meetings&limit=3"),
    # supervision
    GET("supervision/", "*=302"),
    GET("supervision/cases/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    POST("supervision/cases/bulk/", "*=403 anon,mzj,zzb,o_mzj=302", data="case=$case&action=verify"),
    GET("supervision/cases/<int:pk>/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="case"),
    POST("supervision/cases/<int:pk>/move/", "*=403 anon,mzj,zzb=302 o_mzj=404", pk="case"),
    POST("supervision/cases/<int:pk>/reporter/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="case"),
    POST("supervision/cases/<int:pk>/facts/", "*=403 anon,mzj,zzb=302 o_mzj=404", pk="case"),
    GET("supervision/cases/<int:pk>/order/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="case"),
    POST("supervision/cases/<int:pk>/order/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="case"),
    POST("supervision/cases/<int:pk>/recheck/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="closed_case"),
    POST("supervision/rechecks/<int:pk>/", "*=403 anon,mzj,zzb=302 o_mzj=404", pk="recheck"),
    GET("supervision/orders/", "*=403 anon=302 mzj,zzb,dept,dept2,o_mzj,o_dept=200"),
    GET("supervision/orders/<int:pk>/", "*=404 anon=302 mzj,zzb,dept=200", pk="open_order"),
    POST("supervision/orders/<int:pk>/", "*=404 anon=302 dept=200", pk="open_order"),
    GET("supervision/orders/<int:pk>/pdf/", "*=404 anon=302 mzj,zzb,dept=200", pk="order"),
    GET("supervision/files/<int:pk>/", "*=404 anon=302 mzj,zzb=200", pk="evidence"),
    GET("supervision/report/", "*=403 anon=302 cw,vw=200"),
    POST("supervision/report/", "*=403 anon=302 cw,vw=200"),
    GET("supervision/mine/", "*=403 anon=302 cw,vw=200"),
    GET("supervision/notices/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    POST("supervision/notices/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    GET("supervision/notices/<int:pk>/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="notice"),
    GET("supervision/notices/<int:pk>/pdf/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", pk="notice"),
    POST("supervision/notices/<int:pk>/publish/", "*=403 anon,mzj,zzb=302 o_mzj=404", pk="notice"),
    GET("supervision/scoreboard/", "*=200 anon=302"),
    # certs (证明与印章)
    GET("certs/", "*=403 anon=302 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    GET("certs/export/", "*=403 anon=302 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    POST("certs/export/", "*=403 anon=302 cw=200 vw=302"),
    GET("certs/new/", "*=403 anon=302 cw,vw=200"),
    POST("certs/new/", "*=403 anon=302 cw,vw=200"),
    GET("certs/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town,cw=200 town2,vw,o_mzj=404", pk="cert"),
    POST("certs/<int:pk>/reveal/", "*=403 anon=302 cw=200 town2,vw,o_mzj=404", pk="cert"),
    POST("certs/refuse/", "*=403 anon=302 cw,vw=302"),
    GET("certs/refusals/", "*=403 anon=302 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    GET("certs/refusals/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town,cw=200 town2,vw,o_mzj=404", pk="refusal"),
    GET("certs/refusals/<int:pk>/slip/", "*=403 anon=302 mzj,zzb,lg,town,cw=200 town2,vw,o_mzj=404", pk="refusal"),
    POST("certs/refusals/<int:pk>/report/", "*=403 anon=302 cw=302 vw=404", pk="refusal"),
    GET("certs/seal/", "*=403 anon=302 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    POST("certs/seal/", "*=403 anon=302 cw,vw=200"),
    GET("certs/templates/", "*=403 anon=302 mzj,zzb,o_mzj=200"),
    GET("certs/templates/<str:code>/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", code="cert_code"),
    POST("certs/templates/<str:code>/", "*=403 anon=302 mzj,zzb=200 o_mzj=404", code="cert_code"),
    GET("certs/commitments/", "*=200 anon=302 sys,o_sys=403"),
    GET("certs/commitments/new/", "*=403 anon=302 cw,vw=200"),
    POST("certs/commitments/new/", "*=403 anon=302 cw,vw=200"),
    GET("certs/commitments/<int:pk>/", "*=404 anon=302 mzj,zzb,lg,town,cw,dept=200", pk="commitment"),
    GET("certs/commitments/<int:pk>/pdf/", "*=404 anon=302 mzj,zzb,lg,town,cw,dept=200", pk="commitment"),
    POST("certs/commitments/<int:pk>/reveal/", "*=404 anon=302 mzj,zzb,lg,town,dept=403 cw=200", pk="commitment"),
    POST("certs/commitments/<int:pk>/verify/", "*=404 anon=302 mzj,zzb,lg,town,cw=403 dept=302", pk="commitment"),
    GET("public/certificates/<str:county_code>/", "*=200", county_code="county", public="y"),
    POST("public/certificates/<str:county_code>/", "*=200", county_code="county", public="y"),
    GET("public/certificates/<str:county_code>/templates/<str:code>/", "*=200", county_code="county", code="cert_code", public="y"),
    GET("public/report/<str:county_code>/", "*=200", county_code="county", public="y"),
    POST("public/report/<str:county_code>/", "*=200", county_code="county", public="y"),
    GET("public/report/<str:county_code>/done/", "*=302", county_code="county", public="y"),
    GET("public/track/", "*=200", public="y"),
    GET("public/notices/<str:county_code>/", "*=200", county_code="county", public="y"),
    GET("public/notices/<str:county_code>/<int:pk>/", "*=200", county_code="county", pk="published_notice", public="y"),
    # formsreg (表格报备, 一表通)
    GET("forms/", "*=200 anon=302"),
    GET("forms/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    POST("forms/new/", "*=403 anon=302 dept,dept2,town,town2,o_dept=200"),
    GET("forms/duplicates/", "*=200 anon=302"),
    GET("forms/numbers/", "*=200 anon=302"),
    POST("forms/caps/", "*=403 anon,mzj,zzb,o_mzj=302"),
    GET("forms/calendar/", "*=403 anon=302 cw,vw=200"),
    GET("forms/base/", "*=404 anon=302 mzj,zzb,lg,town,cw=200", query="community=$community"),
    POST("forms/base/", "*=404 anon=302 mzj,zzb,lg,town=403 cw=302", query="community=$community"),
    GET("forms/schedule/", "*=403 anon=302 town,town2=200"),
    POST("forms/schedule/", "*=403 anon=302 town,town2=404"),
    GET("forms/report/", "*=403 anon=302 cw,vw=200"),
    POST("forms/report/", "*=403 anon=302 cw,vw=200"),
    GET("forms/submissions/<int:pk>/xlsx/", "*=404 anon=302 mzj,zzb,lg,dept,town,cw=200", pk="submission"),
    GET("forms/<int:pk>/", "*=200 anon=302 other=404", pk="form"),
    POST("forms/<int:pk>/reuse/", "*=403 anon,dept=302 other=404", pk="form", data="field=$form_field"),
    POST("forms/<int:pk>/layout/", "*=403 anon,dept=302 other=404", pk="form"),
    GET("forms/<int:pk>/layout.xlsx", "*=200 anon=302 other=404", pk="form"),
    POST("forms/<int:pk>/merge/", "*=403 anon,mzj,zzb=302 other=404", pk="form", data="drop=$form"),
    POST("forms/<int:pk>/demand/", "*=403 anon,dept=302 other=404", pk="form", data="township=$township&due_date=2099-12-31"),
    GET("forms/<int:pk>/fill/", "*=403 anon=302 cw,vw=200 other=404", pk="form"),
    POST("forms/<int:pk>/fill/", "*=403 anon=302 cw,vw=200 other=404", pk="form"),
    # resident projects (民生微实事)
    GET("projects/", "*=403 anon=302 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    GET("projects/new/", "*=403 anon=302 cw,vw=200"),
    POST("projects/new/", "*=403 anon=302 cw,vw=200"),
    GET("projects/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town,cw=200 town2,vw,o_mzj=404", pk="project"),
    POST("projects/<int:pk>/act/<str:action>/", "*=403 anon,cw,town=302 town2,vw,o_mzj=404", pk="project", action="project_op"),
    POST("projects/<int:pk>/milestones/", "*=403 anon,cw,town=302 town2,vw,o_mzj=404", pk="project"),
    POST("projects/<int:pk>/spending/", "*=403 anon,cw,town=302 town2,vw,o_mzj=404", pk="project"),
    GET("projects/envelopes/", "*=403 anon=302 mzj,zzb,lg,town,town2,o_mzj=200"),
    POST("projects/envelopes/", "*=403 anon=302 town,town2=200"),
    GET("projects/numbers/", "*=403 anon=302 mzj,zzb,lg,town,town2,o_mzj=200"),
    GET("projects/numbers.xlsx", "*=403 anon=302 mzj,zzb,lg,town,town2,o_mzj=200"),
    GET("projects/rounds/new/", "*=403 anon=302 cw,vw=200"),
    POST("projects/rounds/new/", "*=403 anon=302 cw,vw=200"),
    GET("projects/rounds/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town,cw=200 town2,vw,o_mzj=404", pk="vote_round"),
    POST("projects/rounds/<int:pk>/codes/", "*=403 anon,cw=302 town2,vw,o_mzj=404", pk="vote_round"),
    POST("projects/rounds/<int:pk>/close/", "*=403 anon,cw=302 town2,vw,o_mzj=404", pk="vote_round"),
    GET("public/projects/<str:code>/", "*=200", code="county", public="y"),
    GET("public/projects/<str:code>/propose/", "*=200", code="community", public="y"),
    POST("public/projects/<str:code>/propose/", "*=200", code="community", public="y"),
    GET("public/projects/project/<int:pk>/", "*=200", pk="project", public="y"),
    GET("public/projects/vote/<int:pk>/", "*=200", pk="vote_round", public="y"),
    POST("public/projects/vote/<int:pk>/", "*=200", pk="vote_round", public="y"),
    GET("public/projects/photos/<int:pk>/", "*=200", pk="project_photo", public="y"),
    GET("/api/v1/projects", "*=403 anon=401 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    POST("/api/v1/projects/proposals", "*=201", data=PROPOSAL, public="y"),
    POST("/api/v1/projects/{project_id}/votes", "*=400", project_id="voted_project", data='{"code": "ABCD-EFGH-JKMN"}', public="y"),
    # API: the framework's own pages
    # assessment (考核评价)
    GET("assess/", "*=200 anon=302 dept,dept2,o_dept=403"),
    GET("assess/new/", "*=403 anon=302 town,town2=200"),
    POST("assess/new/", "*=403 anon=302 town,town2=200"),
    GET("assess/<int:pk>/", "*=404 anon=302 dept,dept2,o_dept=403 town,cw,mzj,zzb,lg,sys=200", pk="scheme"),
    POST("assess/<int:pk>/indicators/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme"),
    POST("assess/<int:pk>/indicators/<int:indicator_pk>/remove/", "*=404 anon,town=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403", pk="scheme", indicator_pk="indicator"),
    POST("assess/<int:pk>/act/<str:action>/", "*=404 anon,town=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403", pk="scheme", action="scheme_op"),
    POST("assess/<int:pk>/scores/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme"),
    POST("assess/<int:pk>/import/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme"),
    GET("assess/<int:pk>/template.xlsx", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme"),
    POST("assess/<int:pk>/objections/deadline/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme"),
    POST("assess/<int:pk>/objections/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,town=403 cw=200", pk="scheme"),
    POST("assess/<int:pk>/objections/<int:objection_pk>/decide/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme", objection_pk="objection"),
    GET("assess/<int:pk>/result/<str:community_code>.pdf", "*=404 anon=302 dept,dept2,o_dept=403 town,cw,mzj,zzb,lg,sys=200", pk="scheme", community_code="community"),
    POST("assess/<int:pk>/assessors/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403 town=200", pk="scheme"),
    POST("assess/<int:pk>/assessor-scores/", "*=404 anon=302 dept,dept2,o_dept,mzj,lg,sys,cw,town=403 zzb=200", pk="scheme"),
    # an evaluator's evidence file: the owning township and the community scored, nobody else
    GET("assess/<int:pk>/evidence/<int:file_id>/", "*=404 anon=302 town,cw=200", pk="scheme", file_id="assess_evidence"),
    POST("assess/<int:pk>/compute/", "*=404 anon,town=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403", pk="scheme"),
    GET("assess/<int:pk>/survey/", "*=404 anon=302 dept,dept2,o_dept=403 town,cw,mzj,zzb,lg,sys=200", pk="scheme"),
    POST("assess/<int:pk>/survey/codes/", "*=404 anon=302 dept,dept2,o_dept,mzj,zzb,lg,sys=403 town,cw=200", pk="scheme"),
    POST("assess/<int:pk>/survey/review/", "*=404 anon,town=302 dept,dept2,o_dept,mzj,zzb,lg,sys,cw=403", pk="scheme"),
    GET("public/survey/", "*=200", public="y"),
    POST("public/survey/", "*=200", public="y"),
    GET("assess/ratings/", "*=200 anon=302 dept,dept2,o_dept=403"),
    GET("assess/visits/", "*=200 anon=302 dept,dept2,o_dept=403"),
    POST("assess/visits/", "*=403 anon=302 cw,vw=200"),
    POST("assess/ratings/", "*=403 anon=302 cw,vw=200"),
    GET("public/assess/<str:county_code>/", "*=200", county_code="county", public="y"),
    GET("/api/v1/assess/schemes", "*=200 anon=401"),
    GET("/api/v1/assess/schemes/{scheme_id}/results", "*=404 anon=401 town,cw,mzj,zzb,lg,sys=200", scheme_id="scheme"),
    GET("/api/v1/assessment/schemes", "*=200 anon=401"),
    GET("/api/v1/assessment/rounds/{round_id}/results", "*=404 anon=401 town,cw,mzj,zzb,lg,sys=200", round_id="scheme"),
    POST("/api/v1/surveys/{code}/answers", "*=201", code="survey_code", data=SURVEY_ANSWER, public="y"),
    # grid events (接诉即办)
    GET("events/", "*=200 anon=302"),
    GET("events/new/", "*=403 anon=302 cw,vw=200"),
    POST("events/new/", "*=403 anon=302 cw,vw=200"),
    GET("events/<int:pk>/", "*=404 anon=302 cw,town,dept,mzj,zzb,lg,sys=200", pk="event"),
    POST("events/<int:pk>/act/<str:action>/", "*=404 anon,dept=302 cw,town,mzj,zzb,lg,sys=403", pk="event", action="event_action"),
    POST("events/<int:pk>/join/", "*=404 anon,cw=302 town,dept,mzj,zzb,lg,sys=403", pk="event"),
    POST("events/<int:pk>/contact/", "*=404 anon=302 cw,town=200 dept,mzj,zzb,lg,sys=403", pk="event"),
    GET("events/files/<int:pk>/", "*=404 anon=302 cw,town,dept,mzj,zzb,lg,sys=200", pk="event_photo"),
    GET("events/ranking/", "*=200 anon=302 cw,vw=403"),
    GET("events/overdue/", "*=200 anon=302"),
    GET("events/grids/", "*=403 anon=302 cw,vw,town,town2,sys,o_sys=200"),
    POST("events/grids/", "*=403 anon,cw,town,sys=302 vw,town2,o_sys=404", data="community=$community&name=新网格"),
    POST("events/grids/<int:pk>/workers/", "*=404 anon,cw,town,sys=302 mzj,zzb,lg,dept,dept2=403", pk="grid"),
    GET("events/categories/", "*=403 anon=302 mzj,zzb,sys,o_mzj,o_sys=200"),
    POST("events/categories/", "*=403 anon=302 mzj,zzb,sys,o_mzj,o_sys=200"),
    POST("events/categories/defaults/", "*=403 anon,mzj,zzb,sys,o_mzj,o_sys=302"),
    GET("events/import/", "*=403 anon=302 mzj,zzb,sys,o_mzj,o_sys=200"),
    POST("events/import/", "*=403 anon=302 mzj,zzb,sys,o_mzj,o_sys=200"),
    GET("public/events/track/", "*=200", public="y"),
    GET("public/events/<str:county_code>/", "*=200", county_code="county", public="y"),
    POST("public/events/<str:county_code>/", "*=200", county_code="county", public="y"),
    GET("public/events/<str:county_code>/done/", "*=302", county_code="county", public="y"),
    GET("/api/v1/events/services", "*=200", query="county=$county", public="y"),
    GET("/api/v1/events", "*=200 anon=401"),
    POST("/api/v1/events", "*=403 anon=401 cw,vw=201", data='{"service_code": "0202", "description": "路灯不亮", "address_string": "村口"}'),
    GET("/api/v1/events/{event_id}", "*=404 anon=401 cw,town,dept,mzj,zzb,lg,sys=200", event_id="event"),
    POST("/api/v1/events/{event_id}/contact", "*=404 anon=401 cw,town=200 dept,mzj,zzb,lg,sys=403", event_id="event"),
    POST("/api/v1/events/{event_id}/{action}", "*=404 anon=401 dept=200 cw,town,mzj,zzb,lg,sys=403", event_id="event", action="event_action", data="{}"),
    GET("api/v1/", "*=404", public="y"),
    GET("api/v1/openapi.json", "*=200", public="y"),
    GET("api/v1/docs", "*=200", public="y"),
    # API operations (method + OpenAPI path)
    GET("/api/v1/me", "*=200 anon=401"),
    GET("/api/v1/orgs", "*=200 anon=401"),
    GET("/api/v1/lists/{region_code}", "*=200", region_code="county", public="y"),
    GET("/api/v1/lists/{region_code}/versions", "*=200", region_code="county", public="y"),
    GET("/api/v1/lists/{region_code}/versions/{number}", "*=200", region_code="county", number="version", public="y"),
    GET("/api/v1/lists/{region_code}/diff", "*=200", region_code="county", query="from=1&to=1", public="y"),
    POST("/api/v1/lists/{region_code}/import", "*=403 anon=401 mzj,zzb=400 other=404", upload="file", region_code="county"),
    POST("/api/v1/lists/{region_code}/publish", "*=403 anon=401 mzj,zzb=200 other=404", region_code="county", data=PUBLISH),
    GET("/api/v1/admission/applications", "*=200 anon=401"),
    POST("/api/v1/admission/applications", "*=403 anon=401 dept,dept2,town,town2,o_dept=400", data=NEW_APP),
    GET("/api/v1/admission/applications/{app_id}", "*=404 anon=401 mzj,zzb,lg,dept=200", app_id="submitted_app"),
    POST("/api/v1/admission/applications/{app_id}/submit", "*=404 anon=401 dept=200", app_id="app"),
    POST("/api/v1/admission/applications/{app_id}/decision", "*=404 anon=401 mzj=200 zzb,lg,dept=403", app_id="submitted_app", data=PASS_FIRST),
    POST("/api/v1/gate/check", "*=200 anon=401 town2,vw,other=404", data=GATE),
    POST("/api/v1/tasks", "*=403 anon=401 dept,dept2,town,town2,o_dept=400", data=TASK),
    GET("/api/v1/tasks", "*=200 anon=401"),
    GET("/api/v1/inbox", "*=200 anon=401"),
    POST("/api/v1/inbox/{task_id}/accept", "*=404 anon=401 cw=200", task_id="task"),
    POST("/api/v1/inbox/{task_id}/refuse", "*=404 anon=401 cw=400", task_id="task"),
    POST("/api/v1/inbox/{task_id}/complete", "*=404 anon=401 cw=200", task_id="task", data='{"minutes": 30}'),
    POST("/api/v1/burden/entries", "*=404 anon=401 mzj,zzb,dept,dept2,town,cw=201", data=ENTRY),
    GET("/api/v1/burden/entries", "*=200 anon=401"),
    GET("/api/v1/burden/breaches", "*=200 anon=401"),
    GET("/api/v1/burden/metrics", "*=404 anon=401 mzj,zzb,lg,dept,dept2,sys=200", query="region=$county"),
    GET("/api/v1/supervision/cases", "*=200 anon=401"),
    GET("/api/v1/supervision/cases/{case_id}", "*=404 anon=401 mzj,zzb=200", case_id="case"),
    GET("/api/v1/supervision/cases/{case_id}/history", "*=404 anon=401 mzj,zzb=200", case_id="case"),
    GET("/api/v1/supervision/scoreboard", "*=200 anon=401"),
    POST("/api/v1/reports", "*=201", data=REPORT, public="y"),
    GET("/api/v1/forms", "*=200 anon=401"),
    POST("/api/v1/forms", "*=403 anon=401 dept,dept2,town,town2,o_dept=400", data=NEW_FORM),
    GET("/api/v1/forms/duplicates", "*=200 anon=401"),
    GET("/api/v1/forms/{form_id}/prefill", "*=404 anon=401 mzj,zzb,lg,town,cw=200", form_id="form", query="community=$community"),
    POST("/api/v1/forms/{form_id}/submissions", "*=403 anon=401 cw,vw=400 other=404", form_id="form", data="{}"),
    POST("/api/v1/drafts/scan", "*=200 anon=401", data=SCAN),
    GET("/api/v1/drafts", "*=200 anon=401"),
    POST("/api/v1/drafts", "*=403 anon=401 dept,dept2,town,town2,o_dept=400", data=DRAFT),
    GET("/api/v1/drafts/{draft_id}", "*=404 anon=401 dept,mzj,zzb,lg=200", draft_id="doc"),
    POST("/api/v1/drafts/{draft_id}/decision", "*=404 anon=401 mzj=200 dept,zzb,lg=403", draft_id="doc", data=RETURN),
    POST("/api/v1/drafts/{draft_id}/issue", "*=404 anon=401 dept=400 mzj,zzb,lg=403", draft_id="doc", data="{}"),
    POST("/api/v1/drafts/{draft_id}/withdraw", "*=404 anon=401 dept=200 mzj,zzb,lg=403", draft_id="doc", data="{}"),
    POST("/api/v1/drafts/{draft_id}/report-unreviewed", "*=404 anon=401 mzj,zzb=200 dept,lg=403", draft_id="doc", data='{"reason": "已印发"}'),
    GET("/api/v1/certificates/verdict", "*=200", query="region=$county&q=居住证明", public="y"),
    GET("/api/v1/certificates/register", "*=403 anon=401 mzj,zzb,lg,town,town2,cw,vw,o_mzj=200"),
    POST("/api/v1/certificates/register", "*=403 anon=401 cw,vw=400", data=CERT_IN),
    POST("/api/v1/certificates/register/{cert_id}/reveal", "*=403 anon=401 cw=200 town2,vw,o_mzj=404", cert_id="cert"),
    POST("/api/v1/certificates/refusals", "*=403 anon=401 cw,vw=400", data='{"request": ""}'),
    GET("/api/v1/reports/{tracking_code}", "*=200", tracking_code="tracking_code", public="y"),
    # special campaigns (专项行动)
    GET("campaigns/", "*=403 anon=302 mzj,zzb,lg,town,town2,o_mzj=200"),
    GET("campaigns/new/", "*=403 anon=302 mzj,zzb,lg,o_mzj=200"),
    POST("campaigns/new/", "*=403 anon=302 mzj,zzb,lg,o_mzj=200"),
    GET("campaigns/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town,town2=200 o_mzj=404", pk="campaign"),
    POST("campaigns/<int:pk>/act/<str:action>/", "*=403 anon,mzj,zzb,lg=302 o_mzj=404", pk="campaign", action="campaign_op"),
    POST("campaigns/<int:pk>/stages/<int:stage_pk>/close/", "*=403 anon,mzj,zzb,lg=302 o_mzj=404", pk="campaign", stage_pk="campaign_stage"),
    GET("campaigns/<int:pk>/ledger/", "*=403 anon=302 mzj,zzb,lg,town,town2=200 o_mzj=404", pk="campaign"),
    POST("campaigns/<int:pk>/ledger/add/", "*=403 anon=302 mzj,zzb,lg=200 o_mzj=404", pk="campaign"),
    GET("campaigns/<int:pk>/reports/", "*=403 anon=302 mzj,zzb,lg,town,town2=200 o_mzj=404", pk="campaign"),
    POST("campaigns/<int:pk>/reports/", "*=403 anon=302 town,town2=200 o_mzj=404", pk="campaign"),
    GET("campaigns/items/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town=200 town2,o_mzj=404", pk="ledger_item"),
    POST("campaigns/items/<int:pk>/", "*=403 anon=302 town=200 town2,o_mzj=404", pk="ledger_item"),
    GET("campaigns/items/<int:pk>/files/<int:file_pk>/", "*=404 anon=302 mzj,zzb,lg,town=200", pk="ledger_item", file_pk="ledger_file"),
    GET("campaigns/<int:pk>/inspections/new/", "*=403 anon=302 mzj,zzb,lg=200 o_mzj=404", pk="campaign"),
    POST("campaigns/<int:pk>/inspections/new/", "*=403 anon=302 mzj,zzb,lg=200 o_mzj=404", pk="campaign"),
    GET("campaigns/<int:pk>/findings/", "*=403 anon=302 mzj,zzb,lg,town,town2=200 o_mzj=404", pk="campaign"),
    GET("campaigns/findings/<int:pk>/", "*=403 anon=302 mzj,zzb,lg,town=200 town2,o_mzj=404", pk="finding"),
    POST("campaigns/findings/<int:pk>/", "*=403 anon=302 town=200 town2,o_mzj=404", pk="finding"),
    POST("campaigns/findings/<int:pk>/decide/<str:action>/", "*=403 anon,mzj,zzb,lg=302 town2,o_mzj=404", pk="finding", action="finding_op"),
    GET("campaigns/findings/<int:pk>/files/<int:file_pk>/", "*=404 anon=302 mzj,zzb,lg,town=200", pk="finding", file_pk="finding_file"),
    GET("campaigns/<int:pk>/report/", "*=403 anon=302 mzj,zzb,lg=200 o_mzj=404", pk="campaign"),
    GET("campaigns/<int:pk>/report.xlsx", "*=403 anon=302 mzj,zzb,lg=200 o_mzj=404", pk="campaign"),
    GET("campaigns/<int:pk>/report.pdf", "*=403 anon=302 mzj,zzb,lg=200 o_mzj=404", pk="campaign"),
    GET("/api/v1/campaigns", "*=403 anon=401 mzj,zzb,lg,town,town2,o_mzj=200"),
    GET("/api/v1/campaigns/{campaign_id}/ledger", "*=403 anon=401 mzj,zzb,lg,town,town2=200 o_mzj=404", campaign_id="campaign"),
]
# fmt: on
