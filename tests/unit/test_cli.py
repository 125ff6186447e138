"""python -m kamcore, run as a user would run it."""

import json
import subprocess
import sys

import pytest

from kamcore.methods import selection as sel
from kamcore.tools import TOOLS


def kamcore(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "kamcore", *args], input=stdin, capture_output=True, text=True)


def test_without_arguments_it_lists_the_tools():
    out = kamcore()
    assert out.returncode == 0 and "selection" in out.stdout


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_every_tools_example_piped_into_evaluate_prints_its_result(tool):
    example = kamcore(tool, "example")
    result = kamcore(tool, "evaluate", "-", stdin=example.stdout)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_selection_results_carry_the_reference_numbers():
    result = kamcore("selection", "evaluate", "-", stdin=kamcore("selection", "example").stdout)
    account = json.loads(result.stdout)["accounts"][0]
    assert account["attractiveness"] == pytest.approx(7.4) and account["portfolio"] == "strategic"


def test_competition_results_rank_us_first():
    result = kamcore("competition", "evaluate", "-", stdin=kamcore("competition", "example").stdout)
    assert json.loads(result.stdout)["our_rank"] == 1


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_schema_is_json_schema(tool):
    schema = json.loads(kamcore(tool, "schema").stdout)
    assert schema["type"] == "object" and schema["properties"]


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_every_tool_refuses_invalid_input_with_exit_2(tool):
    out = kamcore(tool, "evaluate", "-", stdin=json.dumps({"q1": "x", "benefits": 3, "accounts": []}))
    assert out.returncode == 2 and out.stderr.strip() and "Traceback" not in out.stderr


def test_evaluate_reads_a_file(tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(sel.example_input(sel.method())), encoding="utf-8")
    assert kamcore("selection", "evaluate", str(path)).returncode == 0


@pytest.mark.parametrize("stdin", ["{not json", json.dumps({"accounts": []}), "[]"])
def test_invalid_input_exits_2_with_the_problems_and_no_traceback(stdin):
    out = kamcore("selection", "evaluate", "-", stdin=stdin)
    assert out.returncode == 2
    assert out.stderr.strip() and "Traceback" not in out.stderr


def test_errors_can_be_explained_in_chinese():
    out = kamcore("--lang", "zh", "selection", "evaluate", "-", stdin=json.dumps({"accounts": []}))
    assert out.returncode == 2 and "缺少必填项" in out.stderr


def test_a_missing_file_exits_2():
    out = kamcore("selection", "evaluate", "/no/such/file.json")
    assert out.returncode == 2 and "Traceback" not in out.stderr
