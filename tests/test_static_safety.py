"""Static checks over the code: no user text can reach raw HTML, no icon font from elsewhere,
and the engine stays free of Streamlit."""
import ast

from tests.conftest import ROOT

APP_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "followup").rglob("*.py"))]
RAW_HTML_CALLS = {"html"}  # st.html, components.v1.html


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def test_files_found():
    assert len(APP_FILES) >= 8


def test_no_raw_html_with_non_literal_text():
    problems = []
    for path in APP_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in _calls(tree):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            for kw in call.keywords:
                if kw.arg == "unsafe_allow_html" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    if not all(isinstance(a, ast.Constant) for a in call.args):
                        problems.append(f"{path.name}:{call.lineno} unsafe_allow_html with non-literal text")
            if name in RAW_HTML_CALLS and isinstance(call.func, ast.Attribute):
                if not all(isinstance(a, ast.Constant) for a in call.args):
                    problems.append(f"{path.name}:{call.lineno} raw HTML with non-literal text")
    assert not problems, problems


def test_no_material_icons_fetched_from_elsewhere():
    for path in APP_FILES:
        assert ":material/" not in path.read_text(encoding="utf-8"), path


def test_engine_does_not_import_streamlit():
    for path in sorted((ROOT / "followup").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "streamlit" for a in node.names), path
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "streamlit", path


def test_checker_catches_a_violation(tmp_path):
    """The checker itself can fail: feed it a bad snippet."""
    bad = ast.parse("import streamlit as st\nx='a'\nst.markdown(x, unsafe_allow_html=True)\nst.html(x)\n")
    found = [c for c in _calls(bad) if any(k.arg == "unsafe_allow_html" for k in c.keywords)
             and not all(isinstance(a, ast.Constant) for a in c.args)]
    assert found
