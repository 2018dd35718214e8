"""RSVPs: answering an event, the waiting list, confirming by email, cancelling, check-in and
reminders. `models` (the RSVP) ← `selectors` (reads: tokens, places in line, counts) ←
`notices` (the emails) ← `services` (every change, under the event's row lock) ← `views`."""
