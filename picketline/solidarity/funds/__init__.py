"""Strike funds: the fund, its append-only ledger, pledges and their reminders."""
