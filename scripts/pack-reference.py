#!/usr/bin/env python3
"""Writes the field reference appendix of docs/packs.md from pkg/pack.schema.json.

Run after the schema changes (UPDATE_PACK_SCHEMA=1 cargo test --lib pack::schema_gen):
    python3 scripts/pack-reference.py
Everything after the marker line in docs/packs.md is replaced.
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKER = "<!-- generated reference: scripts/pack-reference.py -->"
# Sections an assembled pack must have (the schema leaves them optional so that one part validates).
REQUIRED_TOP = ["id", "version", "effective_from", "title", "limits", "fields", "required",
                "formats", "lengths", "chronology", "declarations", "evidence", "materials",
                "masking", "taxonomy", "messages", "clauses"]


def typ(p):
    if "$ref" in p:
        name = p["$ref"].split("/")[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in p:
        return " or ".join(typ(x) for x in p["anyOf"] if x.get("type") != "null")
    t = p.get("type")
    if isinstance(t, list):
        t = " or ".join(x for x in t if x != "null")
    if t == "array":
        return "list of " + typ(p.get("items", {}))
    if t == "object" and isinstance(p.get("additionalProperties"), dict):
        return "map of " + typ(p["additionalProperties"])
    if "enum" in p:
        return " \\| ".join(f"`{e}`" for e in p["enum"])
    if "oneOf" in p:
        return " \\| ".join(variant(x) for x in p["oneOf"])
    return t or "any"


def variant(x):
    """How one variant of an enum is written: `value`, or `{"key": …}` for a variant that is an
    object with one key (e.g. a period `{"hours": 24}`)."""
    if "const" in x or "enum" in x:
        return f"`{x.get('const', (x.get('enum') or ['?'])[0])}`"
    props = list(x.get("properties", {}))
    if len(props) == 1:
        return f'`{{"{props[0]}": {typ(x["properties"][props[0]])}}}`'
    return "`?`"


def clean(text):
    return (text or "").replace("\n", " ").replace("|", "\\|")


def section(name, d, required=None):
    out = [f"### {name}", ""]
    if d.get("description"):
        out += [clean(d["description"]), ""]
    req = set(required if required is not None else d.get("required", []))
    if "properties" in d:
        out += ["| key | type | required | meaning |", "|---|---|---|---|"]
        for k, p in d["properties"].items():
            out.append(f"| `{k}` | {typ(p)} | {'yes' if k in req else ''} | {clean(p.get('description'))} |")
    elif "oneOf" in d or "enum" in d:
        if "enum" in d:
            out.append("One of: " + ", ".join(f"`{v}`" for v in d["enum"]))
        else:
            items = []
            for x in d["oneOf"]:
                items.append(variant(x) + (f" ({clean(x['description'])})" if x.get("description") else ""))
            out.append("One of: " + ", ".join(items))
    else:
        out.append("Type: " + typ(d))
    out.append("")
    return out


def main():
    schema = json.loads((ROOT / "pkg/pack.schema.json").read_text())
    lines = [MARKER, "", "## Appendix: every key", "",
             "Generated from `pkg/pack.schema.json` (itself generated from the engine's types). "
             "\"required\" at the top level means: required in the assembled pack.", ""]
    lines += section("Pack", schema, REQUIRED_TOP)
    for name in sorted(schema["$defs"]):
        lines += section(name, schema["$defs"][name])
    doc = ROOT / "docs/packs.md"
    text = doc.read_text()
    head = text.split(MARKER)[0]
    doc.write_text(head + "\n".join(lines))


if __name__ == "__main__":
    main()
