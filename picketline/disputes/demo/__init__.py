"""Data to try Picketline with: demo disputes (`disputes`) and accounts (`people`) for
`picketline demo`, and synthetic disputes (`seeding`, `words`) for `picketline seed`."""
