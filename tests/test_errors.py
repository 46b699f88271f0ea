"""One base for claimlab's errors and one for its warnings, so a caller can catch whatever claimlab refused."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from pathlib import Path

import pytest

import claimlab
from claimlab import ProgressStore, build_quiz, load_glossary, load_timeline
from claimlab.errors import ClaimlabError, ClaimlabWarning, DataError
from claimlab.prelabel import split_article
from claimlab.store import STORE_NAME


def _public_exception_classes() -> dict[str, type]:
    """Every public exception or warning class defined in a claimlab module, by qualified name."""
    found = {}
    for module_info in pkgutil.iter_modules(claimlab.__path__):
        module = importlib.import_module(f"claimlab.{module_info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_public_error_class_is_a_claimlab_error():
    classes = _public_exception_classes()
    # The walk must see the errors the issue named, or it would prove nothing.
    assert {
        "claimlab.errors.DataError",
        "claimlab.errors.StoreHomeError",
        "claimlab.handin.HandInError",
        "claimlab.quiz.QuizError",
        "claimlab.prelabel.ArticleTextError",
        "claimlab.store.StoreVersionError",
        "claimlab.store.StoreWarning",
    } <= set(classes)
    for name, cls in classes.items():
        base = ClaimlabWarning if issubclass(cls, Warning) else ClaimlabError
        assert issubclass(cls, base), f"{name} does not derive from {base.__name__}"


def test_the_bases_are_distinct_from_pythons_own():
    assert ClaimlabError.__bases__ == (Exception,)
    assert ClaimlabWarning.__bases__ == (UserWarning,)
    assert not issubclass(ClaimlabWarning, ClaimlabError)


@pytest.mark.parametrize(
    ("refused", "also"),
    [
        (lambda tmp: load_timeline(tmp / "absent.csv"), ValueError),  # DataError
        (lambda tmp: split_article(""), ValueError),  # ArticleTextError
        (lambda tmp: build_quiz("warmup", mode="exam", notebook="nb", quiz_id="q"), ValueError),  # QuizError
    ],
    ids=["data", "article-text", "quiz"],
)
def test_one_except_catches_what_claimlab_refuses_and_the_old_base_still_does(tmp_path, refused, also):
    with pytest.raises(ClaimlabError) as caught:
        refused(tmp_path)
    assert isinstance(caught.value, also)


def test_a_newer_store_is_a_claimlab_error_and_still_a_runtime_error(tmp_path):
    with sqlite3.connect(tmp_path / STORE_NAME) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(ClaimlabError, match="newer claimlab") as caught:
        ProgressStore(tmp_path)
    assert isinstance(caught.value, RuntimeError) and not isinstance(caught.value, DataError)


def test_a_set_aside_store_is_a_claimlab_warning(tmp_path):
    (tmp_path / STORE_NAME).write_bytes(b"not a database" * 100)
    with pytest.warns(ClaimlabWarning, match="could not be read"):
        ProgressStore(tmp_path)


def test_a_data_error_is_still_caught_as_a_value_error(tmp_path):
    # Code written before ClaimlabError existed catches loaders' errors as ValueError.
    with pytest.raises(ValueError, match="absent.csv") as caught:
        load_timeline(tmp_path / "absent.csv")
    assert type(caught.value) is DataError


def test_error_paths_inside_the_project_are_shown_relative(tmp_path):
    with pytest.raises(DataError) as caught:
        load_timeline(tmp_path / "absent.csv")
    assert str(tmp_path) in str(caught.value)
    with pytest.raises(DataError) as caught:
        load_glossary(Path(__file__).resolve().parent.parent / "data" / "absent.csv")
    assert str(caught.value).startswith("data/absent.csv: ")

