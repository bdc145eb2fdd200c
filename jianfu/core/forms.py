"""Helpers shared by forms across apps."""

from __future__ import annotations

from typing import Any

from django import forms

from .errors import ActionError


def apply_error(form: forms.Form, exc: ActionError) -> None:
    """Show an action's refusal on the form: on its field when the form has it, else on top."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


class PickerWidget(forms.CheckboxSelectMultiple):
    """Choosing many orgs at once (recipients, attendees): checkboxes grouped by township.

    ``group_of`` maps an option's value to its group (the township's name); options without one
    come first. Without JavaScript it is a plain grouped checkbox list; ``static/js/picker.js``
    adds a search box, select-all per group and for all, a count of what is chosen, and groups the
    user saves on this device (常用分组, kept in the browser's storage: they name only options the
    page already offers, so a saved group never widens what a user may choose).
    """

    template_name = "core/widgets/picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, group_of: dict[str, str] | None = None) -> None:
        super().__init__(attrs)
        self.group_of = group_of or {}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        groups: dict[str, list[dict[str, Any]]] = {}
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                groups.setdefault(self.group_of.get(str(option["value"]), ""), []).append(option)
        context["widget"]["groups"] = sorted(groups.items(), key=lambda g: g[0] != "")
        return context
