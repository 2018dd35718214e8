"""Events, RSVPs and days of action: one Django app (label `events`, one migration history),
in one package per capability.

- the top (`models`, `selectors`, `services`, `views`, `feeds`, `calendar`, `pages`): events
  themselves, as everyone finds them: the list, the map, an event's page, the feeds.
- `rsvps/`: the RSVP engine (seats under the event's row lock, the waiting list), its emails
  (`notices`), the pages behind the emailed links and the section on an event's page.
- `days/`: days of action, and hosting a local event on one from a public form.
- `manage/`: the organisers' tools: create and edit, who is coming, check-in, CSV, messages.

Why this split: each part has its own readers (supporters, hosts, organisers) and its own
rules, and the arrows run one way between them: `days/` and `manage/` build on the core and
on `rsvps/`; the core's services call the RSVP engine when an event changes; within each part,
views → services and selectors → models, and notices are built from models and selectors and
called by services. Each part owns its models (`Rsvp` in `rsvps/models.py`, `DayOfAction` in
`days/models.py`); `models.py` imports them so Django finds them all in the one app.
"""
