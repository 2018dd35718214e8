"""Optimistic locking: a form carries the version it was opened at; a stale save is refused."""


class EditConflict(Exception):
    """The record changed since it was opened; nothing was written. `message` is for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
