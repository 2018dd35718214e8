"""Who may change a dispute: its coordinators are invited through the shared invitation flow
(`organisations.invitations`, role `coordinator`) and taken off here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.core.audit import log_action
from picketline.disputes.models import Dispute


@transaction.atomic
def coordinator_remove(*, dispute: Dispute, user, by) -> None:
    """Takes `user` off the dispute's coordinators.

    The last coordinator cannot leave on their own: the dispute would have nobody to keep its
    page true. They invite someone first, or a moderator takes them off.
    """
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not dispute.coordinators.filter(pk=user.pk).exists():
        raise ValidationError(
            _("%(name)s is not a coordinator of this dispute.") % {"name": user.get_username()}
        )
    if dispute.coordinators.count() == 1 and not is_moderator(by):
        raise ValidationError(
            _(
                "You are this dispute's only coordinator. Invite someone to take over first, "
                "or ask a moderator."
            )
        )
    dispute.coordinators.remove(user)
    log_action(dispute, "dispute.coordinator_removed", user=by, data={"user": user.pk})
