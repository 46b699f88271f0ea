"""Two small custom widgets for what ipywidgets' own controls cannot say to assistive technology.

- ``ChoiceGroup``: one question's labels as a radio group (the WAI-ARIA pattern): the group has a
  name, each option says whether it is chosen (``aria-checked``), Tab enters and leaves the group,
  and the arrow keys, Home and End move the choice, as in any radio group. ipywidgets'
  ToggleButtons expose neither the group nor the chosen state, so a screen reader said the same
  thing for a chosen and an unchosen label.
- ``LiveRegion``: one ``role="status"`` element made once and kept, whose content changes. Screen
  readers announce changes to a region that is already on the page; a region rebuilt, already
  filled, on every Check (what an HTML widget does) is often not announced.

Both are written with anywidget (a maintained way to write a widget from a few lines of
JavaScript, with no build step), work in JupyterLab, Notebook 7 and Voilà, and are plain
elements, so a page without a kernel falls back to the quiz's static copy as before. The group
also marks every control of its quiz (``.claimlab-quiz``) with ``data-lm-suppress-shortcuts`` as
the control receives focus, which JupyterLab and Notebook 7 honour: keys pressed in a quiz control
(arrows, D D, M, A, B, X) no longer act on the notebook's cells. Its stylesheet gives every control
in a quiz a 3 px focus ring in the theme's text colour, offset from the control so that it
contrasts with the page (WCAG 2.2 asks 3:1).
"""

from __future__ import annotations

import anywidget
import traitlets

_CHOICE_ESM = r"""
let counter = 0;

function render({ model, el }) {
  const id = `claimlab-choices-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const name = document.createElement("span");
  name.className = "claimlab-choices-name";
  name.id = `${id}-name`;
  const group = document.createElement("div");
  group.className = "claimlab-choices";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", name.id);
  group.setAttribute("data-lm-suppress-shortcuts", "true");
  el.classList.add("claimlab-choice-group");
  el.append(name, group);
  let buttons = [];

  const options = () => model.get("options");
  const choose = (index) => {
    if (model.get("disabled")) return;
    model.set("value", options()[index].value);
    model.save_changes();
  };
  const onKey = (event, index) => {
    const n = buttons.length;
    let next = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = (index + 1) % n;
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = (index - 1 + n) % n;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = n - 1;
    else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      choose(index);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    choose(next);
    buttons[next].focus();
  };

  const update = () => {
    const value = model.get("value");
    const disabled = model.get("disabled");
    let chosen = -1;
    buttons.forEach((button, index) => {
      const on = options()[index].value === value;
      if (on) chosen = index;
      button.setAttribute("aria-checked", on ? "true" : "false");
      button.classList.toggle("mod-active", on);
      button.disabled = disabled;
    });
    group.setAttribute("aria-disabled", disabled ? "true" : "false");
    buttons.forEach((button, index) => { button.tabIndex = index === Math.max(chosen, 0) ? 0 : -1; });
  };

  const build = () => {
    const focused = buttons.indexOf(document.activeElement);
    name.textContent = model.get("label");
    const question = model.get("question");
    if (question) group.setAttribute("aria-description", question);
    group.replaceChildren();
    buttons = options().map((option, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "claimlab-choice";
      button.setAttribute("role", "radio");
      button.setAttribute("data-lm-suppress-shortcuts", "true");
      button.dataset.value = option.value;
      button.textContent = option.label;
      if (option.title) button.title = option.title;
      button.addEventListener("click", () => choose(index));
      button.addEventListener("keydown", (event) => onKey(event, index));
      group.append(button);
      return button;
    });
    update();
    if (focused >= 0 && buttons[focused]) buttons[focused].focus();
  };

  model.on("change:options", build);
  model.on("change:label", build);
  model.on("change:question", build);
  model.on("change:value", update);
  model.on("change:disabled", update);
  build();
  guardQuizShortcuts();
}

// Keys pressed in any control of a quiz belong to the quiz, not to the notebook's cells. Lumino
// skips its shortcuts only when the focused element itself (or an element between it and the
// match) carries the attribute. So the element is marked as it receives focus, which always comes
// before its first key press: marking at render time raced with ipywidgets attaching the quiz's
// other controls (the Check button, say), and under load a key then reached the notebook.
const SUPPRESS = "data-lm-suppress-shortcuts";

function guardQuizShortcuts() {
  if (window.claimlabShortcutGuard) return;
  window.claimlabShortcutGuard = true;
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target instanceof Element && !target.hasAttribute(SUPPRESS) && target.closest(".claimlab-quiz")) {
      target.setAttribute(SUPPRESS, "true");
    }
  }, true);
}

export default { render };
"""

_CHOICE_CSS = r"""
.claimlab-choice-group { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 4px 0; }
.claimlab-choices-name { font-weight: bold; margin-right: 6px; }
.claimlab-choices { display: flex; flex-wrap: wrap; gap: 6px; }
.claimlab-choice {
  font: inherit; font-size: var(--jp-widgets-font-size, 13px); padding: 4px 10px; cursor: pointer;
  color: var(--jp-ui-font-color1, #1a1a1a); background: var(--jp-layout-color2, #eeeeee);
  border: 1px solid var(--jp-border-color1, #757575); border-radius: 2px;
}
.claimlab-choice:hover:not(:disabled) { text-decoration: underline; border-color: var(--jp-ui-font-color1, #1a1a1a); }
.claimlab-choice[aria-checked="true"] {
  color: #ffffff; background: #0b5394; border-color: #0b5394; font-weight: bold;
}
.claimlab-choice[aria-checked="true"]::before { content: "\2713\00a0"; }
.claimlab-choice:disabled { cursor: not-allowed; opacity: 0.75; }
.claimlab-quiz button:focus-visible,
.claimlab-quiz textarea:focus-visible,
.claimlab-quiz .jupyter-button:focus-visible {
  outline: 3px solid var(--jp-ui-font-color0, #000000); outline-offset: 2px;
}
"""

_LIVE_ESM = r"""
function render({ model, el }) {
  const region = document.createElement("div");
  region.className = "claimlab-live";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  el.append(region);
  const update = () => { region.innerHTML = model.get("value"); };
  model.on("change:value", update);
  update();
}

export default { render };
"""


class ChoiceGroup(anywidget.AnyWidget):
    """A question's labels as a keyboard-friendly radio group that says which label is chosen.

    ``options`` is a list of ``{"value", "label", "title"}`` (the title is the label's
    definition, shown on hover); ``value`` is the chosen value or None.
    """

    _esm = _CHOICE_ESM
    _css = _CHOICE_CSS
    options = traitlets.List(traitlets.Dict()).tag(sync=True)
    value = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    question = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        value = proposal["value"]
        if value is not None and value not in self.values:
            raise traitlets.TraitError(f"{value!r} is not one of this question's labels: {', '.join(self.values)}.")
        return value

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(option["value"] for option in self.options)

    def __repr__(self) -> str:
        return f"ChoiceGroup({self.label!r}, value={self.value!r})"


class LiveRegion(anywidget.AnyWidget):
    """A persistent ``role="status"`` region: its HTML (built by this package, text escaped) changes in place."""

    _esm = _LIVE_ESM
    value = traitlets.Unicode("").tag(sync=True)

    def __repr__(self) -> str:
        return "LiveRegion()"
