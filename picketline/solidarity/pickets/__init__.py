"""Picket sign-ups: signing up to a shift, the coordinators' rota, confirmations, reminders."""
