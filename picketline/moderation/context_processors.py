from functools import cached_property

from picketline.accounts.roles import is_moderator


class ModerationNav:
    """The header's link to the queue. Nothing is asked of the database until a template looks,
    and nothing at all for someone who is not signed in."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def visible(self) -> bool:
        return self.user is not None and self.user.is_authenticated and is_moderator(self.user)

    @cached_property
    def pending(self) -> int:
        from picketline.moderation.selectors import pending_count

        return pending_count() if self.visible else 0


def moderation(request):
    return {"moderation_nav": ModerationNav(getattr(request, "user", None))}
