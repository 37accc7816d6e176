from pathlib import Path

from graph import schema as S

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_shows_the_schema_as_declared():
    text = README.read_text("utf-8")
    shown = text.split("<!-- schema:begin", 1)[1].split("-->", 1)[1].split("<!-- schema:end -->", 1)[0]
    assert shown.strip() == S.markdown().strip()


def test_readme_names_the_two_commands():
    text = README.read_text("utf-8")
    assert "make demo" in text and "make test" in text
