"""Forms for sign-in and user management. They only parse input; actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from .choices import Role
from .models import Org


class LoginForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("用户名"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=gettext_lazy("密码"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=gettext_lazy("原密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password = forms.CharField(
        label=gettext_lazy("新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("至少 10 位，含大写字母、小写字母、数字、符号中的 3 类，不能包含用户名，不能过于常见。"),
    )
    new_password2 = forms.CharField(
        label=gettext_lazy("再次输入新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", "两次输入的新密码不一致。")
        return data


# community → township → county → city → province: an option's full name needs its ancestors
ANCESTRY = "parent__parent__parent__parent"


class FullNameChoiceField(forms.ModelChoiceField):
    """Orgs shown by their full name, with the ancestors fetched in the options' own query (not
    one query per ancestor per option)."""

    @property
    def queryset(self) -> Any:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: Any) -> None:
        # Django's own setter (ModelChoiceField._set_queryset): copy, then refresh the widget choices
        self._queryset = None if queryset is None else queryset.select_related(ANCESTRY).all()
        self.widget.choices = self.choices


class OrgChoiceField(FullNameChoiceField):
    """An org of those the acting user may see, shown with its full name and kind."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}（{obj.get_kind_display()}）"


class UserForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("用户名"), max_length=40)
    full_name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    phone = forms.CharField(label=gettext_lazy("电话"), max_length=20, required=False)
    org = OrgChoiceField(label=gettext_lazy("所属组织"), queryset=Org.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=[("", "请选择"), *Role.choices])
    password = forms.CharField(
        label=gettext_lazy("初始密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("用户首次登录后须修改。至少 10 位。"),
    )

    def __init__(self, *args: Any, orgs: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        org_field = self.fields["org"]
        assert isinstance(org_field, OrgChoiceField)
        org_field.queryset = orgs
        if editing:
            del self.fields["password"]
            self.fields["username"].disabled = True


class OtpCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("验证码"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("手机验证器应用（如微信小程序“腾讯身份验证器”、Google Authenticator）显示的 6 位数字。"),
    )


class AuditFilterForm(forms.Form):
    """Filters of the audit log: period, actor (name or account), event type."""

    start = forms.DateField(
        label=gettext_lazy("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actor = forms.CharField(label=gettext_lazy("操作人"), required=False, max_length=150)
    event_type = forms.ChoiceField(label=gettext_lazy("事件类型"), required=False)

    def __init__(self, *args: Any, event_types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event_type"].choices = [("", gettext_lazy("全部")), *event_types]  # type: ignore[attr-defined]
