"""The signature form (public: the appeal's page and its sign page), and the coordinators'
forms: the appeal itself, a target, the target's reply."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from picketline.appeals.models import DEFAULT_PER_HOUR, AppealMode, EditAllowance
from picketline.core.forms import HoneypotForm
from picketline.places.countries import country_choices


def _countries():
    return [("", _("Choose a country")), *country_choices()]


class SignForm(HoneypotForm):
    refused_message = _("Your signature could not be sent. Please try again later.")

    name = forms.CharField(
        label=_("Your name"),
        help_text=_("The message is sent signed with your name and country."),
        max_length=200,
        error_messages={"required": _("Give your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never published, never sent to the targets: we email you a link to confirm."),
        max_length=254,
        error_messages={"required": _("Give an email address.")},
    )
    country = forms.ChoiceField(
        label=_("Country"),
        help_text=_("Shown in the counts by country."),
        choices=_countries,
        error_messages={"required": _("Choose a country.")},
    )
    paragraph = forms.CharField(
        label=_("Your own paragraph (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def __init__(self, *args, appeal, **kwargs):
        super().__init__(*args, **kwargs)
        self.appeal = appeal
        if appeal.allowance == EditAllowance.PARAGRAPH:
            field = self.fields["paragraph"]
            field.max_length = appeal.paragraph_limit
            field.widget.attrs["maxlength"] = appeal.paragraph_limit
            field.validators.append(MaxLengthValidator(appeal.paragraph_limit))
            field.help_text = _("Up to %(limit)d characters, added to the message.") % {
                "limit": appeal.paragraph_limit
            }
        else:
            del self.fields["paragraph"]

    def sign_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "country": data["country"],
            "paragraph": data.get("paragraph", ""),
        }


class AppealForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Why sign"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    subject = forms.CharField(label=_("Subject of the message"), max_length=200)
    body = forms.CharField(
        label=_("The message"),
        help_text=_("Plain text. Each target gets it with a greeting and the supporter's name."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=AppealMode.choices, initial=AppealMode.SEND)
    allowance = forms.ChoiceField(
        label=_("What supporters may change"),
        choices=EditAllowance.choices,
        initial=EditAllowance.NONE,
    )
    paragraph_limit = forms.IntegerField(
        label=_("Longest paragraph a supporter may add (characters)"),
        min_value=1,
        max_value=4000,
        initial=600,
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    per_hour = forms.IntegerField(
        label=_("Emails to each target per hour, at most"),
        help_text=_("The rest wait for the next hour: a protest, not a flood."),
        min_value=1,
        max_value=3600,
        initial=DEFAULT_PER_HOUR,
    )
    show_targets = forms.BooleanField(
        label=_("Show the targets' names and roles on the page"), required=False
    )


class TargetForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Email"), help_text=_("Never shown to anyone."), max_length=254
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("The target's reply"),
        help_text=_("Published on the appeal's page. Leave empty to take it down."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    replied_on = forms.DateField(
        label=_("Replied on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
