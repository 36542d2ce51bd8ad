"""Words of prose written in Greek, Cyrillic or Armenian letters are that language's words, not
names: the English rules (vocabulary, NER, the letters model) know none of them, so a
capitalised sentence start, a code comment or a lower-case phrase of Russian read as unknown,
name-like words. A listed name stays a name in that prose, and a name in those letters inside
English prose is still found.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_foreign import script_word


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # code commented in Russian
        "import os  # Импортируем модуль для работы с файлами\n\n# --- Настройка ---\n"
        "PATH = '/srv/data'  # Путь к папке\n\n# --- Функции ---\ndef run():\n"
        '    """Запускает обработку всех файлов в папке."""\n    pass',
        "void loop() {\n  // Поворот вправо\n  turn(1);\n  // Движение вперед\n  move(2);\n}\n"
        "Этот код управляет роботом, но поворот работает не всегда. Почему?",
        # a request and a table of terms
        "Напиши короткое стихотворение о городе Звенигород",
        "Дано:\nСрок кредита = 60 мес.;\nСтавка кредита = 0,12;\n"
        "Расчетный срок кредита (М) = 60 мес.;\nНайти ежемесячный платеж.",
        # lower case, around code
        "мой скрипт выводит лишнюю строку, как её убрать? например:\nprint(value)",
    ],
)
def test_words_of_prose_in_cyrillic_are_no_names(text: str) -> None:
    assert _persons(text) == []


def test_a_name_in_cyrillic_inside_english_prose_is_still_found() -> None:
    assert "Иван Петров" in " ".join(_persons("Please email Иван Петров about the invoice."))


def test_script_word_needs_prose_of_that_script_around_it() -> None:
    text = "Please email Иван Петров about the invoice."
    assert not script_word(text, 13, 17, "иван")
    prose = "Кредит: срок и ставка по договору"
    assert script_word(prose, 0, 6, "кредит")
    # a listed given name stays a name in its own language's prose
    listed = "Вчера Мария сказала, что отчет уже готов"
    assert not script_word(listed, 6, 11, "мария")
