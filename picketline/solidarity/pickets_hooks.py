"""What the pickets part adds to dispute pages and the moderation queue."""


def register() -> None:
    """Called once from the app's ready()."""
