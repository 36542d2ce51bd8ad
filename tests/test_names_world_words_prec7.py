"""Frequent words of another language, amid that language's words, are no person's name.

Prompts in Spanish, Portuguese, German, Indonesian, Vietnamese or Turkish (or code commented in
them) gave "names" that are that language's everyday words, capitalised at a line or comment
start or read by the lower-case rules (``Altura del edificio``, ``Carregando o conjunto``,
``Der Hintergrund ist``). A listed given name stays a name in that prose, and a word of such a
list that is a name in English prose (``Özdemir``) or in a street (``Kossuth utca``) stays
one.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_world import languages_of, world_run


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Public Class Disparo\n"
            "    Private angulo As Double ' Ángulo de salida en radianes\n"
            "    Private altura As Double ' Altura del edificio en metros\n"
            "    Private escalaX As Double ' Escala en el eje X para ajustar al dibujo\n"
            "End Class",
            ("Ángulo", "Altura", "Escala"),
        ),
        (
            "import pandas as pd\n### Carregando o conjunto de dados de treino ###\n"
            "df = pd.read_csv('treino.csv')",
            ("Carregando",),
        ),
        (
            "Der Hintergrund ist, dass ich mit fastapi einen Endpunkt baue, der die Daten streamt.",
            ("Der Hintergrund", "Hintergrund"),
        ),
        (
            "Pilih kategori yang benar untuk setiap pernyataan. Kategori Benar Salah Nilai x "
            "selalu lebih besar dari 10",
            ("Kategori Benar Salah Nilai", "Nilai"),
        ),
        (
            "tính lợi nhuận của công ty trong năm\n\n3 tỷ đồng\n\nkhông ảnh hưởng\n\n0 tỷ đồng",
            ("không ảnh hưởng",),
        ),
        (
            "un cliente compra botellas y la cantidad de botellas llenas que puede obtener "
            "de\nesta promoción es\nA. 6\nB. 7",
            ("esta promoción es",),
        ),
    ],
)
def test_words_of_another_language_in_its_prose_are_no_names(
    text: str, words: tuple[str, ...]
) -> None:
    persons = _persons(text)
    assert not [p for p in persons if p in words], persons


def test_listed_given_names_stay_names_in_that_prose() -> None:
    text = "Lauri ja Maija menivät illalla baariin, ja Maija kysyi kaikilta saman kysymyksen."
    persons = _persons(text)
    assert any("Lauri" in p for p in persons), persons
    assert any("Maija" in p for p in persons), persons


def test_a_word_of_a_list_is_a_name_in_english_prose() -> None:
    assert languages_of("özdemir")  # Turkish text names him often: the list holds it
    text = "Please send the quarterly report to Özdemir before Friday, he needs it."
    start = text.index("Özdemir")
    assert not world_run(text, start, start + 7, "özdemir")
    assert "Özdemir" in _persons(text)


def test_one_word_of_that_language_beside_it_is_not_enough() -> None:
    # A street named after a person: "utca" (street) alone does not make Kossuth a word.
    text = "Andrea Fekete\n223. Kossuth utca\nBaja"
    start = text.index("Kossuth")
    assert not world_run(text, start, start + 7, "kossuth")


def test_the_language_must_be_the_findings_own() -> None:
    # "karp" is no German word: a character of a German story keeps his name.
    text = "schreibe die Geschichte weiter: Karp und Mera überzeugen den alten Schmied."
    start = text.index("Karp")
    assert not world_run(text, start, start + 4, "karp")
    start = text.index("Geschichte")
    assert world_run(text, start, start + 10, "geschichte")


def test_the_list_knows_no_frequent_english_word() -> None:
    # Web text of every language quotes English: those words are left out of the lists.
    for word in ("the", "good", "information", "process"):
        assert not languages_of(word), word
    for word in ("mikä", "habe", "összesen"):
        assert languages_of(word), word


def test_words_beside_a_name_are_that_languages_words_too() -> None:
    # The words the rules add beside a found name ("gegen", "brauchen") are German prose.
    text = (
        "schreibe die Geschichte weiter: Karp und Mera überzeugen den Oger, dass sie den alten "
        "Hammer zur Verteidigung gegen die Orks brauchen."
    )
    persons = _persons(text)
    assert "Mera" in persons
    assert not {"gegen", "brauchen", "Verteidigung"} & set(persons), persons


def test_one_lookup_gives_every_language_of_a_word() -> None:
    """The merged table answers as the per-language lists do: each word of a list has that
    list's bit, and a word of no list has none (checked on every 50th word of each list)."""
    from importlib import resources

    data = resources.files("hybridllm.classifiers").joinpath("data", "world_words.txt")
    sections = [s.split() for s in data.read_bytes().split(b"@")[1:]]
    members = [frozenset(words[1:]) for words in sections]
    for bit, words in enumerate(sections):
        for word in words[1::50]:
            mask = languages_of(word.decode())
            assert mask >> bit & 1, (words[0], word)
            # no bit of a list that does not hold the word (a checksum shared by two words of
            # different lists, about once in 500,000, would show here)
            for other, held in enumerate(members):
                if mask >> other & 1:
                    assert word in held, (word, sections[other][0])
    assert languages_of("qzxvkwj") == 0
