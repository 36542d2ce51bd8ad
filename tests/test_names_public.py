"""Public figures, characters and places are no private person's name, except where a private
person is likely (a record, a form, a personal cue, a clinical text).

All texts run through the real classifier (spaCy NER included); the gazetteers are the committed
WordNet lists (``scripts/data/build_public_figures.py``).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_public import public_name


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Write an essay about William Shakespeare's influence on modern drama.",
        "Summarize Don Quixote in three sentences.",
        "Compare the films of Stanley Kubrick. Why is Kubrick so precise?",
        "Explain why Immanuel Kant wrote the Critique. Kant was slow to publish.",
        "Tell me the myth of Persephone in simple words.",
        "What did Pythagoras prove about right triangles?",
        "List three good beaches on Oahu for a family trip.",
        "Languages offered: Slovak Slovenian Spanish Swedish Estonian.",
        "The Belarusian and Hellenistic collections of the museum.",
        "Write a poem in the style of Arthur Conan Doyle about fog.",
        "explain the ideas of wolfgang amadeus mozart to a child",
    ],
)
def test_public_figures_characters_places_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # record-like contexts: contact details, ids, tables, forms, personal cues
        ("Contact William Shakespeare at w.shakes@example.org today.", "William Shakespeare"),
        ("Customer: Stanley Kubrick, phone 415-555-0134, order #88231", "Stanley Kubrick"),
        ("name\tcity\tid\nArthur Conan Doyle\tLeeds\t448812", "Arthur Conan Doyle"),
        ("My neighbour Arthur Conan Doyle keeps parking on our lawn.", "Arthur Conan Doyle"),
        ("Hi, I'm Stanley Kubrick and I need help with my tax return.", "Stanley Kubrick"),
        ("Dear Immanuel Kant, your parcel is ready.", "Immanuel Kant"),
    ],
)
def test_listed_name_in_a_record_like_context_is_still_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_clinical_text_keeps_a_listed_name() -> None:
    text = "Patient Stanley Kubrick, 67 yo, seen today for chest pain. BP 150/90, metformin 500 mg."
    c = get_classifier().classify(text)
    assert any(text[f.start : f.end] == "Stanley Kubrick" for f in c.findings)
    assert "PHI" in c.categories


@pytest.mark.parametrize(
    "text",
    [
        # a frequent given name + surname pair is no public figure, even if one is listed
        "John Smith wrote a book about cars.",
        "George Washington asked for the report by Friday.",
        # a one-word surname with 100+ US bearers needs its full name in the text
        "Ask Kant whether the shipment left.",
        # a name that is no public figure next to one that is
        "Write a sonnet about Maria Okonkwo-Ruiz in the style of William Shakespeare.",
    ],
)
def test_private_names_stay_found(text: str) -> None:
    assert persons(text), text


def test_gazetteer_kinds() -> None:
    assert public_name("William Shakespeare's") == "person"
    assert public_name("President Dwight D. Eisenhower") == "person"
    assert public_name("Kubrick") == "single"
    assert public_name("Rio de Janeiro") == "thing"
    assert public_name("Slovak Slovenian") == "thing"  # every word a people or language
    assert public_name("Hellenistic") == "thing"
    assert public_name("Houston") is None  # also a surname
    assert public_name("John Smith") is None  # a frequent pair, left out when built
    assert public_name("Kant") is None  # 100+ US bearers: not alone
    assert public_name("Jesus") is None  # also a given name


@pytest.mark.parametrize(
    "text",
    [
        # characters of word problems
        "Lenka is 31 years old. She is twice as old as Miro was when Lenka was as old as Miro is"
        " now. How old is Miro?",
        "Odile has 7 pears. Tamsin has 4. Who has more, and by how much?",
        # characters of stories, introduced as such
        "Write a bedtime story about a hamster named Quentin who learns to swim.",
        "write a short poem where the main character is a girl called odalys",
        "Write a story for kids; add a pet camel named roger to the story.",
        # personas given to the model
        "You are now Ottoline, a travel agent. Plan a weekend in Lisbon.",
    ],
)
def test_invented_characters_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the same shapes with a private person: personal cues, contact details, real requests
        ("Write a poem for my daughter Odalys, she turns 4 today.", "Odalys"),
        ("I met a man named Quentin at the bank. How do I find him again?", "Quentin"),
        ("Odile has 3 unpaid invoices, mail odile.v@example.com. How much is due?", "Odile"),
        ("Please ask Tamsin how many chairs we need for 20 guests.", "Tamsin"),
        ("My name is Ottoline, how many days are 3 weeks?", "Ottoline"),
        # a full name is never taken for an invented character
        ("Lenka Horvathova has 12 shares. How many does she sell?", "Lenka Horvathova"),
    ],
)
def test_private_people_in_the_same_shapes_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # a name of a result or a product: eponyms, APIs
        "Explain the difference between the Viterbi algorithm and a hidden Markov model.",
        "Show how Geometric Algebra writes Maxwell's Equations as one equation.",
        "I recently came across the Collatz conjecture. Is it proven?",
        "Use the Unsplash API to fetch a background image.",
        # cited authors
        "As shown by Colan et al. in the trial, the effect was small.",
        "Convert 2,000 Philippine pesos to euros for me.",  # a currency
    ],
)
def test_eponyms_products_and_authors_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The report was written by Maria Lopez yesterday.", "Maria Lopez"),
        ("A 1992 Czech comedy directed by Milena Cadova and starring Cadova.", "Milena Cadova"),
        ('Euphrosyne: "Who are you?"\nEuphrosyne: "The new tenant."', "Euphrosyne"),
        ("Read the paper by my colleague Ivana Horvat and summarise it.", "Ivana Horvat"),
        ("Send the Johnson account summary to Maria Lopez.", "Maria Lopez"),
        ("We should keep Maria Lopez company tonight.", "Maria Lopez"),
    ],
)
def test_private_authors_and_clients_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_a_listed_word_of_a_private_full_name_stays_found() -> None:
    # "Mimir" alone is a listed mythological figure; here it is Mimir Andreasen again.
    assert persons("I recommend Mimir Andreasen. Mimir worked in my lab for two years.") == [
        "Mimir Andreasen",
        "Mimir",
    ]


def test_a_public_figures_name_near_private_people_is_one_of_them() -> None:
    # "Cezanne" alone is a listed painter; here a colleague among the speakers of a stand-up.
    text = (
        "could you brief Cezanne who missed the call:\nIngrid: build is green\nTomek: deploying now"
    )
    assert persons(text) == ["Cezanne", "Ingrid", "Tomek"]


def test_public_figures_without_private_people_near_stay_public() -> None:
    assert persons("Who wrote better essays, Orwell or Tolkien?") == []


@pytest.mark.parametrize(
    "text",
    [
        # an artist or author whose style is imitated
        "Write a short poem about rain in the style of maya angelou.",
        "Describe a football match in the style of Ernest Hemingway.",
        # places and institutions the name rules took whole, works, sites, net worth
        "What is the best time to visit Kaanapali Beach in winter?",
        "How many pandas live at the San Diego Zoo?",
        "Give me a brief history of Ateneo de Manila University.",
        "Design a quidditch league set in the Harry Potter universe.",
        "Compare Grammarly.com and Quillbot.com for academic writing.",
        "What is Keanu Reeves net worth?",
        # an organisation: a capitalised Company, Foundation or Trust after the name
        "Write a V2MOM for the marketing team in an API Saas Company",
        "According to the Ellen Brannigan Foundation, a circular economy is restorative.",
        "The Kowalczyk Trust funds rural libraries; summarise its annual report.",
    ],
)
def test_styles_places_sites_and_net_worth_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My cousin Leila Haddad studies at Boston University.", "Leila Haddad"),
        ("Ask Tomasz Nowak about the style of the report.", "Tomasz Nowak"),
        ("Email Priya Raman, our contact at the museum.", "Priya Raman"),
    ],
)
def test_private_people_beside_institutions_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        # a company referred to as "its"; a one-word name after a determiner at a clause end
        "Quorvex is planning to double its revenue next year. Write a press release.",
        "Long ago the empire was ruled by a people called the Varnathi.",
        # a determiner that starts a two-word run of capitals
        "Summarise The Harvest, a short story, in three lines.",
        # author-year citations
        "Learning is a social process that depends on its group (Thorvaldsen, 2011, p. 12);"
        " see also (Okonkwo and Brandt, 2009).",
        # a programming exercise
        "Bartholomew has N coins of M kinds. Return the number of ways Bartholomew can pay K.",
        # characters of a fiction request, a life as the topic, a tone to imitate
        "Write a story where Quillon finds a map and Mirela follows him into the woods.",
        "Can you summarize the life of Oskar Thorvaldsen in one paragraph?",
        "Rewrite this pitch using the tone of Oskar Thorvaldsen.",
    ],
)
def test_companies_citations_and_exercises_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Unlike the Thorvaldsen novel, this one is short.", "Thorvaldsen"),
        ("Have you been to a Greta Holmqvist concert before?", "Greta Holmqvist"),
        ("Quentin is planning to sell his car. Write the ad.", "Quentin"),
        ("The Lucas B Ormond version was recorded for a label.", "Ormond"),
        # a listed place name after a particle is a surname
        ("van Aken began writing as a teenager, publishing her first story in 2009.", "Aken"),
        ("Write a poem for my sister Mirela, she turns 30.", "Mirela"),
        ('Answer: "Tube Snake Boogie" by Oskar Thorvaldsen - go figure', "Oskar Thorvaldsen"),
    ],
)
def test_private_people_beside_determiners_and_possessives_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Explain Kurt Vonnegut's 'Player Piano' in two paragraphs.",
        "### Current Task\n🍲 Eat Lunch\n### Done",
        "Is a Lump Sum clause in the contract enforceable?",
        "Which lexer builds the Token Tree after Lexical Analyses?",
        "We propose Fine-tune for smaller models.",
        # plurals, and words only a non-US list holds as given names ("Server", "Bot", "Aria")
        "What are React Server Components and when should I use them?",
        "Add a Bot Owner role to the admin page.",
        "Summarize the Aria Rules section of the WAI spec.",
    ],
)
def test_runs_of_everyday_words_are_no_person(text: str) -> None:
    assert persons(text) == [], persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please forward the invoice to Miss Brewer by Friday.", "Brewer"),
        ("The report was signed by Rose Baker last week.", "Rose Baker"),
        ("The report was signed by Grace Fields last week.", "Grace Fields"),
        ("The report was signed by Will Parks last week.", "Will Parks"),
    ],
)
def test_names_of_everyday_words_with_a_title_or_given_name_stay(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("could you pick up Esau from swim class at five?", "Esau"),
        ("Mum yelled for Saxon to come down for dinner.", "Saxon"),
        ("Yesterday I bumped into Esau at the pharmacy.", "Esau"),
    ],
)
def test_a_public_name_met_in_person_stays_a_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text", ["We visited Porto Alegre and Belo Horizonte.", "Is Novo Hamburgo safe for tourists?"]
)
def test_a_city_named_in_two_words_is_no_person(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Pantheon 1.0 (scripts/data/build_pantheon.py): famous after WordNet 3.0 was made
        "Write a limerick about Donald Trump and his hair.",
        "What did Steve Jobs say in his commencement speech?",
        "List the films George Clooney directed.",
        "Why did Jürgen Klopp leave Dortmund for Liverpool?",
    ],
)
def test_public_figures_of_pantheon_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a Pantheon name made of two frequent US names is a private person's as often
        ("Please forward the invoice to Alvin Roth before Friday.", "Alvin Roth"),
        ("Ask José Santos to approve the rota.", "José Santos"),
        # contact details make a famous name a private person's
        ("Customer: Steve Jobs, phone 415-555-0134, order #88231", "Steve Jobs"),
        # a regnal name gives no given name + surname ("Abdullah II of Jordan")
        ("Please forward the invoice to Abdullah Jordan before Friday.", "Abdullah Jordan"),
    ],
)
def test_pantheon_names_that_private_people_bear_stay_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_a_word_a_mention_shows_to_be_a_thing_is_a_thing_at_every_mention() -> None:
    # "the Menti platform" names a product; "Menti web forms" is the same product
    text = (
        "After each pitch, I want audience feedback using the Menti platform. "
        "List questions I can make into Menti web forms."
    )
    assert persons(text) == []


def test_a_given_name_inside_a_things_name_stays_a_persons_elsewhere() -> None:
    # "Sarah Lawrence College" is a thing; Sarah who said something is someone
    text = "I applied to the Sarah Lawrence College. Sarah said the essay was due on Friday."
    assert "Sarah" in persons(text)


def test_a_word_another_mention_puts_before_a_things_noun_names_that_thing() -> None:
    # "the Cauchy distribution" says what "the Cauchy CDF" is
    text = (
        "How does this statement relate to the Cauchy CDF? The Cauchy distribution is "
        "the maximum entropy distribution."
    )
    assert persons(text) == []


def test_a_thing_named_after_someone_leaves_a_private_mention_with_its_cue() -> None:
    text = "Ask Jordan about the Jordan app before Friday; his number is 415-555-0134."
    assert "Jordan" in persons(text)
