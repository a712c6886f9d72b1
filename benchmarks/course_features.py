"""What the sample course uses besides modules and banks, for the synthetic course: a glossary
of 44 terms in English and Russian, the references registry, a session quiz and a pre-test
per module, a post-test from an LMS-only bank, an image, a Russian translation.

Each feature can be switched off (FEATURES) to measure what it costs; every text comes from
a random stream of its own, so the rest of the course is the same with or without it.
"""

from __future__ import annotations

import random
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

FEATURES = ("glossary", "references", "session_quizzes", "pre_tests", "lms_only", "images",
            "languages")
"""The sample course's features, as benchmark switches (all on by default)."""

REGISTRY = Path(__file__).resolve().parents[1] / "instruments.yaml"
"""The sample course's registry of instruments, which the modules cite."""
IMAGE = "media/diagram.png"
CHECK_QUESTIONS = 5
SESSION_QUIZ_DRAW = 3
PRE_DRAW = 5

# Terms that the generated sentences do not otherwise use, each with a Russian term: each
# session mentions TERMS_PER_SESSION of them, with or without the glossary (the text is
# the same), about as often as the sample course's module pages use theirs.
TERMS = [
    ("joint investigation team", "совместная следственная группа"),
    ("spontaneous information", "спонтанная информация"),
    ("speciality rule", "правило конкретности"),
    ("political offence exception", "исключение для политических преступлений"),
    ("ne bis in idem", "запрет повторного осуждения"),
    ("aut dedere aut judicare", "выдай или суди"),
    ("controlled delivery", "контролируемая поставка"),
    ("asset sharing", "раздел активов"),
    ("non-conviction-based confiscation", "конфискация без приговора"),
    ("freezing order", "распоряжение о замораживании"),
    ("beneficial owner", "бенефициарный владелец"),
    ("financial intelligence unit", "подразделение финансовой разведки"),
    ("Egmont Group", "Группа Эгмонт"),
    ("video-link hearing", "допрос по видеосвязи"),
    ("simplified extradition", "упрощённая выдача"),
    ("temporary surrender", "временная выдача"),
    ("re-extradition", "повторная выдача"),
    ("transit request", "запрос о транзите"),
    ("lapse of time", "истечение срока давности"),
    ("chain of custody", "цепочка хранения"),
    ("hash value", "хеш-значение"),
    ("cloud service", "облачный сервис"),
    ("domain name registrar", "регистратор доменных имён"),
    ("IP address", "IP-адрес"),
    ("content data", "данные о содержании"),
    ("expedited disclosure", "ускоренное раскрытие"),
    ("production order", "распоряжение о предъявлении"),
    ("emergency disclosure", "экстренное раскрытие"),
    ("direct cooperation", "прямое сотрудничество"),
    ("mutual recognition", "взаимное признание"),
    ("liaison officer", "офицер связи"),
    ("red notice", "красное уведомление"),
    ("Eurojust", "Евроюст"),
    ("European Judicial Network", "Европейская судебная сеть"),
    ("victim compensation", "компенсация потерпевшим"),
    ("witness anonymity", "анонимность свидетеля"),
    ("protective measures", "меры защиты"),
    ("plea agreement", "соглашение о признании вины"),
    ("confiscation judgment", "решение о конфискации"),
    ("equivalent value", "эквивалентная стоимость"),
    ("proceeds of crime", "доходы от преступлений"),
    ("instrumentalities", "орудия преступления"),
    ("tax offence exception", "исключение для налоговых преступлений"),
    ("letter of request", "письмо-запрос"),
]
TERMS_PER_SESSION = 5
REFERENCES = [("UNTOC", "18"), ("UNTOC", "16"), ("UNCAC", "46")]
RU_WORDS = ["запрос", "государство", "орган", "суд", "данные", "свидетель", "срок", "договор",
            "исполнение", "перевод", "помощь", "решение", "прокурор", "документ", "канал"]


def glossary(seed: int) -> dict[str, Any]:
    """glossary.yaml: every term in both languages, with its definition and a source."""
    from .generate import WORDS

    rng = random.Random(f"{seed}-glossary")
    terms = []
    for k, (en, ru) in enumerate(TERMS):
        terms.append({"id": f"term-{k + 1:02d}", "term": {"en": en, "ru": ru},
                      "definition": {"en": f"The {en} as the treaties use it: "
                                           f"{' '.join(rng.sample(WORDS, 8))}.",
                                     "ru": f"{ru.capitalize()}: {russian(rng, 10)}."},
                      "source": {"en": "UNTOC art. 18", "ru": "КТОП, ст. 18"}})
    return {"terms": terms}


