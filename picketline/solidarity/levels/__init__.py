"""The level of solidarity a dispute has reached, and the checks that give its evidence."""
