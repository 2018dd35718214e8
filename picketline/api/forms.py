"""Query parameters the API adds to the shared list filters, validated like every other form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from picketline.organisations.models import Organisation

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


class PageForm(forms.Form):
    limit = forms.IntegerField(
        label=_("Items per page"),
        help_text=_("From 1 to 100; 25 when left out."),
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
    )
    cursor = forms.CharField(
        label=_("Cursor"),
        help_text=_("Where the page starts: take it from the previous page's “next” link."),
        required=False,
        max_length=500,
    )

    def limit_or_default(self) -> int:
        return self.cleaned_data.get("limit") or DEFAULT_LIMIT


class OrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices, required=False)
    country = forms.CharField(
        label=_("Country"),
        help_text=_("A two-letter country code, such as GB."),
        required=False,
        max_length=20,
    )
    q = forms.CharField(
        label=_("Search"), help_text=_("Words in the name."), required=False, max_length=200
    )

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise forms.ValidationError(
                _("Use a two-letter country code such as GB or ES, not “%(code)s”."),
                params={"code": code},
            )
        return code


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
