"""Sphinx extension: a registered number pasted in prose links to its entry in the Numbers appendix.

myst-nb's `{glue:text}` and `{glue:}` roles paste a notebook's value as plain text. This wraps the pasted value of
every registered number (see `analysis.numbers`) in a reference to its anchor (`num-<id>`), resolved by Sphinx like
any `{ref}`, so it works in the HTML site and the single-page (PDF) build alike. Unregistered keys paste as before.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

_IDS: dict[tuple[str, str], str] = {}


def _target(role: Any, text: str) -> tuple[str, str]:
    """(docname, key) the role's text points at: `key[:fmt]` on this page or `path.ipynb::key[:fmt]`."""
    current = role.document.settings.env.docname
    doc, sep, rest = text.partition("::")
    if not sep:
        doc, rest = "", text
    key = rest.split(":", 1)[0].strip()
    if not doc:
        return current, key
    target = posixpath.normpath(posixpath.join(posixpath.dirname(current), doc))
    return target.rsplit(".", 1)[0], key


def _linked(role_class: type) -> type:
    class LinkedRole(role_class):  # type: ignore[misc, valid-type]
        def run(self):  # noqa: ANN202 (docutils role protocol)
            result, messages = super().run()
            number_id = _IDS.get(_target(self, self.text))
            if number_id is None or not result:
                return result, messages
            xref = addnodes.pending_xref(
                "", *result, refdomain="std", reftype="ref", reftarget=f"num-{number_id}", refexplicit=True
            )
            xref["classes"].append("number-link")
            return [nodes.inline("", "", xref, classes=["registered-number"])], messages

    LinkedRole.__name__ = f"Linked{role_class.__name__}"
    return LinkedRole


def _load_ids(app: Sphinx) -> None:
    from analysis.numbers import registry

    _IDS.clear()
    _IDS.update({(e.page, e.key): e.id for e in registry().values()})


def setup(app: Sphinx) -> dict[str, Any]:
    from myst_nb.ext.glue.domain import NbGlueDomain
    from myst_nb.ext.glue.roles import PasteRoleAny, PasteTextRole

    NbGlueDomain.roles = dict(
        NbGlueDomain.roles,
        **{"": _linked(PasteRoleAny)(), "any": _linked(PasteRoleAny)(), "text": _linked(PasteTextRole)()},
    )
    app.connect("builder-inited", _load_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
