"""The analysis works with no NLTK corpora and never tries to download one."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, nltk
def refuse(*args, **kwargs):
    raise SystemExit("the analysis tried to download NLTK data")
setattr(nltk, "download", refuse)  # any attempt to fetch corpora fails the test
from analysis import analyse
results = [analyse(t).to_dict() for t in ("nobody listens to me", "my iro is ace :)", "he hits me", "")]
print(json.dumps(results))
"""


def test_analyse_works_with_an_empty_nltk_data_folder(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {"NLTK_DATA": str(empty), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results[0]["sentiment"] == "negative"
    assert results[1]["themes"] == ["iro"]
    assert results[2]["concern"] == "abuse"
    assert list(empty.iterdir()) == []
