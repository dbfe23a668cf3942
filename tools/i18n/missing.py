#!/usr/bin/env python3
"""Lists interface strings used in src/Spona.Web that no catalogue has (same rules as LocalizationTests).

The catalogues: the platform's Resources/strings.json and each module's Features/<Module>/strings.json.
Usage: tools/i18n/missing.py [--add]     (--add inserts the missing keys with empty translations, sorted: into the
                                          module's file when only one module uses the key, else the platform's)
       tools/i18n/missing.py --split     (moves every key that only one module uses into that module's file)
"""
import json, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parents[2] / "src" / "Spona.Web"
catalog_path = root / "Resources" / "strings.json"
patterns = [
    (r'\.cshtml$', r'\bL\["((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'\blocalizer\["((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'ErrorMessage = "((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'Display\(Name = "((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'new DomainRuleViolation\("[^"]*", "((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'Localizable\.Text\("((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'EditOutcome\.Invalid\([^,]+, "((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'\b(?:title|detail): "((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'(?:ProblemDetails\.|, )(?:Title|Detail) = "((?:[^"\\]|\\.)*)"'),
    (r'\.cs$', r'\] = \["((?:[^"\\]|\\.)*)"\]'),
    (r'(\w*Labels|IdentityMessages|ModelBindingMessages|ValidationMessages|RoleLabels)\.cs$', r'=> "((?:[^"\\]|\\.)*)"'),
]
keys = set()
users = {}  # key -> the set of places that use it: a module's name, or "" for anything outside Features/<Module>
for path in root.rglob("*"):
    if "bin" in path.parts or "obj" in path.parts or not path.is_file():
        continue
    rel = path.relative_to(root).parts
    place = rel[1] if len(rel) > 2 and rel[0] == "Features" and rel[1] != "Shared" else ""
    for file_pattern, pattern in patterns:
        if re.search(file_pattern, str(path)):
            for match in re.finditer(pattern, path.read_text(encoding="utf-8")):
                key = match.group(1).replace('\\"', '"')
                keys.add(key)
                users.setdefault(key, set()).add(place)


def module_file(module):
    return root / "Features" / module / "strings.json"


files = [catalog_path] + sorted(root.glob("Features/*/strings.json"))
catalogs = {f: json.loads(f.read_text(encoding="utf-8")) for f in files}
catalog = {k: v for c in catalogs.values() for k, v in c.items()}
missing = sorted(k for k in keys if k not in catalog)
incomplete = sorted(k for k, v in catalog.items() if any(not v.get(c) for c in ("bs", "hr", "sr-Latn")))
unused = sorted(k for k in catalog if k not in keys)
print(json.dumps({"missing": missing, "incomplete": incomplete, "unused": unused}, ensure_ascii=False, indent=2))


def home(key):
    places = users.get(key, {""})
    return module_file(next(iter(places))) if len(places) == 1 and "" not in places else catalog_path


if "--add" in sys.argv or "--split" in sys.argv:
    wanted = {}
    for k, v in catalog.items():
        f = home(k) if "--split" in sys.argv else next(f for f, c in catalogs.items() if k in c)
        wanted.setdefault(f, {})[k] = v
    if "--add" in sys.argv:
        for k in missing:
            wanted.setdefault(home(k), {})[k] = {"bs": "", "hr": "", "sr-Latn": ""}
    for f in set(files) | set(wanted):
        entries = dict(sorted(wanted.get(f, {}).items(), key=lambda kv: kv[0].lower()))
        if entries or f == catalog_path:
            f.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        elif f.exists():
            f.unlink()
