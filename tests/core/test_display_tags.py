import datetime as dt

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe


def _render(source: str, **context) -> str:
    return Template("{% load display_tags %}" + source).render(Context(context))


def test_it_isolates_a_name_in_bdi():
    assert _render("{{ name|bdi }}", name="القاهرة") == "<bdi>القاهرة</bdi>"


def test_it_escapes_what_people_typed_before_isolating_it():
    html = _render("{{ name|bdi }}", name='<script>alert("x")</script> & co')
    assert html == "<bdi>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</bdi>"


def test_it_escapes_inside_a_translated_sentence_too():
    html = _render(
        "{% load i18n %}{% blocktranslate with name=name|bdi %}"
        "Back to {{ name }}{% endblocktranslate %}",
        name="<img src=x onerror=alert(1)>",
    )
    assert html == "Back to <bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>"


def test_it_escapes_with_autoescape_off():
    html = _render("{% autoescape off %}{{ name|bdi }}{% endautoescape %}", name="<b>")
    assert html == "<bdi>&lt;b&gt;</bdi>"


def test_it_does_not_escape_twice_what_is_already_safe():
    assert _render("{{ name|bdi }}", name=mark_safe("<b>x</b>")) == "<bdi><b>x</b></bdi>"


def test_it_adds_nothing_for_an_empty_value():
    assert _render("{{ name|bdi }}", name="") == ""
    assert _render("{{ name|bdi }}", name=None) == ""


def test_it_isolates_each_part_of_a_place():
    html = _render("{{ parts|bdi_join }}", parts=["القاهرة", "", "Egypt", "<x>"])
    assert html == "<bdi>القاهرة</bdi>, <bdi>Egypt</bdi>, <bdi>&lt;x&gt;</bdi>"


def test_a_label_that_asks_a_question_takes_no_colon():
    html = _render("{% labelled label message %}", label="What is it about?", message="Required.")
    assert html == "What is it about? Required."


def test_a_label_takes_a_colon_before_its_message():
    assert _render("{% labelled 'Employer' 'Required.' %}") == "Employer: Required."


def test_an_arabic_question_mark_also_ends_a_label():
    assert _render("{% labelled 'ما الموضوع؟' 'مطلوب.' %}") == "ما الموضوع؟ مطلوب."


def test_the_labelled_message_is_escaped():
    html = _render("{% labelled label message %}", label="<b>", message="<i>")
    assert html == "&lt;b&gt;: &lt;i&gt;"


def test_a_date_range_has_no_space_inside_its_brackets():
    with translation.override("en"):
        one = _render("({% date_range day day %})", day=dt.date(2026, 12, 27))
        two = _render("({% date_range a b %})", a=dt.date(2026, 12, 27), b=dt.date(2026, 12, 28))
    assert one == '(<time datetime="2026-12-27">27 Dec 2026</time>)'
    assert two == (
        '(<time datetime="2026-12-27">27 Dec 2026</time> \u2013 '
        '<time datetime="2026-12-28">28 Dec 2026</time>)'
    )


def test_isolate_puts_plain_text_between_directional_isolates():
    from picketline.core.templatetags.display_tags import isolate

    assert isolate("Leeds") == "\u2068Leeds\u2069"
    assert isolate("") == "" and isolate(None) == ""
    cairo = "\u0627\u0644\u0642\u0627\u0647\u0631\u0629"  # Cairo, in Arabic script
    assert isolate(cairo) == f"\u2068{cairo}\u2069"
