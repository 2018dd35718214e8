"""Reading a page as the bidirectional algorithm does: which pieces of text are isolated from
the sentence around them (inside <bdi>, or an element with a `dir` attribute)."""

from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Text a reader never sees in the flow of a sentence.
SKIPPED = {"head", "script", "style", "template", "option", "textarea", "title"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.pieces: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        isolating = tag == "bdi" or any(name == "dir" for name, _ in attrs)
        self.stack.append((tag, isolating))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not data.strip() or any(tag in SKIPPED for tag, _ in self.stack):
            return
        # The page's own <html dir> does not count: it is the sentence's direction.
        isolated = any(isolating for tag, isolating in self.stack if tag != "html")
        self.pieces.append((data, isolated))


def text_pieces(html: str) -> list[tuple[str, bool]]:
    """Every visible run of text on the page and whether it is isolated."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.pieces


def not_isolated(html: str, *values: str) -> list[str]:
    """The values that appear somewhere on the page outside any isolating element (or not at
    all: a value the page does not show cannot pass)."""
    pieces = text_pieces(html)
    missing = []
    for value in values:
        found = [isolated for text, isolated in pieces if value in text]
        if not found or not all(found):
            missing.append(value)
    return missing
