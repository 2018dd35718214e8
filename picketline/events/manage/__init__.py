"""The organisers' tools: creating and editing an event, who is coming and who is waiting,
the CSV, the check-in sheet and page, and messaging everyone coming. The pages that show the
people coming ask two factors of everyone (`access.py`)."""
