"""Who is calling the API: a personal API token, or nobody.

Tokens are made on the account page (`/accounts/tokens/`) and sent as a bearer token:

    Authorization: Bearer plt_1a2b3c4d_…

An endpoint only for token holders:

    from picketline.api.auth import token_auth

    @router.post("/things", auth=token_auth)
    def thing_create(request, payload: ThingIn):
        request.auth        # the user the token belongs to (request.user is the same user)

An endpoint open to everyone that does more for token holders:

    from picketline.api.auth import optional_token_auth

    @router.get("/things", auth=optional_token_auth)
    def thing_list(request):
        if request.user.is_authenticated: ...   # a token was sent and is valid
        else: ...                               # anonymous (request.auth is AnonymousUser())

`optional_token_auth` is the pair `(token_auth, anonymous)`: django-ninja tries each callable in
order and the first truthy result wins, so a request without an Authorization header falls
through to `anonymous`. A request *with* an Authorization header that is not a valid token
(unknown, revoked, its owner deactivated, or not a bearer token at all) is refused with 401: a
credential that fails is never quietly treated as no credential.

The session cookie plays no part: a browser signed in to the site is anonymous to the API unless
it sends a token, so no page elsewhere can make a signed-in visitor's browser act through the API.
What a token lets its holder do is decided by each endpoint's own permission checks.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from picketline.accounts.services import api_token_authenticate

HEADER = "Authorization"


class TokenAuth(HttpBearer):
    """Bearer authentication with a personal API token."""

    def __call__(self, request: HttpRequest):
        # Parsed here rather than by HttpBearer, which logs a header it cannot read, and a
        # header with a wrong scheme may still hold a secret.
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _space, token = header.strip().partition(" ")
        user = None
        if scheme.lower() == self.openapi_scheme:
            user = self.authenticate(request, token)
        if user is None:
            raise AuthenticationError(
                message=_(
                    "The API token is not valid: it may have been revoked. Send a current "
                    "token as “Authorization: Bearer plt_…”, or no Authorization header."
                )
            )
        return user

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(raw=token.strip())
        if user is None:
            return None
        request.user = user
        return user


class AnonymousAuth:
    """The fallback of `optional_token_auth`: lets a request without credentials through."""

    def __call__(self, request: HttpRequest):
        if request.headers.get(HEADER):
            return None
        request.user = AnonymousUser()
        return request.user


token_auth = TokenAuth()
anonymous = AnonymousAuth()
optional_token_auth = (token_auth, anonymous)
