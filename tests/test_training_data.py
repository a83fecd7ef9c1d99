"""data/training.yml and its check (scripts/content/training_data.py): timings that fit, references
that exist, outside sources registered with a date, every problem at its line and never a traceback."""
from __future__ import annotations

import re
from datetime import date

import pytest

from scripts.content import training_data
from scripts.content.data_yaml import load_yaml_with_lines

DATA = training_data.load()
TEXT = training_data.DATA.read_text(encoding="utf-8")


def _problems(text: str) -> list[tuple[int, str]]:
    data = load_yaml_with_lines(text, "data/training.yml")
    return [(e.line, e.reason) for e in training_data.problems(data, "data/training.yml")]


def _line(needle: str) -> int:
    return TEXT[: TEXT.index(needle)].count("\n") + 1


def test_the_data_file_has_no_problems():
    assert _problems(TEXT) == []


@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_parts_add_up_to_the_plan_and_steps_to_each_part(plan_id):
    plan = DATA["plans"][plan_id]
    assert sum(p["minutes"] for p in plan["parts"]) == plan["minutes"]
    for part in plan["parts"]:
        assert sum(s["minutes"] for s in part["steps"]) == part["minutes"], part["id"]
    assert training_data.schedule(plan)[-1][1] == plan["minutes"]


@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_an_exercise_fits_the_step_that_runs_it(plan_id):
    for part in DATA["plans"][plan_id]["parts"]:
        for step in part["steps"]:
            if step.get("exercise"):
                needed = sum(s["minutes"] for s in DATA["exercises"][step["exercise"]]["steps"])
                assert needed <= step["minutes"], (part["id"], step["exercise"])


def test_the_plans_required_are_there_with_the_evaluation_inside_the_time():
    assert {p: DATA["plans"][p]["minutes"] for p in DATA["plans"]} == {"90": 90, "dagdeel": 240, "team": 30}
    for plan_id in ("90", "dagdeel"):
        steps = [s["nl"] for part in DATA["plans"][plan_id]["parts"] for s in part["steps"]]
        assert any("evaluatieformulier in" in s for s in steps), plan_id  # filled in, not only handed out
        assert any(re.search(r"check-in", s, re.I) for s in steps), plan_id  # after case 3


def test_a_plan_whose_parts_do_not_add_up_is_refused_at_its_minutes():
    text = TEXT.replace("  \"90\":\n    minutes: 90\n", "  \"90\":\n    minutes: 95\n")
    assert (_line('  "90":') + 1, "plan '90': de delen duren samen 90 minuten, het plan 95") in _problems(text)


def test_a_part_whose_steps_do_not_add_up_is_refused():
    text = TEXT.replace("{minutes: 1, nl: Handen omhoog per werkveld.", "{minutes: 2, nl: Handen omhoog per werkveld.")
    assert any("deel 'opening': de stappen duren samen 8 minuten, het deel 7" in r for _, r in _problems(text))


def test_an_exercise_longer_than_its_step_is_refused_at_the_step():
    old = "{minutes: 17, materials: [oefenset], exercise: rollenspel,"
    text = TEXT.replace(old, "{minutes: 15, materials: [oefenset], exercise: rollenspel,").replace(
        "{minutes: 3, nl: \"Nabespreking: elke tafel één tip", "{minutes: 5, nl: \"Nabespreking: elke tafel één tip")
    assert (_line(old), "plan 'dagdeel' deel 'begrijpen': oefening 'rollenspel' duurt 17 minuten, de stap 15") in _problems(text)


@pytest.mark.parametrize("old,new,reason", [
    ('questions: ["2.2"]', 'questions: ["2.9"]', "onbekende vraag '2.9'"),
    ("materials: [casus-grip], nl: \"Vertel", "materials: [flip-over], nl: \"Vertel", "onbekende materiaal 'flip-over'"),
    ("statements: [besluit], nl: Tweede", "statements: [schuld], nl: Tweede", "onbekende stelling 'schuld'"),
    ('"citaat 20"', '"citaat 40"', "onbekende dia 'citaat 40'"),
    ('"figuur plo", nederland]', '"figuur wig", nederland]', "onbekende dia 'figuur wig'"),
    ("talk: [delen, meldcode]\n", "talk: [delen, privacy]\n", "onbekende praatpunten 'privacy'"),
    ("{part: grip, nl: \"Je bespreekt", "{part: rollenspel, nl: \"Je bespreekt", "onbekende deel"),
])
def test_a_name_a_plan_uses_must_exist(old, new, reason):
    assert TEXT.count(old) >= 1, old
    found = _problems(TEXT.replace(old, new, 1))
    assert [line for line, r in found if reason in r] == [_line(old)], found


