"""The solidarity message form, used by the dispute page and the API alike, and the forms on the
coordinators' message pages."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from picketline.core.forms import HoneypotForm
from picketline.core.i18n import current_language
from picketline.solidarity.messages.models import DigestFrequency, MessageRecipient

MAX_BODY = 2000
MAX_PHOTO_BYTES = 5 * 1024 * 1024

# The fields a message stores from the form.
MESSAGE_FIELDS = (
    "sender_name",
    "organisation_name",
    "country",
    "body",
    "language",
    "sender_email",
    "contact_consent",
)


def _language_choices():
    return settings.LANGUAGES


def clean_country_code(value: str) -> str:
    code = (value or "").strip().upper()
    if code and (len(code) != 2 or not code.isascii() or not code.isalpha()):
        raise ValidationError(
            _("Use a two-letter country code such as GB or ES, not “%(code)s”."),
            code="invalid",
            params={"code": value[:20]},
        )
    return code


class MessageForm(HoneypotForm):
    refused_message = _("Your message could not be sent. Please try again later.")

    sender_name = forms.CharField(
        label=_("Your name"),
        help_text=_("Leave empty to stay anonymous."),
        required=False,
        max_length=100,
    )
    organisation_name = forms.CharField(
        label=_("Union, workplace or organisation"), required=False, max_length=200
    )
    country = forms.CharField(
        label=_("Country"),
        help_text=_("A two-letter country code, such as GB or ES."),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "country"}),
    )
    body = forms.CharField(
        label=_("Your message"),
        help_text=_("At most 2,000 characters."),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        error_messages={"required": _("Write your message to the strikers.")},
    )
    language = forms.ChoiceField(label=_("Language of the message"), choices=_language_choices)
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("Optional: a JPEG, PNG or WebP image of at most 5 MB."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    sender_email = forms.EmailField(
        label=_("Your email"),
        help_text=_("Optional and never published: only the strike committee sees it."),
        required=False,
        max_length=254,
    )
    contact_consent = forms.BooleanField(
        label=_("The strike committee may contact me by email"), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)

    def clean_country(self):
        return clean_country_code(self.cleaned_data["country"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > MAX_PHOTO_BYTES:
            raise ValidationError(_("The photo is too big: send one of at most 5 MB."), "too_big")
        try:
            with Image.open(photo) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("This file is not an image we can read: send a JPEG, PNG or WebP photo."),
                "not_image",
            ) from None
        photo.seek(0)
        return photo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sender_email") and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent",
                ValidationError(
                    _("Tick this box to give your email, or leave the email empty."),
                    code="consent",
                ),
            )
        return cleaned

    def message_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in MESSAGE_FIELDS}
        if not fields["sender_email"]:
            fields["contact_consent"] = False
        return fields


class FrequencyForm(forms.Form):
    """How often one recipient (this coordinator, or the solidarity contact) gets the digest."""

    ME = "me"
    CONTACT = "contact"

    recipient = forms.ChoiceField(
        choices=[(ME, _("Me")), (CONTACT, _("The solidarity contact"))],
        widget=forms.HiddenInput,
    )
    frequency = forms.ChoiceField(label=_("How often"), choices=DigestFrequency.choices)

    @classmethod
    def for_recipient(cls, recipient: MessageRecipient, who: str) -> dict:
        """The form for one recipient's digest, with the label the inbox shows above it."""
        if who == cls.ME:
            label = gettext("Messages to you (%(email)s)")
        else:
            label = gettext("Messages to the solidarity contact (%(email)s)")
        form = cls(
            initial={"recipient": who, "frequency": recipient.frequency},
            auto_id=f"freq-{who}-%s",
        )
        return {"label": label % {"email": recipient.email}, "form": form}

    def saved_message(self, recipient: MessageRecipient) -> str:
        return gettext("Saved: %(email)s gets messages “%(frequency)s”.") % {
            "email": recipient.email,
            "frequency": DigestFrequency(recipient.frequency).label,
        }


class InboxFilterForm(forms.Form):
    STATUS_ALL = ""
    STATUS_PENDING = "pending"
    STATUS_PUBLISHED = "published"

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (STATUS_ALL, _("All")),
            (STATUS_PENDING, _("Waiting for moderators")),
            (STATUS_PUBLISHED, _("Published")),
        ],
    )
    country = forms.CharField(label=_("Country"), required=False, max_length=20)
    q = forms.CharField(label=_("Words"), required=False, max_length=200)

    def clean_country(self):
        return clean_country_code(self.cleaned_data["country"])
