"""Small readers shared by the API tests."""

import json

PROBLEM_TYPE = "application/problem+json"


def body(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_TYPE
    document = json.loads(response.content)
    assert document["status"] == status
    assert document["type"].startswith("urn:picketline:problem:")
    assert document["title"]
    assert document["detail"]
    return document


def walk(client, url: str) -> list[dict]:
    """Every item of a paginated list, following `next` links to the end."""
    items, seen_urls = [], set()
    while url:
        assert url not in seen_urls, "a next link pointed back to a page already read"
        seen_urls.add(url)
        page = body(client.get(url))
        items.extend(page["items"])
        url = page["next"]
        assert (url is None) == (page["next_cursor"] is None)
    return items
