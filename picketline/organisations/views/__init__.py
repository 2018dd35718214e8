"""The organisations pages: the public list and pages (`public`), what an organisation's
organisers change (`page`), chapters (`chapters`), and unions' accounts (`accounts`)."""
