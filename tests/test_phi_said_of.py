"""A disease named in general beside a name elsewhere changes no route (issue 14).

Outside a clinical payload a diagnosis or a medication is PHI only when it is said of someone
(a possessive or a verb of having before it) or stands in the sentence of a person-identifying
finding (see ``classifiers/phi_context.py``). Each negative text stands for a class of real
prompts that were routed as PHI: a business case naming a founder and the pandemic, an article
citing psychologists and the conditions a therapy treats, a CV listing "CAD" among its tools.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import classify


@pytest.mark.parametrize(
    "text",
    [
        # a company's founder, and the pandemic in general
        "Airbnb was started in 2008 when Teodora Villanueva rented out her flat to guests.\n\n"
        "Then the spread of COVID-19 stopped most travel, and hosts lost their income.",
        # a CV: a person's name, and a tool whose abbreviation is a condition's
        "Update the CV of Marta Oyelaran for an architecture internship.\n\n"
        "SKILLS\nTechnical: MS office | Adobe | CAD | Rhino | V-ray",
        # an article: the conditions a therapy treats, the people who founded it
        "Write a blog post for our parenting site from these notes. Behaviorism gave rise to a "
        "method that was first used in the treatment of autism. Its pioneers included Ewald "
        "Castellanos, who described the law of effect, and later thinkers who found the "
        "method too rigid for everyday use in schools and homes.",
        # a contraction is no possessive: "there's anxiety" is nobody's
        "Kofi Mensah wrote the post about deadlines. There's anxiety in every team before a "
        "release, and the post says how to lower it.",
    ],
)
def test_a_disease_in_general_beside_a_name_elsewhere_is_no_phi(text: str) -> None:
    c = classify(text)
    assert "PERSON" in {f.entity_type for f in c.findings}
    assert "PHI" not in c.categories, [(f.entity_type, text[f.start : f.end]) for f in c.findings]
    assert not {f.entity_type for f in c.findings} & {"DIAGNOSIS", "MEDICATION"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # said of someone named a sentence earlier
        (
            "Dear Dr. Patel, my son Liam Okafor starts school next week. His asthma gets worse "
            "in spring, so he needs his inhaler at hand.",
            "asthma",
        ),
        ("Teodora Villanueva called again. She was diagnosed with epilepsy last year.", "epilepsy"),
        ("Notes on Rob Kaminski.\n\nRob's ADHD makes long meetings hard for him.", "ADHD"),
        ("Write to Kofi Mensah. Your father has cancer and needs a carer.", "cancer"),
        # in the sentence of a name
        ("Ravi Patel: recurrent UTI, on nitrofurantoin.", "UTI"),
        ("Remind Ewald Castellanos to refill the metformin before Friday.", "metformin"),
    ],
)
def test_a_disease_said_of_someone_or_beside_a_name_stays_phi(text: str, value: str) -> None:
    c = classify(text)
    assert "PHI" in c.categories
    found = [text[f.start : f.end] for f in c.findings if f.category == "PHI"]
    assert any(value in s for s in found), found
