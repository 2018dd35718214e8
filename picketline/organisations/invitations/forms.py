from django import forms
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send an invitation link to this address. It works once."),
    )

    @staticmethod
    def sent_message(invitation) -> str:
        """What the inviter is told once the invitation is on its way."""
        return gettext_now("An invitation has been sent to %(email)s.") % {
            "email": invitation.email
        }
