"""Content of the appendix pages that is generated from the package's metadata (datapackage.json, CITATION.cff)."""

from __future__ import annotations

import pandas as pd

from analysis import data
from analysis.citation import item_citation, report_citation


def dataset_summary(name: str) -> dict[str, object]:
    """Rows, sources by grade and date span of one dataset, computed from the validated table."""
    frame = data.load(name)
    grades = frame["grade"].value_counts()
    return {
        "rows": len(frame),
        "sources": int(frame["source_url"].nunique()),
        "grades": ", ".join(f"{g}: {int(grades.get(g, 0))}" for g in data.GRADES),
    }


def fields_table(name: str) -> pd.DataFrame:
    """One row per field: name, type, unit, required, description."""
    res = data.resource(name)
    return pd.DataFrame(
        [
            {
                "field": f["name"],
                "type": f.get("type", "string"),
                "unit": f.get("unit", ""),
                "required": "yes" if f.get("constraints", {}).get("required") else "",
                "description": f.get("description", ""),
            }
            for f in res["schema"]["fields"]
        ]
    )


def dataset_markdown(name: str) -> str:
    """The data appendix section of one dataset, as MyST markdown."""
    res = data.resource(name)
    summary = dataset_summary(name)
    key = res["schema"].get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    licences = "; ".join(lic.get("title") or lic.get("name", "") for lic in res.get("licenses", [])) or "see package"
    sources = "\n".join(
        f"- [{s.get('title', s.get('path'))}]({s['path']})" for s in res.get("sources", []) if "path" in s
    )
    return "\n".join(
        [
            f"### `{name}`: {res.get('title', name)}",
            "",
            res.get("description", ""),
            "",
            f"**Rows:** {summary['rows']} · **distinct source URLs:** {summary['sources']} · **rows by grade:** "
            f"{summary['grades']} · **primary key:** {', '.join(key) or 'none'} · **licence:** {licences} · "
            f'<a href="../_static/data/{res["path"]}" download>download CSV</a>',
            "",
            "**Sources**" if sources else "",
            "",
            sources,
            "",
        ]
    )


def dataset_citation(name: str) -> dict[str, str]:
    res = data.resource(name)
    return item_citation(name, res.get("title", name), f"_static/data/{res['path']}", kind="Dataset")


def citation_markdown(cite: dict[str, str]) -> str:
    """A citation as MyST markdown: the plain text, then its BibTeX in a code block."""
    return f"{cite['text']}\n\n```bibtex\n{cite['bibtex']}\n```\n"


def report_citation_markdown() -> str:
    return citation_markdown(report_citation())


def example_figure_citation_markdown() -> str:
    """The citation of the first chapter's first figure (by id), as an example for the how-to-cite page."""
    from analysis.export import citation
    from analysis.figures import FIGURE_MODULES, topic_figures

    figures = topic_figures(FIGURE_MODULES[0])
    return citation_markdown(citation(figures[min(figures)]))


def example_dataset_citation_markdown() -> str:
    return citation_markdown(dataset_citation(data.dataset_names()[0]))


def example_number_citation_markdown() -> str:
    """The citation of the first registered number, as an example for the how-to-cite page."""
    from analysis.numbers import citation, values

    first = values()[0]
    return citation_markdown(citation(first["entry"], first["value"]))
