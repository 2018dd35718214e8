"""The endorsement form (public: the charter's page and the endorse page), and the editors'
forms for a version, a translation and its approval."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.charters.models import EndorserKind
from picketline.core.forms import HoneypotForm
from picketline.places.countries import country_choices


def _countries():
    return [("", _("Choose a country")), *country_choices()]


class EndorseForm(HoneypotForm):
    refused_message = _("Your endorsement could not be sent. Please try again later.")

    kind = forms.ChoiceField(
        label=_("I endorse as"),
        choices=[
            (EndorserKind.PERSON, _("A person")),
            (EndorserKind.ORGANISATION, _("An organisation (a union, a group)")),
        ],
        initial=EndorserKind.PERSON,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=100)
    organisation = forms.CharField(
        label=_("The organisation's name"),
        help_text=_("Moderators check it before it is shown."),
        required=False,
        max_length=200,
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "Never published. A person gets a link to confirm; an organisation may "
            "be asked a question by the moderators."
        ),
        max_length=254,
        error_messages={"required": _("Give an email address.")},
    )
    country = forms.ChoiceField(
        label=_("Country"),
        help_text=_("Always shown, in the counts and on the map."),
        choices=_countries,
        error_messages={"required": _("Choose a country.")},
    )
    public = forms.BooleanField(
        label=_("Show my name on the charter's page"),
        help_text=_("Otherwise you are counted without your name."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == EndorserKind.PERSON and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give your name (it is shown only if you tick the box)."))
        if kind == EndorserKind.ORGANISATION and not (cleaned.get("organisation") or "").strip():
            self.add_error("organisation", _("Give the organisation's name."))
        return cleaned

    def endorse_fields(self) -> dict:
        data = self.cleaned_data
        organisation = data["kind"] == EndorserKind.ORGANISATION
        return {
            "kind": data["kind"],
            "name": data["organisation"] if organisation else data["name"],
            "email": data["email"],
            "country": data["country"],
            "show_name": True if organisation else data["public"],
        }


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    published_on = forms.DateField(
        label=_("Published"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    text = forms.CharField(
        label=_("Text"),
        help_text=_("Plain text; leave an empty line between paragraphs."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16, "dir": "auto"}),
    )


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Translated title"), max_length=200)
    text = forms.CharField(
        label=_("Translated text"),
        help_text=_("Saving a changed text makes it a draft again until a reviewer approves it."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["lang"] = language


class ApproveForm(forms.Form):
    reviewer_name = forms.CharField(
        label=_("Reviewer"),
        help_text=_("The name the page credits for checking this translation."),
        max_length=100,
    )
