"""Names inside the snippets of pasted web search results are quoted from public pages
(:mod:`hybridllm.classifiers.name_public_web`); the user's own words around them, a record in a
snippet and a clinical text keep a name."""

from __future__ import annotations

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_public_web import in_snippet, web_snippets


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


def _results(snippet: str, query: str) -> str:
    return (
        "Web search results:\n\n"
        f'[1] "{snippet}"\nURL: https://www.example-news.com/a/1\n\n'
        '[2] "The fund reported its results on Monday."\nURL: https://example.org/b\n\n'
        f"Current date: 3/1/2023\n\nQuery: {query}"
    )


def test_names_in_snippets_are_not_flagged() -> None:
    text = _results(
        "Hyunjoo Jin reports that Katherine Burton Hedge and Ken Griffin spoke in New York.",
        "summarize the news",
    )
    assert persons(text) == []


def test_a_name_in_the_query_is_still_found() -> None:
    text = _results("The fund reported its results.", "write an email to Dana Whitfield about it")
    assert any("Dana Whitfield" in p for p in persons(text)), persons(text)


def test_a_record_in_a_snippet_keeps_the_name() -> None:
    text = _results("Contact Dana Whitfield at dana.whitfield@example.com for details.", "who?")
    assert any("Dana Whitfield" in p for p in persons(text)), persons(text)


def test_snippet_spans() -> None:
    text = _results("Alpha beta.", "q")
    spans = web_snippets(text)
    assert [text[a:b] for a, b in spans] == [
        "Alpha beta.",
        "The fund reported its results on Monday.",
    ]
    q = text.index("Query")
    assert not in_snippet(spans, q, q + 5)
    assert web_snippets('[1] "no url after this"\nsome text') == []
