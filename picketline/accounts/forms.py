from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from picketline.core.outbox import outbox_send


class QueuedPasswordResetForm(PasswordResetForm):
    """Renders the reset email now and leaves it in the outbox for the task worker.

    The page answers at once even when the mail server is slow or down; the worker retries.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        outbox_send(subject=subject, body=body, to=[to_email], html=html)


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app or, where allowed, a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code.")},
    )


class ConfirmDeviceForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=16,
        strip=True,
        help_text=_("After adding the account, enter the 6-digit code the app shows."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the 6-digit code from your app.")},
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        strip=True,
        help_text=_("What will use this token, so you can tell your tokens apart later."),
        error_messages={
            "required": _("Give the token a name, such as what will use it."),
            "max_length": _("Keep the name under %(limit_value)d characters."),
        },
    )


class SignUpForm(UserCreationForm):
    """A new account for someone who was invited; the email is the one the invitation went to,
    and may be changed."""

    email = forms.EmailField(label=_("Email address"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        strip=True,
        help_text=_("Which device or key holds it, so you can tell your passkeys apart."),
        error_messages={
            "required": _("Give the passkey a name, such as the device that holds it."),
            "max_length": _("Keep the name under %(limit_value)d characters."),
        },
    )


class ErasureForm(forms.Form):
    """Asking to erase one's account: the password, and a code when the account has an
    authenticator app."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        required=False,
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, ask_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_code:
            del self.fields["code"]
        else:
            self.fields["code"].required = True
            self.fields["code"].error_messages["required"] = _("Enter the code.")
