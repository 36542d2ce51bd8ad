"""Names of web pages quoted with their addresses are the pages' public words
(:mod:`hybridllm.classifiers.name_web_results`, :mod:`hybridllm.classifiers.name_public_web`).

A pasted search result (``[2] "... | by Paulo Pereira | ..."`` and ``URL:`` or ``Source:`` with
the page's address on the next line) quotes a public page: its bylines and sign-offs go. A name
the prompt also gives outside the quotes (its query) is the person the user asks about, a name
with contact details in a snippet is someone's record, and a numbered quote with no address is
no web page: those stay.
"""

from __future__ import annotations

from hybridllm.classifiers import get_classifier

_RESULTS = (
    "Web search results:\n\n"
    '[1] "Jetpack Compose — Auto Complete Search Bar | by Paulo Pereira | ProAndroidDev Write '
    'Sign up Sign In. Paulo Pereira 117 Followers Hello!"\n'
    "URL: https://proandroiddev.com/jetpack-compose-auto-complete-search-bar-853023856f0f\n\n"
    '[2] "You are using the Mail app right ? Kind regards Sidney 1 person found this reply '
    'helpful"\n'
    "Source: https://answers.microsoft.com/en-us/forum/all/where-do-i-find/ea7f9c25\n"
    "Current date: 10/03/2023\n\n"
    "Instructions: Using the provided web search results, write a comprehensive reply to the "
    "given query.\n"
)


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


def test_names_in_quoted_web_results_are_no_findings() -> None:
    text = _RESULTS + "Query: build a places autocomplete in jetpack compose"
    assert _persons(text) == []


def test_a_name_the_query_asks_about_stays() -> None:
    text = _RESULTS + "Query: what has Paulo Pereira written about Compose?"
    assert "Paulo Pereira" in _persons(text)


def test_a_numbered_quote_without_an_address_stays() -> None:
    text = '[1] "Call Paulo Pereira about the invoice tomorrow."\n[2] "Then email the team."'
    assert "Paulo Pereira" in _persons(text)


def test_a_name_with_contact_details_in_a_snippet_stays() -> None:
    text = (
        "Web search results:\n\n"
        '[1] "Paulo Pereira | Android developer | call +1 415 555 0134 or write '
        'paulo.pereira@example.org"\n'
        "URL: https://people.example.org/paulo\n"
        "Query: build a places autocomplete in jetpack compose"
    )
    assert any("Paulo Pereira" in p for p in _persons(text))
