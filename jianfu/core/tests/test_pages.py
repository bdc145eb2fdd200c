"""core.pages.run_action: an action's refusal becomes a form error, a message, or the 403/404 page."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from jianfu.core.errors import ActionError, Conflict, NotAllowed, NotFound
from jianfu.core.pages import run_action


class TitleForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)


@pytest.fixture
def request_():
    request = RequestFactory().post("/x/", {"title": "为民服务"})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def said(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def refuse(exc):
    def action(*args, **kwargs):
        raise exc

    return action


def test_a_successful_action_gives_its_value_and_shows_nothing(request_):
    done = run_action(request_, lambda a, *, b: a + b, 1, b=2)
    assert done and done.ok and done.value == 3 and done.error is None
    assert said(request_) == []


def test_a_refusal_without_a_form_is_an_error_message(request_):
    done = run_action(request_, refuse(ActionError("已办结的申请不能再上传材料。")))
    assert not done and done.value is None and done.error.message == "已办结的申请不能再上传材料。"
    assert said(request_) == [("error", "已办结的申请不能再上传材料。")]


def test_a_refusal_with_a_form_lands_on_its_field_or_on_top(request_):
    form = TitleForm(request_.POST)
    assert form.is_valid()
    assert not run_action(request_, refuse(ActionError("标题已存在。", field="title")), form=form)
    assert not run_action(request_, refuse(ActionError("请稍后再试。", field="nonexistent")), form=form)
    assert form.errors["title"] == ["标题已存在。"] and form.non_field_errors() == ["请稍后再试。"]
    assert said(request_) == []


def test_every_listed_error_lands_on_its_own_field(request_):
    form = TitleForm(request_.POST)
    form.is_valid()
    errors = [{"field": "title", "message": "标题过长。"}, {"field": "note", "message": "备注过长。"}]
    run_action(request_, refuse(ActionError("有 2 处错误。", errors=errors)), form=form)
    assert form.errors == {"title": ["标题过长。"], "note": ["备注过长。"]}


def test_a_conflict_is_a_message_with_the_current_state_even_on_a_form(request_):
    form = TitleForm(request_.POST)
    form.is_valid()
    text = "当前状态为“已通过”，不能执行此操作，可能已被他人处理，请刷新后重试。"
    done = run_action(request_, refuse(Conflict(text)), form=form)
    assert isinstance(done.error, Conflict) and not form.errors
    assert said(request_) == [("error", text)]


def test_not_allowed_is_the_403_page_and_not_found_the_404_page(request_):
    form = TitleForm(request_.POST)
    form.is_valid()
    with pytest.raises(PermissionDenied):
        run_action(request_, refuse(NotAllowed("只有申请单位可以上传材料。")), form=form)
    with pytest.raises(Http404):
        run_action(request_, refuse(NotFound("未找到该申请。")))
    assert not form.errors and said(request_) == []


def test_on_error_replaces_the_default_display(request_):
    seen = []
    done = run_action(request_, refuse(ActionError("第 3 行：日期不正确。")), on_error=seen.append)
    assert not done and [e.message for e in seen] == ["第 3 行：日期不正确。"] and said(request_) == []


def test_other_exceptions_are_not_swallowed(request_):
    with pytest.raises(ZeroDivisionError):
        run_action(request_, lambda: 1 / 0)
