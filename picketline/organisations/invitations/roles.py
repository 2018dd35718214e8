"""What each room's invitations give: a room registers a role when its app is ready, saying
what accepting does, where the invitee goes next, and how the page and the email speak of it.
The invitation flow looks the role up by its key and knows nothing else of the room."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class InvitationRole:
    key: str
    # The dotted "app_label.Model" of what invitations of this role are to.
    model: str
    # The invitation page's title and its button.
    title: str
    accept_label: str
    # Gives `user` the role on `target`; runs inside the acceptance's transaction.
    accept: Callable
    # Where the invitee goes once they have the role.
    destination: Callable
    # Said to the invitee once they have the role.
    welcome: Callable
    # Includes for the invitation page (what the role is, with `target`; with `gone`, only a
    # link to the target's public page) and the email (subject and body).
    page_template: str
    subject_template: str
    email_template: str
    # Audit actions logged on the target: invited, joined, revoked.
    actions: dict = field(default_factory=dict)
    # Raises ValidationError when `target` cannot have this role at all.
    check_target: Callable | None = None
    # Extra context for the email and the page, from the target.
    context: Callable = lambda target: {}


_ROLES: dict[str, InvitationRole] = {}


def role_register(role: InvitationRole) -> None:
    if role.key in _ROLES and _ROLES[role.key].model != role.model:
        raise ImproperlyConfigured(f"Two invitation roles are called {role.key!r}.")
    _ROLES[role.key] = role


def role_get(key: str) -> InvitationRole:
    try:
        return _ROLES[key]
    except KeyError:
        raise ImproperlyConfigured(f"No invitation role is called {key!r}.") from None
