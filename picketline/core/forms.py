"""What forms share: the honeypot every public form carries, choices as filters show them, and
a service's refusal put on the form that called it."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


class TrapInput(forms.TextInput):
    """A text input that is never filled in again: what a robot put there is not echoed."""

    def format_value(self, value):
        return None


class HoneypotForm(forms.Form):
    """A public form that refuses whatever filled in its trap field, saying plainly that it
    could not be sent but not why: a robot learns nothing from it. Templates hide the field
    from people (`.hp-field`); it comes last, after the form's own fields."""

    refused_message = _("This could not be sent. Please try again later.")

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=TrapInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = self.fields.pop(HONEYPOT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise ValidationError(self.refused_message, code="refused")
        return cleaned


@dataclass(frozen=True)
class ChoiceGroup:
    name: str
    label: str
    options: list[tuple[str, str, bool]]  # (value, label, selected)
    errors: list[str]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option[2])


def add_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Puts a service's ValidationError on the form: on the field it names, if the form has
    that field, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
