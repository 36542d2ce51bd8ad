"""Lower-case names after a person's cue of another European language
(hybridllm.classifiers.name_cues_abroad): a letter's opening, a title, an agent phrase. Real
classifier."""

from __future__ import annotations

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def test_a_spanish_letter_in_lower_case() -> None:
    found = people(
        'translate to english: "estimado jhosep, le escribo de parte de rony galicia para '
        'confirmar la reunión en huehuetenango."'
    )
    assert {"jhosep", "rony galicia"} <= found


def test_a_title_and_an_agent_phrase() -> None:
    assert "ocampo" in people("la señora ocampo llamó ayer por la tarde")
    assert "jonathan ivan vializ" in people("le escribo en nombre de jonathan ivan vializ hoy")


def test_a_group_greeting_a_close_and_a_verb_are_no_names() -> None:
    assert people("hola amigos, como estan?") == set()
    assert people("querido diario: hoy fue un buen dia") == set()
    assert people("hola mundo en python") == set()
    assert "llamó" not in " ".join(people("la señora ocampo llamó ayer"))
