"""The invitation roles of this room: holding an organisation's account (its organisers), and
organising one of its chapters. Both see other people's addresses (each other's, invitees',
people asking for a chapter), so they need two factors."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts.two_factor import personal_data_holder_register
from picketline.organisations.invitations.roles import InvitationRole, role_register

ACCOUNT_HOLDER = "account-holder"


def _check_target(organisation) -> None:
    if organisation.kind == organisation.Kind.EMPLOYER:
        raise ValidationError(_("An employer's page has no account holders."))


def _accept(organisation, user) -> None:
    organisation.coordinators.add(user)


def _welcome(organisation) -> str:
    return _("You now hold the account of %(name)s.") % {"name": organisation.name}


def register_account_holder_role() -> None:
    role_register(
        InvitationRole(
            key=ACCOUNT_HOLDER,
            model="organisations.Organisation",
            title=gettext_lazy("Invitation to hold an organisation's account"),
            accept_label=gettext_lazy("Accept the invitation"),
            accept=_accept,
            destination=lambda organisation: organisation.get_manage_url(),
            welcome=_welcome,
            page_template="organisations/invitation_role.html",
            subject_template="organisations/invitation_subject.txt",
            email_template="organisations/invitation_email.txt",
            actions={
                "invited": "organisation.account_holder_invited",
                "joined": "organisation.account_holder_joined",
                "revoked": "organisation.invitation_revoked",
            },
            check_target=_check_target,
            context=lambda organisation: {"organisation": organisation},
        )
    )
    personal_data_holder_register(
        "account-holders", lambda user: user.coordinated_organisations.exists()
    )
