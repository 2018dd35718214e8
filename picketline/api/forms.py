"""Query parameters the API adds to the shared list filters, validated like every other form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from picketline.campaigns.forms import CampaignFilterForm
from picketline.organisations.forms import OrganisationFilterForm

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "CampaignFilterForm",
    "OrganisationFilterForm",
    "PageForm",
    "form_errors",
]

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


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
