"""The CLI contract: `python scripts/tools/check_quotes.py [--source FILE] [PATH ...]`, exit 0/1/2, summary."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_quotes import CASES

from scripts.tools.check_quotes import main, time_all_quotes

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *args) -> tuple[int, list[str]]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name, markdown, expected", CASES, ids=[c[0] for c in CASES])
def test_cli_reports_each_case(tmp_path, monkeypatch, capsys, name, markdown, expected):
    # Same table as the unit tests: the CLI prints exactly the same `path:line: reason` lines.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "nl").mkdir(parents=True)
    (tmp_path / "docs" / "nl" / "x.md").write_text(markdown, encoding="utf-8")
    code, out = run(capsys, "docs/nl/x.md")
    assert out[:-1] == expected
    assert code == (1 if expected else 0)


def test_summary_counts_every_kind(tmp_path, capsys):
    page = tmp_path / "en" / "p.md"
    page.parent.mkdir()
    page.write_text(
        "> ‘It was puzzle pieces.’\n>\n> Original: ‘Het waren eigenlijk allemaal puzzelstukjes.’\n> — parent 3\n\n"
        "> ‘Ouders hebben hulp nodig.’\n>\n> Original: ‘Ouders hebben hulp nodig.’\n> — Ouders aan het woord\n\n"
        "> Call us.\n> — Veilig Thuis | https://www.veiligthuis.nl\n\n"
        "> ‘Nope.’\n>\n> Original: ‘Het waren puzzelstukjes.’\n> — parent 3\n", encoding="utf-8")
    code, out = run(capsys, tmp_path)
    assert code == 1
    assert out[-1] == ("4 citaten in 1 bestanden: 1 van ouders, 1 uit de rapporttekst, "
                       "1 uit andere bronnen, 1 fout")
    assert out[0].endswith("en/p.md:16: wijkt af van het rapport; dichtstbij: ouder 3, §3.2 "
                           "('Het waren eigenlijk allemaal puzzelstukjes.'): 'eigenlijk allemaal' weggelaten")


def test_folder_without_quotes_passes(tmp_path, capsys):
    (tmp_path / "a.md").write_text("# Niets\n", encoding="utf-8")
    assert run(capsys, tmp_path) == (0, ["0 citaten in 1 bestanden: 0 van ouders, 0 uit de rapporttekst, "
                                         "0 uit andere bronnen, 0 fout"])


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.md")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_missing_source_is_a_usage_error(tmp_path, capsys):
    assert main(["--source", str(tmp_path / "nope.txt"), str(tmp_path)]) == 2
    assert "bronrapport bestaat niet" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["--nope"]) == 2


def test_source_option_reads_that_report(tmp_path, capsys):
    source = tmp_path / "r.txt"
    source.write_text("1. INLEIDING\n\n‘Dit is een heel ander rapport met andere woorden van een ouder.’ (ouder 2)\n",
                      encoding="utf-8")
    page = tmp_path / "p.md"
    page.write_text("> ‘een heel ander rapport’\n> — ouder 2\n", encoding="utf-8")
    assert run(capsys, "--source", source, page)[0] == 0
    assert run(capsys, page)[0] == 1


def test_the_whole_site_as_a_script():
    # Default path docs/, run as writers run it; the real pages must hold (else: fix the page).
    result = subprocess.run([sys.executable, "scripts/tools/check_quotes.py", "--timing"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    summary, timing = result.stdout.splitlines()[-2:]
    assert summary.endswith(" 0 fout")
    assert timing.startswith("tijd: rapport inlezen ")


def test_verifying_every_quote_of_the_site_is_well_under_a_second():
    assert time_all_quotes() < 0.5


def test_unreadable_source_is_a_file_error(tmp_path, capsys):
    source = tmp_path / "r.txt"
    source.write_text("1. INLEIDING\n\nGeen citaat, wel een toeschrijving. (ouder 2)\n", encoding="utf-8")
    assert main(["--source", str(source), str(tmp_path)]) == 2
    assert "no opening quote before (ouder 2)" in capsys.readouterr().err
