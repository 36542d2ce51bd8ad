"""Brands, products, companies, code identifiers and public figures told by their context
(``name_brand.py``): a noun a person's name does not take (``Zelle account``), a model number, a
thing's class noun before it (``a startup called Waze``), a copula (``Skyello is a platform``),
code (``Yii::app()``), a possessive right before it (``on my Mac``); a question about someone
the model knows (``Who is Neil Howe?``), a role of public life (``politician ...``), a published
work (``...'s most famous song``), a full name enumerated beside public figures. Private evidence
still keeps every name.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a noun after the name that a person's name does not take, a model number
        ("How do I log in to my Zelle account from a new phone?", "Zelle"),
        ("Write a year in review for a Sezzle customer that spent $3,958.", "Sezzle"),
        ("How can I get the git branch to show in the Cygwin terminal?", "Cygwin"),
        ("Give me a speech in the voice of orks in Warhammer 40k", "Warhammer"),
        # a thing's class noun before it
        ("Are you familiar with a technology startup called Waze?", "Waze"),
        ("Our company is called Artgäng and we make murals.", "Artgäng"),
        ("How would I create a logging library like Duraflame for Go?", "Duraflame"),
        # a copula, "it"
        ("Do you know Toluna? It is a panel company.", "Toluna"),
        ("Skyello is a platform for drones that allows us to map farms.", "Skyello"),
        # a question for a definition, "it" named so, a program's parts
        ("What is Qbert?", "Qbert"),
        ("Here are the rules of my world. It is called Agoset. Ask me questions.", "Agoset"),
        ("Could you write me a Cassandra data model with a single keyspace?", "Cassandra"),
        # an apposition, a company's figures
        ("You've been hired by Rejuuv, an online massage booking platform, to fix it.", "Rejuuv"),
        ("Summarize Accenture's earnings report from today", "Accenture"),
        # code
        ("if (!$ok) {\n  Yii::app()->end();\n}", "Yii"),
        (
            "Define typeclasses like so: ```typeclass Ord(a) {\n  compare :: a -> a -> Int\n}```",
            "Ord",
        ),
        ("from tensorflow.keras.optimizers import Adam\nimport mlflow", "Adam"),
        # a platform, a program or an era named after it
        ("Collect the answers with the Zorvexa platform and export them weekly.", "Zorvexa"),
        ("Describe the fashion of the Georgian period for a costume drama.", "Georgian"),
        # owned right after a possessive
        ("The trackpad stopped scrolling on my Mac after the last update.", "Mac"),
        ("Introducing our Peer to Peer mentoring circle for small shops.", "Peer"),
    ],
)
def test_a_thing_by_its_context_is_no_person(text: str, name: str) -> None:
    assert name not in persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Who is Neil Howe?", "Neil Howe"),
        ("do you know Leo Lionni?", "Leo Lionni"),
        ("Tell me about Andy Raskin, strategic narrative consultant", "Andy Raskin"),
        ("Write a South Park script about politician Marjorie Taylor Greene", "Marjorie Taylor"),
        ("Namie Amuro's most famous song", "Namie Amuro"),
        ("Describe Uganda under dictator Idi Amin Dada Oumee", "Idi Amin"),
    ],
)
def test_a_public_figure_by_how_the_prompt_speaks_of_them(text: str, name: str) -> None:
    assert not any(name in p for p in persons(text))


def test_names_enumerated_beside_a_brand_go_with_it() -> None:
    text = "Making class fun with the programs called Kahoot and Quizizz helps my students."
    assert persons(text) == []


def test_full_names_enumerated_beside_a_public_figure_go_with_it() -> None:
    text = (
        "Rank the following comedians:\n1) Jerry Seinfeld\n2) Norm McDonald\n3) George Carlin\n"
        "4) Frankie Boyle"
    )
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # contact details near the name still make a record
        ("Send the Zelle account details to Zelle Baker, zelle.baker@example.com", "Zelle Baker"),
        # a name enumerated beside private names only, or beside a public one with a record
        ("Guests: Jerry Seinfeld, Norm McDonald; Norm's phone is 415-555-0134", "Norm McDonald"),
        ("Who is Neil Howe? His phone is 415-555-0134 and he owes me money.", "Neil Howe"),
        # a personal cue before a public-sounding question
        ("My colleague Leo Lionni is late again; do you know why?", "Leo Lionni"),
        # a private person's quote for a press release is no published work
        ("Rewrite Anna van den Bossche's quote for the press release.", "van den Bossche"),
        # a job title before the name, a possessive before the role
        ("Please forward this to our director Maria Kowalczyk.", "Maria Kowalczyk"),
        # a person in apposition, a role that is no class noun
        ("Please ask John Kowalczyk, a friend from the company, to call.", "John Kowalczyk"),
        ("Wanda Hill is the new head of the bank, and she starts Monday.", "Wanda Hill"),
        # a word after the name that is also a verb, an idiom
        ("Every morning Tom Kowalczyk shares a story with the team.", "Tom Kowalczyk"),
        ("Maria Lopez posts every day on Instagram.", "Maria Lopez"),
        ("Ana Kowalczyk accounts for half of our sales.", "Ana Kowalczyk"),
        ("We should keep John Kowalczyk company tonight.", "John Kowalczyk"),
        # a job title after the noun, a service or a vendor before the name
        ("Please loop in Ana Ruiz account manager for the renewal.", "Ana Ruiz"),
        ("Sam Kowalczyk store clerk will help you.", "Sam Kowalczyk"),
        ("Thanks for the great service, Mary Jones!", "Mary Jones"),
        ("Please call our vendor Ana Ruiz tomorrow.", "Ana Ruiz"),
        ("We hired a vendor named Ana Kowalczyk for the catering.", "Ana Kowalczyk"),
        ("Tom Kowalczyk is a home care provider in Leeds.", "Tom Kowalczyk"),
        # a call's arguments are short identifiers, not a note in brackets
        ("Synthetic happiness: 1) Jim Wright(examples) 2) my uncle", "Jim Wright"),
        # "her" is an object as often as a possessive
        ("Alice called and told her Bob was at the depot all night.", "Bob"),
    ],
)
def test_private_evidence_keeps_the_name(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_a_street_with_a_house_number_is_kept_whole() -> None:
    # A number after a place or a street is a house number: the street goes as an address
    # (before the street rules read "Grote Baan 477", it went as a name kept by the number).
    from hybridllm import redact

    out = redact("Meet me at Laura and Grote Baan 477 tomorrow.").text
    assert "Grote" not in out, out
    assert "477" not in out, out


def test_clinical_text_keeps_a_name_asked_about() -> None:
    text = (
        "Who is Neil Howe? Patient Neil Howe, 54, admitted with chest pain; troponin elevated, "
        "started on aspirin and heparin. History of hypertension."
    )
    assert "Neil Howe" in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Why president Zelenskii did not fulfill his promise to end the war?",
        "Could you make me a summary of the biography of the french writer Molière",
    ],
)
def test_a_one_word_name_after_a_public_role_is_no_person(text: str) -> None:
    c = get_classifier().classify(text)
    assert [f for f in c.findings if f.entity_type == "PERSON"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Our president Kowalczyk asked me to send the report.",  # a personal cue
        "The painter Kowalczyk will come on Monday.",  # no role only public figures hold
        "Call writer Kowalczyk at 415-555-0134 today.",  # a record
    ],
)
def test_a_one_word_name_after_a_private_role_is_found(text: str) -> None:
    c = get_classifier().classify(text)
    assert any(text[f.start : f.end] == "Kowalczyk" for f in c.findings)


@pytest.mark.parametrize(
    "text",
    [
        "Firms supply companies such as Walmart, Target, and Kohl’s. Even rivals do.",
        "Try apps like Notion or Menti for this.",
        "brands like Nike, Adidas and Kowalczyk",
    ],
)
def test_later_items_of_an_enumeration_of_things_are_brands(text: str) -> None:
    c = get_classifier().classify(text)
    assert [f for f in c.findings if f.entity_type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I met clients such as Acme, Globex and Sarah Jones yesterday.", "Sarah Jones"),
        ("Our customers such as Dana Whitfield and Ana Ruiz love it.", "Ana Ruiz"),
        ("We sell to stores like Target and Kowalczyk, call 415-555-0134", "Kowalczyk"),
    ],
)
def test_people_enumerated_after_people_nouns_or_with_a_record_are_found(
    text: str, name: str
) -> None:
    c = get_classifier().classify(text)
    assert any(text[f.start : f.end] == name for f in c.findings)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Describe Bangkok as if written by a Thai person with little English.", "Thai"),
        ("as ordinary as a Finn eating pickled herring for breakfast", "Finn"),
        ("Write a meme about being a Pepe enthusiast in the age of LLMs.", "Pepe"),
        ("Put the project scope in a Gannt line chart.", "Gannt"),
    ],
)
def test_a_one_word_name_after_an_indefinite_article_is_no_person(text: str, name: str) -> None:
    assert name not in persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a full name after the article is a person's work
        ("Have you been to a Cody Kowalczyk concert before?", "Cody Kowalczyk"),
        # "A" may be an initial or a sentence's first word
        ("A Kowalczyk called about the invoice.", "Kowalczyk"),
        # "a" is "to" in Spanish, Portuguese, Italian
        ("Por favor envíen sus comentarios a Juan antes de las cinco.", "Juan"),
        # contact details near it still make a record
        ("I met a Kowalczyk at the fair, kowalczyk@example.com, 415-555-0134.", "Kowalczyk"),
    ],
)
def test_a_name_after_an_article_with_a_surname_or_a_record_stays(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
