"""Emailed invitations, one flow for every role a person can be invited to: coordinating a
dispute, holding a union's account, organising an event. Each room registers what accepting
its role does (`roles.py`); the link, its token, expiry, sign-up and acceptance are here."""
