"""Coordinators keep their dispute true: its fields and parts, the people who coordinate it,
invitations, and unions' accounts (verified by moderators, held by the union's people)."""
