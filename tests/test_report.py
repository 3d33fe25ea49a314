import base64

from lstm_toys.report import render

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_strings_from_config_and_results_are_escaped(tmp_path):
    evil = "<script>alert('x')</script>\""
    (tmp_path / "f.png").write_bytes(PNG)
    claims = [{"experiment": evil, "claims": [{"claim": evil, "statement": evil, "measured": 1.0,
                                               "comparison": "<", "threshold": 2.0, "reproduced": True}]}]
    html = render(evil, claims, {evil: {evil: {evil: {evil: 1.0}}}}, {evil: {evil: tmp_path / "f.png"}})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;" in html
    assert html.count("data:image/png;base64,") == 1
