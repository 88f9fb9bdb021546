#!/usr/bin/env python3
"""Moves what every embedded pack shares into common parts, so each pack keeps only its
differences; reproducible after any content change.

    python3 scripts/split-packs.py          # split (or re-split) and rewrite the files
    python3 scripts/split-packs.py --check  # change nothing; fail if the split is lossy or stale
    python3 scripts/split-packs.py --unsplit ecommerce  # the pack assembled from unsplit parts

For each part name in PARTS (e.g. core.json), the part of every pack (packs/<dir>/<name>, with
packs/common/<name> folded back in when the pack already uses it) is compared across packs:

- a plain top-level key whose value is the same in every pack moves to packs/common/<name>
  (identity keys — id, version, effective_from, title, sources — always stay with the pack);
- in the catalogue maps (messages, clauses, fields, source_catalogue) and the sections merged
  key by key (classify, deadlines, preview), every entry that is the same in every pack moves.

Each manifest then lists ../common/<name> right before <name>, so the pack's own part still
overrides the common one. Before writing, every pack is assembled as the engine assembles it
(src/pack/parts.rs) from the old files and from the new ones; the script refuses to write if
any assembled document differs. tests/pack_split.rs runs --check.
"""
import copy
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKS = ROOT / "packs"
COMMON = PACKS / "common"
PARTS = ["core.json", "classify.json"]
MERGED = ["messages", "clauses", "fields", "source_catalogue"]
SECTIONS = ["classify", "deadlines", "preview"]
IDENTITY = {"id", "version", "effective_from", "title", "sources"}
SCHEMA = "../../pkg/pack.schema.json"
# Top-level keys in the order of the pack format (so a re-split writes the same files).
ORDER = ["$schema", "id", "version", "effective_from", "title", "sources", "source_catalogue", "limits",
         "fields", "required", "formats", "lengths", "chronology", "declarations", "refused", "evidence",
         "materials", "amounts", "supplement", "masking", "taxonomy", "deadlines", "classify", "preview",
         "handling", "messages", "clauses"]


def ordered(part):
    rank = {k: i for i, k in enumerate(ORDER)}
    return dict(sorted(part.items(), key=lambda kv: rank.get(kv[0], len(ORDER))))


def merge_into(doc, part):
    """Merges one part into a document, as src/pack/parts.rs does."""
    for key, value in part.items():
        if key == "$schema":
            continue
        if key in MERGED + SECTIONS and isinstance(doc.get(key), dict) and isinstance(value, dict):
            doc[key].update(copy.deepcopy(value))
        else:
            doc[key] = copy.deepcopy(value)
    return doc


def assemble(directory, manifest, files):
    doc = {}
    for part in manifest["parts"]:
        path = (directory / part).resolve()
        merge_into(doc, files[path] if path in files else json.loads(path.read_text()))
    return doc


def scalar(v):
    return not isinstance(v, (dict, list))


def compact(v, ind=0):
    """The classify parts' style: containers of scalars on one line, others one item a line."""
    pad, end = "  " * (ind + 1), "  " * ind
    dump = lambda x: json.dumps(x, ensure_ascii=False)  # noqa: E731
    if isinstance(v, dict):
        if not v:
            return "{}"
        if all(scalar(x) for x in v.values()):
            return "{" + ", ".join(f"{dump(k)}: {dump(x)}" for k, x in v.items()) + "}"
        return "{\n" + ",\n".join(f"{pad}{dump(k)}: {compact(x, ind + 1)}" for k, x in v.items()) + f"\n{end}}}"
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(scalar(x) for x in v):
            return "[" + ", ".join(dump(x) for x in v) + "]"
        return "[\n" + ",\n".join(pad + compact(x, ind + 1) for x in v) + f"\n{end}]"
    return dump(v)


