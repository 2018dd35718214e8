"""Forms for signing up to a picket and for what coordinators do with the rota."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from picketline.core.forms import HoneypotForm
from picketline.core.text import plain_text
from picketline.solidarity.pickets.services import MAX_PARTY_SIZE


class SignupForm(HoneypotForm):
    refused_message = _("Your sign-up could not be sent. Please try again later.")

    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_("For the confirmation, a reminder and news about this picket."),
    )
    phone = forms.CharField(
        label=_("Your phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    party_size = forms.IntegerField(
        label=_("How many people are coming, you included"),
        min_value=1,
        max_value=MAX_PARTY_SIZE,
        initial=1,
    )

    def clean_name(self):
        name = plain_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError(self.fields["name"].error_messages["required"], code="required")
        return name

    def clean_phone(self):
        return self.cleaned_data["phone"].strip()

    def clean(self):
        cleaned = super().clean()
        if (
            "email" not in self.errors
            and "phone" not in self.errors
            and not cleaned.get("email")
            and not cleaned.get("phone")
        ):
            self.add_error(
                "email",
                _("Give an email address or a phone number so the strikers can reach you."),
            )
        return cleaned

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "phone", "party_size")}


class PicketMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def clean_subject(self):
        return plain_text(self.cleaned_data["subject"]).replace("\n", " ")


class AttendanceForm(forms.Form):
    people = forms.IntegerField(label=_("People who came"), min_value=0, max_value=100_000)
