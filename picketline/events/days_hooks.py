"""Placeholder until this part lands."""


def register() -> None:
    return None
