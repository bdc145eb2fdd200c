"""The notification settings form (the user's own)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from .choices import Channel, Kind


class PreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("哪些通知也发到站外"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("站内通知（右上角铃铛）始终接收全部通知。"),
    )
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("发送渠道"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
