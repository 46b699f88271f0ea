"""The codebook: dimensions, labels and confusion feedback, loaded from ``data/codebook/``.

It is a small typed object rather than a table because quiz code asks it questions ("which labels
does this dimension have?", "what should a learner who chose A instead of B read?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import paths
from .errors import DataError
from .tables import Row, read_rows, split_list

DIMENSION_COLUMNS = ("dimension", "order", "name", "question", "definition")
LABEL_COLUMNS = (
    "dimension",
    "label",
    "order",
    "name",
    "definition",
    "decision_rule",
    "example",
    "near_miss",
    "near_miss_label",
    "near_miss_why",
)
CONFUSION_COLUMNS = ("dimension", "chosen", "correct", "feedback")
PARTY_COLUMNS = ("label", "name", "definition", "aliases")
CHECK_RULE_COLUMNS = ("rule", "order", "label", "name", "rule_text", "example")
CHECK_RULES_FILE = "check_worthy_rules.csv"

#: The dimension whose labels a quiz bank may refine into named parties.
PARTY_DIMENSION = "source"
#: Party labels are written KIND:PARTY, such as GOVERNMENT:CHINA or GOVERNMENT:CITY_COUNCIL.
PARTY_SEPARATOR = ":"
#: Labels that name a voice of their own and cannot be split into parties.
UNSPLIT_KINDS = ("OUTLET",)

#: Source labels of version 1 of the codebook (drawn for the seed article only) and what they
#: are now. "Experts and others" was split into EXPERT_ORG and PUBLIC_OTHER; the article's key
#: credits no sentence to either, so reading an old EXPERT_OTHER as EXPERT_ORG never changes a
#: score. Exports and progress stores written before the change are read through this table.
V1_SOURCE_LABELS = {"CHINA_GOV": "GOVERNMENT:CHINA", "US_GOV": "GOVERNMENT:US", "EXPERT_OTHER": "EXPERT_ORG"}


def upgrade_label(dimension: str, code: str) -> str:
    """A label as the current codebook writes it: version-1 source labels are renamed, others kept."""
    if dimension == PARTY_DIMENSION:
        return V1_SOURCE_LABELS.get(code, code)
    return code

#: The dimensions the article's sentence table is annotated on, in quiz order.
REQUIRED_DIMENSIONS = ("statement_type", "source", "check_worthy")


@dataclass(frozen=True)
class Label:
    dimension: str
    code: str
    name: str
    definition: str
    decision_rule: str
    example: str
    near_miss: str
    near_miss_label: str
    near_miss_why: str
    #: The codebook label this one refines; for a party such as GOVERNMENT:CHINA, GOVERNMENT.
    kind: str = ""

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", self.code)

    @property
    def is_party(self) -> bool:
        return self.kind != self.code


@dataclass(frozen=True)
class CheckRule:
    """One row of the check-worthiness rules (CW1...), applied in order: the first that fits decides."""

    code: str
    order: int
    label: str
    name: str
    text: str
    example: str


@dataclass(frozen=True)
class Party:
    """A named party that a quiz bank tells apart within one source label (a bank's own choice).

    The seed article's key, for example, splits GOVERNMENT into GOVERNMENT:CHINA and
    GOVERNMENT:US; a local news story might name GOVERNMENT:CITY_COUNCIL. ``aliases`` are words
    that identify the party in a speaker's title or organisation (for the pre-labeller).
    """

    code: str
    name: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.code.partition(PARTY_SEPARATOR)[0]


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str
    question: str
    definition: str
    labels: tuple[Label, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(label.code for label in self.labels)

    @property
    def heading(self) -> str:
        """The name as a quiz's radio group and the guide's answer key show it.

        A dimension answered YES or NO reads as a question, so it gets a question mark ("Worth
        checking?"); any other keeps its name ("Statement type"). ``name`` itself stays as the
        codebook writes it, since tables and static copies of a quiz print it as it is.
        """
        return f"{self.name}?" if set(self.codes) == {"YES", "NO"} else self.name

    def label(self, code: str) -> Label:
        for label in self.labels:
            if label.code == code:
                return label
        raise KeyError(f"{self.code} has no label {code!r}; it has {', '.join(self.codes)}")


@dataclass(frozen=True)
class Codebook:
    dimensions: dict[str, Dimension]
    confusions: dict[tuple[str, str, str], str] = field(default_factory=dict)
    folder: Path | None = None
    #: The parties this codebook's source labels are split into (empty for the general codebook).
    parties: tuple[Party, ...] = ()
    #: The check-worthiness rules by code, in order (empty for a codebook without that dimension).
    check_rules: dict[str, CheckRule] = field(default_factory=dict)

    def __getitem__(self, dimension: str) -> Dimension:
        try:
            return self.dimensions[dimension]
        except KeyError:
            raise KeyError(f"no dimension {dimension!r}; the codebook has {', '.join(self.dimensions)}") from None

    def labels(self, dimension: str) -> tuple[str, ...]:
        return self[dimension].codes

    def kind(self, dimension: str, code: str) -> str:
        """The general label behind ``code``: GOVERNMENT for GOVERNMENT:CHINA, the code itself otherwise."""
        return self[dimension].label(code).kind

    def confusion_feedback(self, dimension: str, chosen: str, correct: str) -> str | None:
        """The codebook's text for a learner who chose ``chosen`` where the key is ``correct``.

        Confusions are written between general labels; two parties of one kind (GOVERNMENT:US
        for GOVERNMENT:CHINA) get the kind's "right kind, wrong party" text.
        """
        return self.confusions.get((dimension, self.kind(dimension, chosen), self.kind(dimension, correct)))

    def with_parties(self, parties: tuple[Party, ...] | list[Party]) -> Codebook:
        """This codebook with each split source label replaced by its parties, in the label's place.

        A label with no parties stays as it is, so a bank that splits only GOVERNMENT keeps
        EXPERT_ORG, PUBLIC_OTHER and the rest.
        """
        if not parties:
            return self
        dimension = self[PARTY_DIMENSION]
        by_kind: dict[str, list[Party]] = {}
        for party in parties:
            if party.kind not in dimension.codes or party.kind in UNSPLIT_KINDS:
                raise ValueError(f"{party.code}: {party.kind} is not a {PARTY_DIMENSION} label that can be split")
            by_kind.setdefault(party.kind, []).append(party)
        labels: list[Label] = []
        for label in dimension.labels:
            if label.code not in by_kind:
                labels.append(label)
                continue
            labels.extend(
                replace(
                    label,
                    code=party.code,
                    name=party.name,
                    definition=f"{party.definition} ({label.name}: {label.definition})",
                    kind=label.code,
                )
                for party in by_kind[label.code]
            )
        dimensions = dict(self.dimensions)
        dimensions[PARTY_DIMENSION] = replace(dimension, labels=tuple(labels))
        return replace(self, dimensions=dimensions, parties=tuple(parties))

    def fit(self, dimension: str, code: str) -> str:
        """``code`` as this codebook writes it: a party label becomes its kind where the codebook has no parties.

        The pre-labeller names parties (GOVERNMENT:CHINA); a bank that does not split GOVERNMENT
        gets plain GOVERNMENT. A code this codebook cannot express raises KeyError.
        """
        codes = self.labels(dimension)
        if code in codes:
            return code
        kind = code.partition(PARTY_SEPARATOR)[0]
        if kind in codes:
            return kind
        raise KeyError(f"{dimension} has no label {code!r} (nor {kind!r}); it has {', '.join(codes)}")

    def party(self, code: str) -> Party | None:
        return next((party for party in self.parties if party.code == code), None)

    def dimensions_frame(self) -> pd.DataFrame:
        """One row per dimension: the question it asks and its labels, for an overview."""
        return pd.DataFrame.from_records(
            [
                {"dimension": d.code, "name": d.name, "question": d.question, "labels": ", ".join(d.codes)}
                for d in self.dimensions.values()
            ]
        ).set_index("dimension")

    def as_frame(self) -> pd.DataFrame:
        """Every label as one row, for reading the codebook in a notebook."""
        records = [
            {
                "dimension": dim.code,
                "label": label.code,
                "name": label.name,
                "definition": label.definition,
                "decision_rule": label.decision_rule,
            }
            for dim in self.dimensions.values()
            for label in dim.labels
        ]
        return pd.DataFrame.from_records(records)


def load_codebook(path: str | Path | None = None, *, required: tuple[str, ...] = REQUIRED_DIMENSIONS) -> Codebook:
    """Load and validate a codebook folder (``dimensions.csv``, ``labels.csv``, ``confusions.csv``).

    ``required`` names the dimensions the folder must define; the story-parts codebook, for
    example, defines only ``part``. Each file is read by its own step below, in this order,
    because each step checks its rows against what the one before it defined.
    """
    folder = Path(path) if path is not None else paths.CODEBOOK_DIR
    if not folder.is_dir():
        raise DataError(
            folder,
            "codebook folder not found; expected a folder with dimensions.csv, labels.csv and confusions.csv.",
            fix="Check the path; to restore the project's own copy run `git checkout -- data/`.",
        )
    dimension_rows = _load_dimension_rows(folder / "dimensions.csv", required)
    dimensions = _load_dimensions(folder / "labels.csv", dimension_rows)
    confusions = _load_confusions(folder / "confusions.csv", dimensions)
    check_rules = _load_check_rules(folder / CHECK_RULES_FILE, dimensions) if "check_worthy" in dimensions else {}
    return Codebook(dimensions, confusions, folder, check_rules=check_rules)


def _load_dimension_rows(path: Path, required: tuple[str, ...]) -> list[Row]:
    """The rows of ``dimensions.csv`` in their ``order``, which must include every ``required`` dimension."""
    rows = read_rows(path, DIMENSION_COLUMNS, id_column="dimension", what="dimension")
    for row in rows:
        row.require_int("order", 1)
        for column in ("name", "question", "definition"):
            row.require(column)
    rows = sorted(rows, key=lambda row: int(row["order"]))
    codes = [row["dimension"] for row in rows]
    missing = [code for code in required if code not in codes]
    if missing:
        raise DataError(
            path,
            f"the dimension(s) {', '.join(missing)} are missing; this codebook must define {', '.join(required)}.",
            column="dimension",
        )
    return rows


def _load_dimensions(path: Path, dimension_rows: list[Row]) -> dict[str, Dimension]:
    """Each dimension with its labels from ``labels.csv``: at least two, none repeated, each label's
    near miss another label of the same dimension."""
    codes = [row["dimension"] for row in dimension_rows]
    labels_by_dim: dict[str, list[tuple[int, Row]]] = {code: [] for code in codes}
    seen: dict[tuple[str, str], int] = {}
    for row in read_rows(path, LABEL_COLUMNS, what="label"):
        dim = row.require_choice("dimension", codes, "dimension")
        code = row.require("label", "a label code such as QUOTE")
        if (dim, code) in seen:
            raise row.error("label", f"the label {dim}/{code} repeats line {seen[(dim, code)]}.")
        seen[(dim, code)] = row.line
        for column in LABEL_COLUMNS[3:]:
            row.require(column)
        labels_by_dim[dim].append((row.require_int("order", 1), row))
    for dim, entries in labels_by_dim.items():
        if len(entries) < 2:
            message = f"the dimension {dim} has {len(entries)} label(s); a dimension needs at least two."
            raise DataError(path, message, column="dimension")
        label_codes = [row["label"] for _, row in entries]
        for _, row in entries:
            row.require_choice("near_miss_label", [c for c in label_codes if c != row["label"]], f"other {dim} label")
    dimensions = {}
    for dim_row in dimension_rows:
        code = dim_row["dimension"]
        labels = tuple(_label(code, row) for _, row in sorted(labels_by_dim[code], key=lambda entry: entry[0]))
        dimensions[code] = Dimension(code, dim_row["name"], dim_row["question"], dim_row["definition"], labels)
    return dimensions


def _label(dimension: str, row: Row) -> Label:
    return Label(
        dimension=dimension,
        code=row["label"],
        name=row["name"],
        definition=row["definition"],
        decision_rule=row["decision_rule"],
        example=row["example"],
        near_miss=row["near_miss"],
        near_miss_label=row["near_miss_label"],
        near_miss_why=row["near_miss_why"],
    )


def _load_confusions(path: Path, dimensions: dict[str, Dimension]) -> dict[tuple[str, str, str], str]:
    """The feedback for each (dimension, chosen, correct) mistake in ``confusions.csv``, each listed once."""
    confusions: dict[tuple[str, str, str], str] = {}
    for row in read_rows(path, CONFUSION_COLUMNS, what="confusion"):
        dim = row.require_choice("dimension", list(dimensions), "dimension")
        codes = dimensions[dim].codes
        chosen = row.require_choice("chosen", codes, f"{dim} label")
        correct = row.require_choice("correct", codes, f"{dim} label")
        if chosen == correct and (dim != PARTY_DIMENSION or chosen in UNSPLIT_KINDS):
            raise row.error(
                "correct",
                "names the same label as 'chosen'; a confusion needs two different labels (only a source label "
                "that quiz banks split into parties may name itself, for 'right kind, wrong party').",
            )
        key = (dim, chosen, correct)
        if key in confusions:
            raise row.error("chosen", f"the confusion {dim}: {chosen} instead of {correct} is listed twice.")
        confusions[key] = row.require("feedback", "the feedback a learner reads")
    return confusions


def _load_check_rules(path: Path, dimensions: dict[str, Dimension]) -> dict[str, CheckRule]:
    rows = read_rows(path, CHECK_RULE_COLUMNS, id_column="rule", what="check-worthiness rule")
    rules = []
    for row in rows:
        if not re.fullmatch(r"CW\d+", row["rule"]):
            raise row.error("rule", f"'{row['rule']}' is not a rule code such as CW1.")
        rules.append(
            CheckRule(
                code=row["rule"],
                order=row.require_int("order", 1),
                label=row.require_choice("label", dimensions["check_worthy"].codes, "check_worthy label"),
                name=row.require("name", "a short name for the rule"),
                text=row.require("rule_text", "the rule in words"),
                example=row.require("example", "a made-up sentence it decides"),
            )
        )
    return {rule.code: rule for rule in sorted(rules, key=lambda rule: rule.order)}


def parties_path(bank: str | Path) -> Path:
    """Where a bank's parties are declared: ``warmup.csv`` -> ``warmup.parties.csv`` beside it."""
    bank = Path(bank)
    return bank.with_name(bank.stem + ".parties.csv")


def load_parties(path: str | Path, codebook: Codebook | None = None) -> tuple[Party, ...]:
    """Read and check a parties file: one row per party, written KIND:PARTY (GOVERNMENT:CHINA)."""
    codebook = codebook if codebook is not None else load_codebook()
    kinds = [code for code in codebook.labels(PARTY_DIMENSION) if code not in UNSPLIT_KINDS]
    rows = read_rows(Path(path), PARTY_COLUMNS, id_column="label", what="party")
    parties = []
    for row in rows:
        code = row.require("label", "a party label such as GOVERNMENT:CHINA")
        kind, separator, name = code.partition(PARTY_SEPARATOR)
        if not separator or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise row.error(
                "label",
                f"'{code}' is not of the form KIND:PARTY.",
                f"Write a source label, a colon and the party in capitals, e.g. GOVERNMENT:CITY_COUNCIL "
                f"(kinds that can be split: {', '.join(kinds)}).",
            )
        if kind not in kinds:
            raise row.error(
                "label", f"'{kind}' is not a source label that can be split; use one of {', '.join(kinds)}."
            )
        parties.append(
            Party(
                code=code,
                name=row.require("name", "the party's name as learners read it, e.g. Chinese government"),
                definition=row.require("definition", "who counts as this party"),
                aliases=tuple(split_list(row["aliases"])),
            )
        )
    return tuple(parties)


def bank_codebook(bank: str | Path | None, codebook: Codebook | None = None) -> Codebook:
    """The codebook a bank is keyed with: ``codebook`` (the general one by default), split by the
    bank's parties file if it has one and ``codebook`` names no parties of its own."""
    codebook = codebook if codebook is not None else load_codebook()
    if bank is None:
        return codebook
    sidecar = parties_path(bank)
    if codebook.parties or not sidecar.exists():
        return codebook
    return codebook.with_parties(load_parties(sidecar, codebook))


def article_codebook() -> Codebook:
    """The codebook the article's key uses: the general labels, with GOVERNMENT split into China and US."""
    return bank_codebook(paths.SENTENCES)


def load_story_parts(path: str | Path | None = None) -> Codebook:
    """The small codebook for the parts of a news story (bullet, lede, body, subhead, closing)."""
    return load_codebook(path if path is not None else paths.STORY_PARTS_DIR, required=("part",))
