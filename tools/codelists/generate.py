#!/usr/bin/env python3
"""Generate Spona code-list seed files from the Debian/Ubuntu `iso-codes` package.

Regenerates:
  countries.json  - ISO 3166-1 (all entries of iso_3166-1.json)
  languages.json  - ISO 639 (iso_639-3.json entries that have an alpha_2 code, plus EXTRA_LANGUAGES)

Leaves hand-written lists (exploitation-forms.json, sexes.json, ...) alone, but validates
every *.json file in the output directory.

Usage:
  python3 tools/codelists/generate.py            # regenerate + validate
  python3 tools/codelists/generate.py --check    # validate only

Requires only python3 and the `iso-codes` package (apt-get install iso-codes):
  /usr/share/iso-codes/json/*.json and /usr/share/locale/<lang>/LC_MESSAGES/iso_*.mo

Label fallback (a missing translation is filled from a sibling language, never left empty):
  bs      : bs -> hr -> sr-Latn -> en
  hr      : hr -> bs -> sr-Latn -> en
  sr-Latn : sr@latin -> (sr Cyrillic, transliterated) -> bs -> hr -> en
Output is deterministic: items sorted by code, UTF-8 (ensure_ascii=False), indent=2, trailing newline.
"""
from __future__ import annotations

import argparse
import gettext
import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "src" / "Spona.Web" / "Features" / "ReferenceData" / "Seed" / "codelists"
ISO_JSON = Path("/usr/share/iso-codes/json")
LOCALE_DIR = Path("/usr/share/locale")
COPYRIGHT = Path("/usr/share/doc/iso-codes/copyright")

APP_LANGS = ("en", "bs", "hr", "sr-Latn")

# Languages without an ISO 639-1 (alpha_2) code that matter in BiH.
EXTRA_LANGUAGES = ("rom",)  # Romani (macrolanguage; iso-codes English name "Romany")

# Curated corrections of iso-codes translations, applied after lookup (they win over iso-codes and fallback).
# Only clear errors and BiH-specific usage; keep this list short and explained.
COUNTRY_OVERRIDES: dict[str, dict[str, str]] = {
    "CX": {"bs": "Božićno ostrvo"},                      # bs catalogue says "Uskršnje ostrvo" (= Easter Island)
    "CD": {"hr": "Kongo, Demokratska Republika"},        # typo "Repubilika"
    "SB": {"bs": "Solomonska ostrva"},                   # typo "Solomoska"
    "UM": {"bs": "Mala udaljena ostrva SAD"},            # bs catalogue left it in English
}
LANGUAGE_OVERRIDES: dict[str, dict[str, str]] = {
    # Official name in BiH state-level usage (Constitution/laws of BiH: "bosanski jezik"); iso-codes hr/sr: "bošnjački"
    "bs": {"bs": "Bosanski", "hr": "Bosanski", "sr-Latn": "Bosanski"},
    # Romani: iso-codes en "Romany"; sr "ciganski" is pejorative in BiH usage
    "rom": {"en": "Romani", "sr-Latn": "Romski"},
    "rm": {"sr-Latn": "Retoromanski"},                   # sr "romski" (= Romani) for Romansh: wrong and clashes with "rom"
    # bs iso_639 catalogue (2002) errors
    "ab": {"bs": "Abhaski"},                             # bs: "Azerbejdđanski"
    "az": {"bs": "Azerbejdžanski"},
    "cy": {"bs": "Velški"},                              # untranslated "Welsh"
    "es": {"bs": "Španski"},                             # typo "Šanjolski"
    "hu": {"bs": "Mađarski"},                            # typo "Mađjarski"
    "id": {"bs": "Indonezijski"},                        # typo "Infoneziski"
    "lv": {"bs": "Latvijski"},                           # typo "Latviski"
    "ro": {"bs": "Rumunski"},                            # typo "Rumunjki"
    "la": {"bs": "Latinski", "hr": "Latinski"},          # hr: "Latinica" (= Latin script)
    # script names ("... pismo") given for languages in the sr catalogues; hr neuter script-like forms
    "ae": {"bs": "Avestički", "hr": "Avestički", "sr-Latn": "Avestanski"},
    "gu": {"sr-Latn": "Gudžaratski"},
    "kn": {"sr-Latn": "Kanada"},
    "lo": {"sr-Latn": "Laoski"},
    "ml": {"sr-Latn": "Malajalamski"},
    "su": {"bs": "Sundanski", "hr": "Sundanski", "sr-Latn": "Sundanski"},
    "ta": {"sr-Latn": "Tamilski"},
    "te": {"sr-Latn": "Telugu"},
    # other wrong or odd sr labels
    "hi": {"sr-Latn": "Hindi"},                          # sr: "hindu"
    "ia": {"sr-Latn": "Interlingva"},                    # sr: unbalanced parenthesis, wrong
    "el": {"sr-Latn": "Novogrčki (od 1453.)"},           # sr: "grčki, savremeni (1453.—)"
    "kk": {"sr-Latn": "Kazaški"},                        # sr: "kazahstanski" (country adjective)
    "uz": {"sr-Latn": "Uzbečki"},                        # sr: "uzbekistanski"
    "kl": {"sr-Latn": "Grenlandski"},
    "ps": {"sr-Latn": "Paštunski"},
    "ug": {"sr-Latn": "Ujgurski"},
    "wa": {"sr-Latn": "Valonski"},
    "st": {"bs": "Južni sotski", "hr": "Južni sotski", "sr-Latn": "Južni sotski"},   # sr: "sotski, južni"
    # bs/hr would fall back to Ekavian sr-Latn ("severni")
    "nd": {"bs": "Sjeverni ndebelski", "hr": "Sjeverni ndebelski"},
}

