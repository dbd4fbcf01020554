"""Each loader on small fixtures, including broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from kg_loaders import load_file, load_sources

from kg.errors import DataWarning, LoadError
from kg.model import Document


def _split(items: list[Document | LoadError]) -> tuple[list[Document], list[LoadError]]:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, LoadError)]
    return docs, errors


def test_plain_text_gets_a_content_hash_id_that_is_stable() -> None:
    first = list(load_file(FIXTURES / "article.txt"))
    second = list(load_file(FIXTURES / "article.txt"))
    assert isinstance(first[0], Document)
    assert first[0].id == second[0].id and len(first[0].id) == 16
    assert "market regulator" in first[0].text


def test_markdown_heading_becomes_title() -> None:
    (doc,) = load_file(FIXTURES / "article.md")
    assert isinstance(doc, Document)
    assert doc.title == "Regulators tighten rules on online lending"
    assert not doc.text.startswith("#")


def test_html_article_text_title_and_date() -> None:
    (doc,) = load_file(FIXTURES / "article.html")
    assert isinstance(doc, Document)
    assert "Cyberspace Administration of China summoned" in doc.text
    assert "Home | World" not in doc.text
    assert doc.title == "Watchdog summons ride-hailing firm"
    assert doc.published == "2021-07-05"


def test_json_list_keeps_given_id_else_hashes_url_and_normalises_dates() -> None:
    docs, errors = _split(list(load_file(FIXTURES / "documents.json")))
    assert not errors
    assert docs[0].id == "doc-a" and docs[0].published == "2021-04-10"
    assert docs[1].id != "doc-a" and len(docs[1].id) == 16
    assert docs[1].published == "2021-04-12"


def test_single_json_object_with_timestamp() -> None:
    (doc,) = load_file(FIXTURES / "single.json")
    assert isinstance(doc, Document) and doc.published == "2022-01-01"


def test_jsonl_reports_bad_lines_with_line_numbers_and_keeps_the_rest() -> None:
    docs, errors = _split(list(load_file(FIXTURES / "documents.jsonl")))
    assert [d.id for d in docs] == ["l1", "l3"]
    messages = [str(e) for e in errors]
    assert any("documents.jsonl:2" in m and "malformed JSON" in m for m in messages)
    assert any("documents.jsonl:5" in m and "text" in m for m in messages)


def test_rss_and_atom_entries_become_documents() -> None:
    rss, errors = _split(list(load_file(FIXTURES / "feed.rss")))
    assert not errors and len(rss) == 2
    assert rss[0].url == "https://example.com/meituan" and rss[0].published == "2021-10-08"
    assert rss[0].source == "Reg Watch" and "<p>" not in rss[0].text
    atom, _ = _split(list(load_file(FIXTURES / "feed.atom")))
    assert atom[0].title == "Guidelines issued" and "anti-monopoly guidelines" in atom[0].text


def test_broken_inputs_give_one_line_errors_naming_the_file() -> None:
    cases = {
        "empty.txt": "empty file",
        "bad_encoding.txt": "not valid UTF-8",
        "malformed.json": "malformed JSON",
        "broken.xml": "feed",
        "empty_article.html": "no article text",
    }
    for name, reason in cases.items():
        (error,) = load_file(FIXTURES / name)
        assert isinstance(error, LoadError), name
        assert name in str(error) and reason in str(error) and "\n" not in str(error)


def test_directory_dispatches_by_kind_and_skips_gold_files(tmp_path: Path) -> None:
    (tmp_path / "001.json").write_text('{"id": "001", "text": "SAMR fined Alibaba."}')
    (tmp_path / "001.gold.json").write_text('{"id": "001", "entities": [], "relations": []}')
    (tmp_path / "notes.txt").write_text("The CAC summoned Didi.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    docs, errors = _split(list(load_sources([str(tmp_path)])))
    assert sorted(d.id for d in docs)[0] == "001" and len(docs) == 2
    assert not errors


def test_glob_missing_path_and_unknown_kind(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The CAC summoned Didi.")
    (tmp_path / "b.docx").write_text("x")
    docs, errors = _split(list(load_sources([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt")])))
    assert len(docs) == 1
    assert "no such file" in str(errors[0])
    (error,) = load_file(tmp_path / "b.docx")
    assert isinstance(error, LoadError) and "unknown file kind" in str(error)


def test_unreachable_url_is_a_clear_error() -> None:
    docs, errors = _split(list(load_sources(["http://127.0.0.1:9/article.html"])))
    assert not docs
    assert "could not fetch" in str(errors[0]) and "127.0.0.1" in str(errors[0])


def test_jsonl_line_in_another_encoding_is_one_error_and_the_file_goes_on(tmp_path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = b'{"id": "a", "text": "SAMR fined Alibaba."}\n'
    latin1 = '{"id": "b", "text": "Caf\xe9 owner"}\n'.encode("latin-1")
    path.write_bytes(good + latin1 + good.replace(b'"a"', b'"c"'))
    docs, errors = _split(list(load_file(path)))
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errors) == 1 and "mixed.jsonl:2" in str(errors[0]) and "UTF-8" in str(errors[0])


def test_blank_jsonl_file_is_an_error(tmp_path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    docs, errors = _split(list(load_file(path)))
    assert not docs and len(errors) == 1 and "empty file" in str(errors[0])


def test_published_dates_normalise_to_iso_days() -> None:
    from kg_loaders.common import normalise_date

    assert normalise_date("2019-06") == "2019-06-01"  # a month: its first day
    assert normalise_date("2019-06-17T08:00:00Z") == "2019-06-17"
    assert normalise_date("17 June 2019") == "2019-06-17"
    with pytest.warns(DataWarning, match="feed.xml: published '2019-13' is not a date"):
        assert normalise_date("2019-13", "feed.xml") is None
    with pytest.warns(DataWarning, match="'2019-02-30'"):
        assert normalise_date("2019-02-30", "feed.xml") is None


def test_links_that_loop_or_dangle_are_named_as_such(tmp_path: Path) -> None:
    from kg_loaders import load_sources

    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere" / "x.txt")
    (tmp_path / "fine.txt").write_text("Regulators met on Monday.\n", encoding="utf-8")

    found = list(load_sources([str(tmp_path), str(tmp_path / "loop.txt")]))

    errors = sorted(str(x) for x in found if isinstance(x, LoadError))
    assert errors == [
        f"{tmp_path / 'gone.txt'}: a symbolic link to a file that does not exist",
        f"{tmp_path / 'loop.txt'}: a symbolic link that loops back to itself",
        f"{tmp_path / 'loop.txt'}: a symbolic link that loops back to itself",
    ]
    assert [d.text for d in found if not isinstance(d, LoadError)] == ["Regulators met on Monday."]


def test_a_folder_with_nothing_to_load_is_an_error(tmp_path: Path) -> None:
    from kg_loaders import load_sources

    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (found,) = load_sources([str(tmp_path)])
    assert isinstance(found, LoadError)
    assert str(found).startswith(f"{tmp_path}: no articles here (no file ending in .atom,")


def test_a_malformed_json_line_says_where_on_the_line(tmp_path: Path) -> None:
    from kg_loaders import load_sources

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "fine"}\n{"id": "b", "text": "x",}\n', encoding="utf-8")
    found = list(load_sources([str(path)]))
    assert [str(x) for x in found if isinstance(x, LoadError)] == [
        f"{path}:2:25: malformed JSON line: Expecting property name enclosed in double quotes"
    ]


@pytest.mark.parametrize(
    ("name", "text", "published", "title"),
    [
        (
            "a.md",
            "---\ntitle: Port fees\ndate: 2021-04-10\n---\nThe ministry fined a port.\n",
            "2021-04-10",
            "Port fees",
        ),
        ("b.txt", "April 10, 2021\nThe ministry fined a port.\n", "2021-04-10", None),
        ("c.txt", "Published: 3 Feb 2022\nThe ministry fined a port.\n", "2022-02-03", None),
        ("2022-03-05-ports.txt", "The ministry fined a port.\n", "2022-03-05", None),
        ("20230107.md", "# Ports\nThe ministry fined a port.\n", "2023-01-07", "Ports"),
        ("d.txt", "Shanghai\nThe ministry fined a port.\n", None, None),
    ],
)
def test_text_articles_take_their_date_from_front_matter_a_date_line_or_the_name(
    tmp_path: Path, name: str, text: str, published: str | None, title: str | None
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (doc,) = load_file(tmp_path / name)
    assert (doc.published, doc.title) == (published, title)
    assert doc.text.endswith("The ministry fined a port.")
    assert "2021" not in doc.text and "Published" not in doc.text


def test_a_date_that_is_not_one_is_a_warning_and_the_article_stays(tmp_path: Path, runner) -> None:
    from kg.cli.main import main

    (tmp_path / "e.md").write_text("---\ndate: next week\n---\nThe ministry fined a port.\n")
    with pytest.warns(DataWarning, match=r"e.md: date 'next week' is not a date"):
        (doc,) = load_file(tmp_path / "e.md")
    assert doc.published is None
    lines = tmp_path / "f.jsonl"
    lines.write_text('{"text": "The ministry fined a port.", "published": "2021-02-30"}\n')
    result = runner.invoke(main, ["extract", str(lines), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert f"warning: {lines}:1: published '2021-02-30' is not a date" in result.stderr