def test_a_quote_a_question_relies_on_must_be_on_its_case_sheet():
    text = TEXT.replace('needs: ["Laat ons die dwang opleggen"]', 'needs: ["Laat ons die dwang maar opleggen"]')
    assert (_line('needs: ["Laat ons die dwang opleggen"]'),
            "vraag 2.2 steunt op ‘Laat ons die dwang maar opleggen’, maar dat citaat staat niet op "
            "leaflets/nl/training-casus-grip.md") in _problems(text)


def test_an_outside_source_must_be_registered_with_the_date_it_was_read():
    url = "https://www.politie.nl/site/algemeen/privacy.html"
    registered = next(line for line in TEXT.splitlines() if url in line and "read:" in line)
    found = _problems(TEXT.replace(registered + "\n", ""))
    assert any(f"{url} staat niet onder sources:" in r for _, r in found)
    undated = _problems(TEXT.replace(registered, registered.replace(", read: 2026-12-08", "")))
    assert any("read (datum waarop hij gelezen is)" in r for _, r in undated)
    unnamed = _problems(TEXT.replace(registered, re.sub(r'en: "[^"]*"', 'en: ""', registered)))
    assert any("bron name (en): tekst verwacht" in r for _, r in unnamed)


def test_a_registered_source_that_nothing_uses_is_refused():
    extra = '  - {name: {nl: Ongebruikt, en: Unused}, url: "https://example.org/niets", read: 2026-12-08}\n'
    text = TEXT.replace("sources:\n", "sources:\n" + extra, 1)
    assert (_line("sources:\n") + 1, "bron https://example.org/niets wordt nergens gebruikt") in _problems(text)


def test_every_source_was_read_on_or_before_the_day_the_data_names():
    for source in DATA["sources"]:
        assert isinstance(source["read"], date) and source["url"].startswith("https://")


@pytest.mark.parametrize("broken", ["plans:\n  kapot: 3\n", "cases:\n  kapot: [1, 2]\n"])
def test_a_malformed_block_is_a_problem_at_its_line_not_a_traceback(broken):
    key = broken.split(":")[0] + ":\n"
    found = _problems(TEXT.replace(key, broken, 1))
    assert found and all(line > 0 for line, _ in found)
    assert any("verwacht een blok met velden" in r for _, r in found)


@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_question_numbers_are_unique_in_every_plan_and_each_names_one_question(plan_id):
    numbers = training_data.questions(DATA)
    assert len(numbers) == sum(len(c["questions"]) for c in DATA["cases"].values())
    used = [q for part in DATA["plans"][plan_id]["parts"] for q in training_data.part_uses(part, "questions")]
    assert len(used) == len(set(used)) and set(used) <= set(numbers)
    # the number's case is the case whose sheet the plan hands out in that part
    for part in DATA["plans"][plan_id]["parts"]:
        sheets = set(training_data.part_uses(part, "materials"))
        for qid in training_data.part_uses(part, "questions"):
            assert DATA["cases"][numbers[qid][0]]["sheet"] in sheets or any(
                f"casus {qid.split('.')[0]}" == ref for ref in part.get("slides") or []), (plan_id, qid)


def test_print_counts_follow_the_room():
    plan = DATA["plans"]["90"]
    assert training_data.print_count(DATA, "90", "casus-begrijpen") == plan["participants"]
    assert training_data.print_count(DATA, "90", "oefenset") == plan["groups"]
    assert training_data.print_count(DATA, "90", "dia") == 0


@pytest.mark.parametrize("plan_id", list(DATA["plans"]))
def test_each_goal_names_a_part_of_its_plan(plan_id):
    parts = {p["id"] for p in DATA["plans"][plan_id]["parts"]}
    assert DATA["plans"][plan_id]["goals"] and all(g["part"] in parts for g in DATA["plans"][plan_id]["goals"])
    practised = [g["nl"] for g in DATA["plans"][plan_id]["goals"] if "geoefend in" in g["nl"]]
    for goal in practised:  # a goal that claims practice names an exercise the plan runs
        exercise = re.search(r"geoefend in (?:het|de) (\w+)", goal).group(1)
        runs = [s.get("exercise") for p in DATA["plans"][plan_id]["parts"] for s in p["steps"]]
        assert {"rollenspel": "rollenspel", "netwerktekening": "netwerk"}[exercise] in runs, goal