def russian(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(RU_WORDS) for _ in range(words))


def term_sentences(rng: random.Random) -> str:
    """A paragraph of sentences that each use a term."""
    from .generate import CLAUSES, SUBJECTS, VERBS

    return "\n".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} the {rng.choice(TERMS)[0]} "
                     f"{rng.choice(CLAUSES).format(n=rng.randint(2, 46))}."
                     for _ in range(TERMS_PER_SESSION))


def russian_text(rng: random.Random, paragraphs: int) -> str:
    """Cyrillic Markdown, one sentence in four with a Russian term."""
    out = []
    for _ in range(paragraphs):
        lines = [f"{russian(rng, 6).capitalize()}"
                 f"{' ' + rng.choice(TERMS)[1] if rng.random() < 0.25 else ''} "
                 f"{russian(rng, 5)}." for _ in range(rng.randint(3, 5))]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def add_to_module(module: dict[str, Any], index: int, seed: int, features: set[str],
                  question: Any) -> tuple[dict[str, Any], dict[str, Any],
                                          dict[str, dict[str, Any]]]:
    """The module with the features' fields, its Russian overlay ({} without `languages`),
    and the banks they add (by id). `question(text, q, objectives)` writes one question."""
    from .generate import Text

    mid, objectives = module["id"], module["objectives"]
    banks: dict[str, dict[str, Any]] = {}
    core = module["assessment"]["post_test"]["bank"]
    terms = random.Random(f"{seed}-{index}-terms")
    for session in module["sessions"]:  # with or without the glossary: the same text
        session["content"] += "\n" + term_sentences(terms) + "\n"
    if "images" in features:
        session = module["sessions"][0]
        session["content"] += f"\n![A diagram of the channels](../{IMAGE})\n"
    if "session_quizzes" in features:
        bank, text = f"{mid}-check", Text(random.Random(f"{seed}-{index}-check"))
        banks[bank] = {"id": bank, "title": f"{module['title']} - check",
                       "questions": [question(text, q, objectives)
                                     for q in range(CHECK_QUESTIONS)]}
        module["sessions"][1]["quiz"] = {"bank": bank, "draw": SESSION_QUIZ_DRAW}
    if "pre_tests" in features:
        module["assessment"]["pre_test"] = {"bank": core, "draw": PRE_DRAW}
    if "lms_only" in features:
        bank, text = f"{mid}-post", Text(random.Random(f"{seed}-{index}-post"))
        banks[bank] = {"id": bank, "title": f"{module['title']} - post-test", "lms_only": True,
                       "questions": [question(text, q, objectives) for q in range(10)]}
        module["assessment"]["post_test"] = {**module["assessment"]["post_test"],
                                             "bank": bank, "draw": 10}
    if "references" in features:
        module["references"] = [{"instrument": name, "article": article}
                                for name, article in REFERENCES]
    overlay: dict[str, Any] = {}
    if "languages" in features:
        ru = random.Random(f"{seed}-{index}-ru")
        overlay = {"title": f"{russian(ru, 4).capitalize()} ({index + 1})",
                   "summary": russian_text(ru, 1),
                   "sessions": [{"id": s["id"], "title": russian(ru, 5).capitalize(),
                                 "content": f"## {russian(ru, 4).capitalize()}\n\n"
                                            + russian_text(ru, 4)}
                                for s in module["sessions"]]}
    return module, overlay, banks


def write_project_files(root: Path, features: set[str], seed: int) -> None:
    """glossary.yaml, instruments.yaml and the image, for the features that use them."""
    from .generate import dump_yaml

    if "glossary" in features:
        dump_yaml(glossary(seed), root / "glossary.yaml")
    if "references" in features:
        shutil.copyfile(REGISTRY, root / "instruments.yaml")
    if "images" in features:
        write_image(root / IMAGE)


def write_image(path: Path, width: int = 64, height: int = 32) -> None:
    """A small grey PNG (the diagram a session shows)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes([128, 128, 128]) * width for _ in range(height))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                                0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
