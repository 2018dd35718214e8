"""What the days-of-action part adds to the moderation queue: local events sent by hosts, and
days of action called by people who do not publish directly."""


def register() -> None:
    """Called once from the app's ready(), through `events.hooks.register`."""
    from picketline.events.moderation import DayOfActionHandler, EventHandler
    from picketline.moderation.registry import moderation_register

    moderation_register(EventHandler())
    moderation_register(DayOfActionHandler())