def render(name, doc):
    if name == "classify.json":
        return compact(doc) + "\n"
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def split(parts):
    """(common part, [each pack's part]) from the packs' folded parts."""
    first, others = parts[0], parts[1:]
    common = {"$schema": SCHEMA}
    own = [dict(p) for p in parts]
    for key, value in first.items():
        if key == "$schema" or key in IDENTITY:
            continue
        if not all(key in p for p in others):
            continue
        if key in MERGED + SECTIONS and isinstance(value, dict):
            shared = {k: v for k, v in value.items() if all(isinstance(p[key], dict) and p[key].get(k) == v for p in others)}
            if shared:
                common[key] = shared
                for o in own:
                    o[key] = {k: v for k, v in o[key].items() if k not in shared}
                    if not o[key]:
                        del o[key]
        elif all(p[key] == value for p in others):
            common[key] = value
            for o in own:
                del o[key]
    return common, own


def unsplit(d, manifest):
    """The pack as it was before any split: each common part folded back into the pack's own
    part, and the manifest without the common parts."""
    files, parts = {}, []
    for part in manifest["parts"]:
        name = part.removeprefix("../common/")
        if part.startswith("../common/") and name in PARTS and name in manifest["parts"]:
            continue
        if part in PARTS and f"../common/{part}" in manifest["parts"]:
            files[(d / part).resolve()] = merge_into(json.loads((COMMON / part).read_text()), json.loads((d / part).read_text()))
        parts.append(part)
    return assemble(d, {"parts": parts}, files)


def main(check):
    dirs = sorted(d for d in PACKS.iterdir() if (d / "manifest.json").is_file())
    manifests = {d: json.loads((d / "manifest.json").read_text()) for d in dirs}
    before = {d: assemble(d, manifests[d], {}) for d in dirs}
    for d in dirs:
        if unsplit(d, manifests[d]) != before[d]:
            sys.exit(f"split-packs: {d.name} assembles differently from its unsplit parts")
    files = {}  # path -> new content (dict), for assembling and writing
    new_manifests = {d: copy.deepcopy(m) for d, m in manifests.items()}
    for name in PARTS:
        holders = [d for d in dirs if name in manifests[d]["parts"]]
        if len(holders) < 2:
            continue
        common_ref = f"../common/{name}"
        folded = []
        for d in holders:
            part = json.loads((d / name).read_text())
            if common_ref in manifests[d]["parts"]:
                part = merge_into(json.loads((COMMON / name).read_text()), part)
                part = {"$schema": SCHEMA, **{k: v for k, v in part.items() if k != "$schema"}}
            folded.append(ordered(part))
        common, own = split(folded)
        files[(COMMON / name).resolve()] = common
        for d, part in zip(holders, own):
            files[(d / name).resolve()] = part
            parts = [p for p in new_manifests[d]["parts"] if p != common_ref]
            parts.insert(parts.index(name), common_ref)
            new_manifests[d]["parts"] = parts
    for d in dirs:
        after = assemble(d, new_manifests[d], files)
        if after != before[d]:
            keys = sorted(k for k in set(after) | set(before[d]) if after.get(k) != before[d].get(k))
            sys.exit(f"split-packs: {d.name} would change (keys {keys}); nothing written")
    outputs = {p: render(p.name, doc) for p, doc in files.items()}
    outputs.update({(d / "manifest.json").resolve(): json.dumps(m, indent=2, ensure_ascii=False) + "\n"
                    for d, m in new_manifests.items()})
    stale = [str(p.relative_to(ROOT)) for p, text in outputs.items() if not p.is_file() or p.read_text() != text]
    if check:
        if stale:
            sys.exit(f"split-packs --check: not split as the script would split: {stale}")
        print(f"split-packs --check: {len(dirs)} packs assemble unchanged; split up to date")
        return
    for p, text in outputs.items():
        p.write_text(text)
    print(f"split-packs: {len(dirs)} packs assemble unchanged; rewrote {stale or 'nothing'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--unsplit"]:
        d = PACKS / sys.argv[2]
        print(json.dumps(unsplit(d, json.loads((d / "manifest.json").read_text())), ensure_ascii=False))
    else:
        main("--check" in sys.argv[1:])
