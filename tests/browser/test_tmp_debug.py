import pytest
from tests.browser.conftest import PHONE
pytestmark = pytest.mark.browser

def test_debug(open_page, strike_wave):
    tab = open_page(viewport=PHONE)
    tab.goto("/disputes/")
    page = tab.page
    page.evaluate("fetch('/disputes/').then(r => r.text()).then(t => { window.T = t; })")
    page.wait_for_timeout(500)
    print("A", len(tab.errors))
    page.evaluate("Document.parseHTMLUnsafe(window.T)")
    print("after parseHTMLUnsafe", len(tab.errors))
    page.evaluate("new DOMParser().parseFromString(window.T, 'text/html')")
    print("after DOMParser", len(tab.errors))
    page.evaluate("Document.parseHTMLUnsafe('<p>hi</p>')")
    print("after trivial", len(tab.errors))
    page.evaluate("Document.parseHTMLUnsafe('<html><head><meta name=\"x\" content=\"y\"></head><body><select><option>a</option></select></body></html>')")
    print("after select", len(tab.errors))
    page.evaluate("Document.parseHTMLUnsafe('<body><input type=checkbox></body>')")
    print("after checkbox", len(tab.errors))
    page.evaluate("Document.parseHTMLUnsafe('<body><details><summary>x</summary></details></body>')")
    print("after details", len(tab.errors))
