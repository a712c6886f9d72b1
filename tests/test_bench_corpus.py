"""The benchmark's synthetic course carries every feature the sample course uses, each of
which can be switched off without changing the rest."""

from __future__ import annotations

from pathlib import Path

from benchmarks.course_features import FEATURES, IMAGE
from benchmarks.generate import generate, write_project
from builder.load.project import load_project


def test_every_feature_is_in_the_corpus(tmp_path: Path) -> None:
    project = load_project(write_project(generate(3), tmp_path / "all"))
    assert project.course.languages == ["en", "ru"]
    assert project.glossary is not None and len(project.glossary.terms) >= 40
    assert all(t.term.get("en") and t.term.get("ru") for t in project.glossary.terms)
    assert project.registry is not None and (tmp_path / "all" / IMAGE).is_file()
    for module in project.modules.values():
        assert module.assessment.pre_test and any(s.quiz for s in module.sessions)
        assert project.banks[module.assessment.post_test.bank].lms_only
        assert module.references
        assert f"../{IMAGE}" in module.sessions[0].content.get("en")
        assert module.title.get("ru") and (tmp_path / "all" / "modules"
                                           / f"{module.id}.ru.yaml").is_file()


def test_a_feature_off_leaves_the_rest_as_it_was() -> None:
    full = generate(3)
    for feature in FEATURES:
        less = generate(3, features=frozenset(FEATURES) - {feature})
        assert feature not in less.features
        assert less.modules[0]["summary"] == full.modules[0]["summary"], feature
        if feature != "images":
            assert [s["content"] for s in less.modules[1]["sessions"]] == \
                [s["content"] for s in full.modules[1]["sessions"]], feature
        core = full.modules[2]["id"] + "-bank"
        assert less.banks[core] == full.banks[core], feature
