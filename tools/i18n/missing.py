#!/usr/bin/env python3
"""Lists interface strings used in src/Spona.Web that Resources/strings.json lacks (same rules as TranslationTests).

Usage: tools/i18n/missing.py [--add]   (--add inserts the missing keys with empty translations, sorted)
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
    (r'(ReferenceDataLabels|IdentityMessages|ModelBindingMessages|ValidationMessages|RoleLabels)\.cs$', r'=> "((?:[^"\\]|\\.)*)"'),
]
keys = set()
for path in root.rglob("*"):
    if "bin" in path.parts or "obj" in path.parts or not path.is_file():
        continue
    for file_pattern, pattern in patterns:
        if re.search(file_pattern, str(path)):
            for match in re.finditer(pattern, path.read_text(encoding="utf-8")):
                keys.add(match.group(1).replace('\\"', '"'))
catalog = json.loads(catalog_path.read_text(encoding="utf-8"))
missing = sorted(k for k in keys if k not in catalog)
incomplete = sorted(k for k, v in catalog.items() if any(not v.get(c) for c in ("bs", "hr", "sr-Latn")))
unused = sorted(k for k in catalog if k not in keys)
print(json.dumps({"missing": missing, "incomplete": incomplete, "unused": unused}, ensure_ascii=False, indent=2))
if "--add" in sys.argv:
    for k in missing:
        catalog[k] = {"bs": "", "hr": "", "sr-Latn": ""}
    catalog = dict(sorted(catalog.items(), key=lambda kv: kv[0].lower()))
    catalog_path.write_text(json.dumps(catalog, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
