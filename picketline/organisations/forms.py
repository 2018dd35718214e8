"""Forms of the organisations' pages: the public list's filters, the organisers' page of their
organisation and its demands (each with its translations into the interface's languages)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from picketline.organisations.models import Organisation, OrganisationDemand
from picketline.organisations.selectors import GROUP_KINDS


def _languages():
    return settings.LANGUAGES


def clean_country(value: str) -> str:
    code = (value or "").strip().upper()
    if code and (len(code) != 2 or not code.isascii() or not code.isalpha()):
        raise forms.ValidationError(
            _("Use a two-letter country code such as GB or ES, not “%(code)s”."),
            params={"code": code[:20]},
        )
    return code


class OrganisationFilterForm(forms.Form):
    """The list's filters, on the page and in the API."""

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
        return clean_country(self.cleaned_data["country"])


class OrganisationForm(forms.ModelForm):
    """What an organisation's organisers say about it."""

    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For a cross-union committee: the unions and groups that take part in it."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Organisation
        fields = ["kind", "summary", "description", "language", "website", "country", "parent"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8, "dir": "auto"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Organisation.objects.filter(kind__in=GROUP_KINDS).exclude(pk=self.instance.pk)
        self.fields["kind"].choices = [
            (value, label) for value, label in Organisation.Kind.choices if value in GROUP_KINDS
        ]
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the summary and description"), choices=_languages
        )
        self.fields["parent"].queryset = others.order_by("name")
        self.fields["parent"].help_text = _("A union, for a branch; a network, for a group in it.")
        self.fields["member_organisations"].queryset = others.order_by("name")
        self.fields["summary"].widget.attrs["dir"] = "auto"
        if self.instance.pk:
            self.initial["member_organisations"] = list(
                self.instance.member_organisations.values_list("pk", flat=True)
            )

    def clean_country(self):
        return clean_country(self.cleaned_data["country"])

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields}


class DemandForm(forms.Form):
    """One demand as written, and its translations: a field per interface language."""

    text = forms.CharField(
        label=_("The demand"), max_length=500, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    language = forms.ChoiceField(label=_("Written in"), choices=_languages)
    position = forms.IntegerField(
        label=_("Order"), min_value=1, max_value=100, initial=1, help_text=_("1 comes first.")
    )

    def __init__(self, *args, demand: OrganisationDemand | None = None, **kwargs):
        if demand is not None and "initial" not in kwargs:
            initial = {"text": demand.text, "language": demand.language}
            initial["position"] = demand.position
            for translation in demand.translations.all():
                initial[f"text_{translation.language}"] = translation.text
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("In %(language)s") % {"language": name},
                max_length=500,
                required=False,
                help_text=_("A translation; leave empty when there is none."),
                widget=forms.TextInput(attrs={"dir": "auto", "lang": code}),
            )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "language": data["language"],
            "position": data["position"],
            "translations": {code: data[f"text_{code}"] for code, _name in settings.LANGUAGES},
        }
