import xml.etree.ElementTree as ET

from picketline.core.charts import Bar, bar_chart


def test_it_draws_one_bar_per_row_scaled_to_the_largest():
    svg = bar_chart(
        [Bar("France", 30, "30"), Bar("Spain", 15, "15"), Bar("<b>x</b>", 0, "0")],
        title="Messages by country",
    )
    root = ET.fromstring(str(svg))
    ns = "{http://www.w3.org/2000/svg}"
    rects = root.findall(f".//{ns}rect") or root.findall(".//rect")
    widths = [int(rect.get("width")) for rect in rects]
    assert len(widths) == 3
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 1
    assert "<b>" not in str(svg)
    assert "Messages by country" in str(svg)


def test_it_draws_nothing_without_data():
    assert bar_chart([], title="Empty") == ""
