"""A voter's private link: a token made from the voter's stored nonce and the secret key, so
the invitation and every reminder carry the same link, and the database alone cannot make it.
Only the token's hash is stored to find the voter; both are cleared when the ballot closes."""

from picketline.core.tokens import keyed_token

TOKEN_PURPOSE = "ballot-vote"


def voter_token(voter) -> str:
    return keyed_token(TOKEN_PURPOSE, voter.token_nonce)
