"""The dispute registry, and the two ways people keep it true.

One Django app (label `disputes`): its models, migrations and admin stay together, because
submissions, invitations and organisations are rows of the registry's own schema. Inside it:

- the registry, at the top: models, choices, selectors, services (a dispute and its parts),
  filters, public views and what they display, hooks, feeds/, importing/, duplicates;
- submissions/: "Add a strike", from the form to the moderation queue's handler;
- coordinators/: coordinators and unions' account holders keep a dispute true;
- demo/: demo disputes and people, and synthetic data for load tests.

Arrows point inwards: submissions/, coordinators/ and demo/ build on the registry, and the
registry imports none of them (apps.py only registers the submissions' moderation handler).
"""
