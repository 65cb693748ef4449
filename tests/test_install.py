"""Works where it is installed: a plain clone with nothing beside it runs the checks that read
shipped files, and a read-only checkout keeps the log in a writable per-user folder and says where."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from followup import workspace
from tests.conftest import ROOT


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True)
    return [f for f in out.stdout.decode().split("\0") if f]


def test_nothing_reads_a_folder_beside_the_repository():
    """The verbatim check once read ../shared/seed; a clone has no such folder."""
    offenders = []
    for name in _tracked_files():
        if not name.endswith((".py", ".sh", ".toml", ".ini")) or name == "tests/test_install.py":
            continue
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        if "ROOT.parent" in text or "/work/shared" in text or '"shared" / "seed"' in text:
            offenders.append(name)
    assert offenders == []
    assert (ROOT / "content" / "source" / "article.txt").is_file()


def test_fresh_clone_with_nothing_beside_it_runs_the_verbatim_check(tmp_path):
    """Clone the committed repository into an empty folder and run the content tests there."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "alone" / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    # The clone holds the committed files; this worktree's uncommitted content is copied over so
    # the test checks the tree under test, not the last commit.
    for name in ("tests/test_content.py", "tests/conftest.py", "content/source/article.txt"):
        if (ROOT / name).exists():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    assert sorted(p.name for p in (tmp_path / "alone").iterdir()) == ["clone"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["FOLLOWUP_REQUIRE_ALL"] = "1"  # a skip counts as a failure
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_content.py"],
                         cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "skipped" not in run.stdout


# --- a read-only checkout --------------------------------------------------------------------
def test_unwritable_data_folder_falls_back_to_the_user_folder(tmp_path):
    blocker = tmp_path / "checkout"
    blocker.write_text("a file where the folder would go")  # mkdir of checkout/data fails
    env = {"FOLLOWUP_DATA_DIR": str(blocker / "data"), "XDG_DATA_HOME": str(tmp_path / "xdg"),
           "HOME": str(tmp_path / "home")}
    folder, notice = workspace.storage_dir(env)
    assert folder == tmp_path / "xdg" / "interview-followup-coach"
    assert str(folder) in notice and "cannot be written" in notice
    kw = workspace.connection_kwargs(env, {})
    assert kw["url"].endswith(str(folder / "followup.sqlite3"))
    assert workspace.storage_notice(env, {}) == notice
    # a configured database needs no folder and no notice
    pg = {"connections": {"followup": {"url": "postgresql+psycopg://u:p@db/followup"}}}
    assert workspace.storage_notice(env, pg) is None


def test_writable_data_folder_is_used_without_a_notice(tmp_path):
    folder, notice = workspace.storage_dir({"FOLLOWUP_DATA_DIR": str(tmp_path / "d")})
    assert (folder, notice) == (tmp_path / "d", None)


def test_user_data_dir_follows_each_os_convention(tmp_path):
    env = {"HOME": "/home/ann"}
    assert workspace.user_data_dir(env, "linux") == Path("/home/ann/.local/share/interview-followup-coach")
    assert workspace.user_data_dir({**env, "XDG_DATA_HOME": "/data/ann"}, "linux") == Path(
        "/data/ann/interview-followup-coach")
    assert workspace.user_data_dir({**env, "XDG_DATA_HOME": "relative"}, "linux") == Path(
        "/home/ann/.local/share/interview-followup-coach")  # the spec ignores a relative path
    assert workspace.user_data_dir(env, "darwin") == Path(
        "/home/ann/Library/Application Support/interview-followup-coach")
    assert workspace.user_data_dir({"LOCALAPPDATA": "C:/Users/ann/AppData/Local"}, "win32") == Path(
        "C:/Users/ann/AppData/Local/interview-followup-coach")


READ_ONLY_SCRIPT = r'''
import sys
sys.path.insert(0, sys.argv[1])
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1] + "/app.py", default_timeout=60).run()
at.switch_page("pages/log/timeline.py").run()
assert not at.exception, at.exception
print("NOTICE:", " | ".join(i.value for i in at.info))
at.text_input(key="tl_add_company").input("Read-only Ltd")
at.button(key="tl_add_submit").click().run()
assert not at.exception, at.exception
print("SUCCESS:", " | ".join(s.value for s in at.success))
'''


def test_read_only_checkout_keeps_the_log_in_the_user_folder(tmp_path):
    """A copy of the app that its user cannot write to (as a host may deploy it): the timeline
    works, stores the log in $XDG_DATA_HOME and says so. Run as an unprivileged user when the
    tests run as root (root writes anywhere)."""
    base = Path(tempfile.mkdtemp(prefix="followup-ro-"))
    try:
        checkout = base / "checkout"
        for name in _tracked_files():
            src = ROOT / name
            if src.is_file() and not name.startswith(("docs/", "tests/")):
                (checkout / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, checkout / name)
        home = base / "home"
        home.mkdir()
        (base / "run.py").write_text(READ_ONLY_SCRIPT)
        for folder in [checkout, *[p for p in checkout.rglob("*") if p.is_dir()]]:
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        base.chmod(0o755)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_DATA_HOME": str(home / "xdg"),
               "PYTHONDONTWRITEBYTECODE": "1"}
        cmd = [sys.executable, str(base / "run.py"), str(checkout)]
        if os.geteuid() == 0:
            os.chown(home, 65534, 65534)
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=base)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        where = home / "xdg" / "interview-followup-coach"
        assert f"kept in {where}" in run.stdout.replace("\\", "")
        assert "Added Read-only Ltd" in run.stdout.replace("\\", "")
        assert (where / "followup.sqlite3").is_file()
        assert not (checkout / "data").exists()
    finally:
        for folder in [p for p in base.rglob("*") if p.is_dir()]:
            folder.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
