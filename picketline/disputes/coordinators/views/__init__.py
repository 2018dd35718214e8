"""The coordinators' pages: a dispute's dashboard and people (`disputes`), its parts (`parts`),
unions' accounts (`organisations`) and the page an emailed invitation leads to (`invitations`);
`pages` holds what they share."""
