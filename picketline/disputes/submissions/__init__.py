"""Add a strike: the form, where the place is, storing a report, the moderation queue's handler,
publishing or merging it into a dispute, and the reporter's private status page."""