# Serbian Cyrillic -> Latin (Gaj's alphabet).
_CYR2LAT = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N", "Њ": "Nj", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C",
    "Ч": "Č", "Џ": "Dž", "Ш": "Š",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}
_DIGRAPH_UPPER = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}


def sr_cyr_to_lat(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in _DIGRAPH_UPPER:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prv = text[i - 1] if i > 0 else ""
            # all-caps context (e.g. "ЉУБЉАНА") -> "LJ", otherwise title case "Lj"
            if (nxt and nxt.isupper()) or (prv and prv.isupper() and not nxt.isalpha()):
                out.append(_DIGRAPH_UPPER[ch])
                continue
        out.append(_CYR2LAT.get(ch, ch))
    return "".join(out)


def load_catalog(domain: str, locale: str) -> dict[str, str]:
    """msgid -> msgstr of one iso-codes .mo file; empty dict if that translation is not installed."""
    try:
        t = gettext.translation(domain, str(LOCALE_DIR), [locale])
    except FileNotFoundError:
        return {}
    cat = {k: v for k, v in t._catalog.items() if isinstance(k, str) and k and v}  # noqa: SLF001
    return cat


def pick_alternative(msgid: str, translation: str, wanted: str | None) -> str:
    """iso_639-2 names list alternatives ("Spanish; Castilian"); so do their translations.
    Keep the translated alternative that matches the English label we use (`wanted`),
    else the first one."""
    if "; " not in translation:
        return translation
    en_parts = msgid.split("; ")
    tr_parts = translation.split("; ")
    if wanted in en_parts and len(en_parts) == len(tr_parts):
        return tr_parts[en_parts.index(wanted)]
    return tr_parts[0]


class Translator:
    """Looks a msgid up in several iso-codes domains for the app languages.

    domains: list of iso-codes gettext domains; prefer: optional {locale: [domain index order]}
    (the first domain in that order that has a translation wins)."""

    def __init__(self, domains: list[str], prefer: dict[str, list[int]] | None = None):
        self.domains = domains
        self.prefer = prefer or {}
        self.cats = {
            loc: [load_catalog(d, loc) for d in domains] for loc in ("bs", "hr", "sr@latin", "sr")
        }

    def _own(self, loc: str, msgids: list[str | None], wanted: str | None = None) -> str | None:
        # msgids[i] is the msgid to use in domains[i]
        for i in self.prefer.get(loc, range(len(self.domains))):
            cat, msgid = self.cats[loc][i], msgids[i]
            if msgid and msgid in cat:
                return pick_alternative(msgid, cat[msgid], wanted)
        return None

    def own_sr_latn(self, msgids, wanted=None):
        v = self._own("sr@latin", msgids, wanted)
        if v:
            return v, "own"
        v = self._own("sr", msgids, wanted)
        if v:
            return sr_cyr_to_lat(v), "translit"
        return None, None

    def labels(self, en: str, msgids: list[str | None], stats: dict, code: str, fix=lambda s: s,
               overrides: dict[str, str] | None = None):
        own = {
            "bs": self._own("bs", msgids, en),
            "hr": self._own("hr", msgids, en),
        }
        srl, how = self.own_sr_latn(msgids, en)
        own["sr-Latn"] = srl
        order = {
            "bs": ["bs", "hr", "sr-Latn"],
            "hr": ["hr", "bs", "sr-Latn"],
            "sr-Latn": ["sr-Latn", "bs", "hr"],
        }
        overrides = overrides or {}
        labels = {"en": overrides.get("en", en)}
        if "en" in overrides:
            stats["overridden"]["en"] = stats["overridden"].get("en", 0) + 1
        for lang, chain in order.items():
            if lang in overrides:
                labels[lang] = overrides[lang]
                stats["overridden"][lang] = stats["overridden"].get(lang, 0) + 1
                continue
            value, src = None, "en"
            for cand in chain:
                if own[cand]:
                    value, src = own[cand], cand
                    break
            if value is None:
                value = en
            else:
                value = fix(value)
            labels[lang] = value.strip()
            if src != lang:
                stats["fallback"][lang][src] = stats["fallback"][lang].get(src, 0) + 1
                stats["fallback_items"].setdefault(lang, []).append(f"{code}<-{src}")
        if how == "translit" and "sr-Latn" not in overrides:
            stats["translit"] += 1
        return labels


def iso_codes_version() -> str:
    try:
        v = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True, check=True
        ).stdout.strip()
        return v or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def iso_codes_licence() -> str:
    """The License: line of the `Files: *` stanza of the Debian copyright file."""
    try:
        text = COPYRIGHT.read_text(encoding="utf-8")
    except OSError:
        return "LGPL-2.1+"
    in_star = False
    for line in text.splitlines():
        if line.startswith("Files:"):
            in_star = line.split(":", 1)[1].strip() == "*"
        elif in_star and line.startswith("License:"):
            return line.split(":", 1)[1].strip()
    return "LGPL-2.1+"


