"""House rules of the decision core (issue 11): pure (no Django, nothing else of the project,
no clock: time comes in as `now`) and read in an hour (no function longer than 60 lines)."""

import ast
from pathlib import Path

import fairchase.policy

CORE = Path(fairchase.policy.__file__).parent
MODULES = sorted(CORE.glob("*.py"))
LONGEST = 60
CLOCK = {"now", "utcnow", "today", "monotonic", "perf_counter", "time_ns"}


def trees():
    return {path.name: ast.parse(path.read_text()) for path in MODULES}


def test_the_core_imports_neither_django_nor_the_rest_of_the_project():
    assert len(MODULES) > 10
    outside = []
    for name, tree in trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = ["fairchase.<parent>" if node.level > 1 else node.module or ""]
            else:
                continue
            for target in targets:
                if target.startswith("django") or (
                    target.startswith("fairchase") and not target.startswith("fairchase.policy")
                ):
                    outside.append(f"{name}: {target}")
    assert outside == []


def _reads_the_clock(func) -> bool:
    """A call that reads the clock: a method named in CLOCK (now, today, ...) on anything, or
    the time module's own `time` (not the `time` method of a datetime)."""
    if not isinstance(func, ast.Attribute):
        return False
    is_time_module = isinstance(func.value, ast.Name) and func.value.id == "time"
    return func.attr in CLOCK or (func.attr == "time" and is_time_module)


def test_the_core_never_reads_the_clock():
    reads = [
        f"{name}:{node.lineno} {node.func.attr}()"
        for name, tree in trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _reads_the_clock(node.func)
    ]
    assert reads == []


def test_no_function_of_the_core_is_longer_than_60_lines():
    long = {
        f"{name}: {node.name}": node.end_lineno - node.lineno + 1
        for name, tree in trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST
    }
    assert long == {}


def test_every_sentence_a_person_reads_is_built_in_reasons():
    """An f-string with words in it is a sentence: reasons.py writes them all, so the wording
    is read and changed in one module (the words of a date in them, "Tue 8 Dec", "Fri 10:00",
    come from when_words.py beside it)."""
    sentences = [
        f"{name}:{node.lineno}"
        for name, tree in trees().items()
        if name not in ("reasons.py", "when_words.py")
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and any(isinstance(part, ast.Constant) and " " in str(part.value) for part in node.values)
    ]
    assert sentences == []
