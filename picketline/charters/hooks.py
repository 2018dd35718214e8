"""What charters register with the rooms below them: the moderation queue's handler for
organisations' endorsements, and the personal data endorsements keep."""


def register() -> None:
    from picketline.charters import own_data
    from picketline.charters.moderation import EndorsementHandler
    from picketline.moderation.registry import moderation_register

    moderation_register(EndorsementHandler())
    own_data.register()