def source_text(standard: str, version: str, licence: str) -> str:
    spdx = "LGPL-2.1-or-later" if licence in ("LGPL-2.1+", "LGPL-2.1-or-later") else licence
    return (
        f"{standard} data and translations from the iso-codes package {version} "
        f"(https://salsa.debian.org/iso-codes-team/iso-codes), © Alastair McKinstry, Christian Perrier, "
        f"Tobias Quathamer and the iso-codes translators; licence {spdx} (Debian copyright: License: {licence}). "
        f"Missing bs/hr/sr-Latn labels filled from a sibling language (bs<->hr, then sr-Latn, then en); "
        f"sr-Latn from sr@latin, else transliterated from Serbian Cyrillic."
    )


def new_stats():
    return {"fallback": {l: {} for l in ("bs", "hr", "sr-Latn")}, "fallback_items": {}, "translit": 0, "overridden": {}}


def build_countries(version, licence):
    data = json.loads((ISO_JSON / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    tr = Translator(["iso_3166-1"])
    stats = new_stats()
    items = []
    for e in data:
        labels = tr.labels(e["name"], [e["name"]], stats, e["alpha_2"],
                           overrides=COUNTRY_OVERRIDES.get(e["alpha_2"]))
        items.append({
            "code": e["alpha_2"],
            "labels": labels,
            "extra": {"alpha3": e["alpha_3"], "numeric": e["numeric"]},
        })
    items.sort(key=lambda i: i["code"])
    doc = {"list": "countries", "source": source_text("ISO 3166-1", version, licence), "items": items}
    return doc, stats


def _cap(s: str) -> str:
    # iso-codes gives bs/hr/sr language names as lower-case adjectives ("njemački"); labels start upper-case.
    return s[:1].upper() + s[1:]


def build_languages(version, licence):
    l3 = json.loads((ISO_JSON / "iso_639-3.json").read_text(encoding="utf-8"))["639-3"]
    l2 = {e["alpha_3"]: e for e in json.loads((ISO_JSON / "iso_639-2.json").read_text(encoding="utf-8"))["639-2"]}
    # sr/sr@latin: the iso_639-2 catalogue gives adjectival names ("afarski") where iso_639-3 gives bare
    # ones ("afar"), so prefer it; bs/hr: iso_639-3 first (cleaner single names).
    tr = Translator(["iso_639-3", "iso_639-2"], prefer={"sr@latin": [1, 0], "sr": [1, 0]})
    stats = new_stats()
    items = []
    for e in l3:
        if "alpha_2" not in e and e["alpha_3"] not in EXTRA_LANGUAGES:
            continue
        code = e.get("alpha_2", e["alpha_3"])
        e2 = l2.get(e["alpha_3"], {})
        labels = tr.labels(e["name"], [e["name"], e2.get("name")], stats, code, fix=_cap,
                           overrides=LANGUAGE_OVERRIDES.get(code))
        extra = {"alpha3": e["alpha_3"]}
        if e2.get("bibliographic"):
            extra["alpha3b"] = e2["bibliographic"]
        items.append({"code": code, "labels": labels, "extra": extra})
    items.sort(key=lambda i: i["code"])
    missing = [c for c in EXTRA_LANGUAGES if c not in {i["extra"]["alpha3"] for i in items}]
    if missing:
        raise SystemExit(f"EXTRA_LANGUAGES not found in iso_639-3.json: {missing}")
    doc = {"list": "languages", "source": source_text("ISO 639 (639-3 names; 639-3/639-2 translations)", version, licence), "items": items}
    return doc, stats


def write(doc, path: Path):
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def validate(path: Path) -> list[str]:
    errs = []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as ex:
        return [f"{path.name}: invalid JSON: {ex}"]
    if not isinstance(doc, dict):
        return [f"{path.name}: top level is not an object"]
    for key in ("list", "source", "items"):
        if key not in doc:
            errs.append(f"{path.name}: missing '{key}'")
    if not isinstance(doc.get("list"), str) or not doc.get("list"):
        errs.append(f"{path.name}: 'list' must be a non-empty string")
    if not isinstance(doc.get("source"), str) or not doc.get("source", "").strip():
        errs.append(f"{path.name}: 'source' must be a non-empty string")
    items = doc.get("items")
    if not isinstance(items, list) or not items:
        return errs + [f"{path.name}: 'items' must be a non-empty list"]
    seen = set()
    for n, it in enumerate(items):
        code = it.get("code") if isinstance(it, dict) else None
        where = f"{path.name}: item {n} ({code!r})"
        if not isinstance(code, str) or not code.strip():
            errs.append(f"{where}: empty code")
        elif code in seen:
            errs.append(f"{where}: duplicate code")
        seen.add(code)
        labels = it.get("labels") if isinstance(it, dict) else None
        if not isinstance(labels, dict):
            errs.append(f"{where}: no labels")
            continue
        for lang in APP_LANGS:
            v = labels.get(lang)
            if not isinstance(v, str) or not v.strip():
                errs.append(f"{where}: label '{lang}' missing or empty")
        for lang in labels:
            if lang not in APP_LANGS:
                errs.append(f"{where}: unexpected label language '{lang}'")
        extra = it.get("extra")
        if extra is not None and (
            not isinstance(extra, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in extra.items())
        ):
            errs.append(f"{where}: 'extra' must be an object of string -> string")
        if set(it) - {"code", "labels", "extra"}:
            errs.append(f"{where}: unexpected keys {sorted(set(it) - {'code', 'labels', 'extra'})}")
    return errs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only validate the existing files")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every label that fell back")
    args = ap.parse_args(argv)

    if not args.check:
        if not (ISO_JSON / "iso_3166-1.json").exists():
            print("iso-codes is not installed (apt-get install iso-codes)", file=sys.stderr)
            return 2
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        version, licence = iso_codes_version(), iso_codes_licence()
        print(f"iso-codes {version}, License: {licence}")
        for name, builder in (("countries", build_countries), ("languages", build_languages)):
            doc, stats = builder(version, licence)
            write(doc, OUT_DIR / f"{name}.json")
            fb = {l: sum(v.values()) for l, v in stats["fallback"].items()}
            print(f"{name}.json: {len(doc['items'])} items; fallback labels {fb} "
                  f"(by source {stats['fallback']}); curated overrides {stats['overridden']}; "
                  f"sr-Latn transliterated from Cyrillic: {stats['translit']}")
            if args.verbose:
                for lang, lst in stats["fallback_items"].items():
                    print(f"  {lang}: {' '.join(lst)}")

    errs = []
    files = sorted(OUT_DIR.glob("*.json"))
    for p in files:
        e = validate(p)
        errs += e
        if not e:
            print(f"OK {p.relative_to(REPO_ROOT)}: {len(json.loads(p.read_text(encoding='utf-8'))['items'])} items")
    for e in errs:
        print("ERROR", e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
