from django.contrib.auth.models import Group, Permission

from picketline.accounts.roles import Role
from picketline.core.audit import log_action


def user_grant_role(*, user, role: str, by=None) -> None:
    """Adds the user to the role's group. Admins also get the Django admin and its permissions."""
    group, _ = Group.objects.get_or_create(name=role)
    if role == Role.ADMIN:
        if not group.permissions.exists():
            group.permissions.set(Permission.objects.all())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    user.groups.add(group)
    log_action(user, f"user.role_granted.{role}", user=by, data={"role": role})
