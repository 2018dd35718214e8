"""The RSVP form: an account holder just presses the button; anyone else gives a name and an
email (never shown publicly) and confirms through the emailed link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from picketline.core.forms import HoneypotForm


class RsvpForm(HoneypotForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Shown only to the organisers."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("We send a link to confirm your place. Never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AccountRsvpForm(HoneypotForm):
    """For someone signed in: the name to show the organisers, defaulting to the account's."""

    name = forms.CharField(label=_("Your name"), max_length=100, required=False)
