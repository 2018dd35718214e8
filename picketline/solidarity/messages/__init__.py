"""Messages of solidarity to the strikers: sending, moderation, the inbox and digest delivery."""
