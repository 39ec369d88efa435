"""Analysis of free-text feedback: sentiment, themes and safeguarding concerns.

No web framework here: text in, typed results out, so the same code serves
the web app, the CLI (`python -m analysis.evaluate`) and a notebook.
"""

from analysis.analyser import ANALYSER_VERSION, analyse
from analysis.result import THEMES, Analysis, Evidence

__all__ = ["ANALYSER_VERSION", "THEMES", "Analysis", "Evidence", "analyse"]
