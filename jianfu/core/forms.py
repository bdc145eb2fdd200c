"""Helpers shared by forms across apps."""

from __future__ import annotations

from django import forms

from .errors import ActionError


def apply_error(form: forms.Form, exc: ActionError) -> None:
    """Show an action's refusal on the form: on its field when the form has it, else on top."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)
