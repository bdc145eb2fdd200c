"""Forms of the burden pages. They only parse input; actions validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from jianfu.catalog.choices import CATEGORY_SHORT, Category
from jianfu.catalog.models import ListItem
from jianfu.catalog.selectors import current_items
from jianfu.core.forms import PickerWidget
from jianfu.orgs.forms import FullNameChoiceField
from jianfu.orgs.models import Org

from . import selectors
from .choices import Kind
from .permissions import conveners_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgChoice(FullNameChoiceField):
    def label_from_instance(self, obj: Org) -> str:
        return obj.full_name if not obj.is_department else obj.name


class ItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ListItem) -> str:
        return f"［{CATEGORY_SHORT.get(Category(obj.category), obj.category)}］{obj.code} {obj.title}"


class CommunityChoices(forms.ModelMultipleChoiceField):
    """Communities shown by their own name only (the form lists those of one jurisdiction)."""

    def label_from_instance(self, obj: Org) -> str:
        return obj.name


class EntryForm(forms.Form):
    """Quick "add what nobody recorded" (补记) form: a few fields, usable on a phone."""

    community = OrgChoice(label=gettext_lazy("社区/村"), queryset=Org.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=Kind.choices)
    source_org = OrgChoice(label=gettext_lazy("来源单位（谁派下来的）"), queryset=Org.objects.none())
    occurred_on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    minutes = forms.IntegerField(
        label=gettext_lazy("用时（分钟）"), help_text=gettext_lazy("本社区为此花费的工作时间合计")
    )
    list_item = ItemChoice(
        label=gettext_lazy("对应清单事项"),
        queryset=ListItem.objects.none(),
        required=False,
        help_text=gettext_lazy("不在清单中的留空"),
    )
    cert_type = forms.CharField(
        label=gettext_lazy("证明类型"), max_length=100, required=False, help_text=gettext_lazy("出具证明时填写")
    )
    is_veto = forms.BooleanField(label=gettext_lazy("考核实行一票否决"), required=False)
    note = forms.CharField(
        label=gettext_lazy("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community, source_org, list_item = self.fields["community"], self.fields["source_org"], self.fields["list_item"]
        assert isinstance(community, OrgChoice)
        assert isinstance(source_org, OrgChoice)
        assert isinstance(list_item, ItemChoice)
        communities = selectors.communities_for(user)
        community.queryset = communities
        if user.org is not None and user.org.is_grassroots:
            community.initial = user.org.pk
            community.empty_label = None
        source_org.queryset = selectors.sources_for_user(user)
        if user.org is not None:
            list_item.queryset = current_items(user.org).exclude(category="negative")
        self.fields["minutes"].widget.attrs.update({"min": 0, "inputmode": "numeric"})


class EventForm(forms.Form):
    """A meeting or an inspection, recorded once for all communities concerned."""

    kind = forms.ChoiceField(
        label=gettext_lazy("类型"), choices=[(Kind.MEETING, "会议"), (Kind.INSPECTION, "检查督查")]
    )
    convener = OrgChoice(label=gettext_lazy("召集/检查单位"), queryset=Org.objects.none())
    title = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    occurred_on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    minutes = forms.IntegerField(label=gettext_lazy("每个社区用时（分钟）"), min_value=None)
    communities = CommunityChoices(
        label=gettext_lazy("参会/受检社区"), queryset=Org.objects.none(), widget=PickerWidget
    )
    reason = forms.CharField(
        label=gettext_lazy("超限理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("登记超出限额时必填：说明为何确需召开/检查。"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        convener, communities = self.fields["convener"], self.fields["communities"]
        assert isinstance(convener, OrgChoice)
        assert isinstance(communities, CommunityChoices)
        conveners = conveners_for(user)
        convener.queryset = Org.objects.filter(pk__in=[o.pk for o in conveners])
        if conveners:
            convener.initial = conveners[0].pk
        rows = selectors.communities_for(user).select_related("parent").order_by("code")
        communities.queryset = rows
        assert isinstance(communities.widget, PickerWidget)
        communities.widget.group_of = {str(o.pk): o.parent.name if o.parent else "" for o in rows}
        self.fields["minutes"].widget.attrs.update({"min": 0})


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))


class RuleForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput())
    limit = forms.IntegerField(label=gettext_lazy("上限"), min_value=0)
