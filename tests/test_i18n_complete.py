"""Project-level checks of the Chinese translations, without Odoo.

Each addon ships ``i18n/<addon>.pot`` (exported by Odoo) and a zh_CN and a
zh_TW translation of every term in it. The Odoo suite checks the template
against the code (``client_events/tests/shared_checks.py``); these checks catch
in seconds a term left untranslated, a broken placeholder or markup, and the
wrong script or mainland wording in the Taiwan file.
"""

import re
from pathlib import Path

import polib
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["client_events", "event_evaluation", "big_account"]
LANGS = ["zh_CN", "zh_TW"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\bt-[\w-]+=\"[^\"]*\"")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")
# Characters written one way in each script (a short, unambiguous sample).
SIMPLIFIED_ONLY = set("这们说时会来对发为动过进现务问题么门见电后关费运达")
SIMPLIFIED_ONLY |= set("选择设计认证请让记员单类条产应实经结视络账审户")
TRADITIONAL_ONLY = set("這們說時會來對發為動過進現務問題麼門見電後關費運達")
TRADITIONAL_ONLY |= set("選擇設計認證請讓記員單類條產應實經結視絡帳審戶")
# Mainland words that Taiwan users write differently (the Taiwan word in the comment).
MAINLAND_WORDS = {
    "信息": "資訊",
    "審批": "核准",
    "線索": "潛在商機",
    "質量": "品質",
    "模板": "範本",
    "默認": "預設",
    "視頻": "影片",
    "用戶": "使用者",
    "短信": "簡訊",
    "營銷": "行銷",
    "渠道": "管道",
    "應急預案": "緊急應變計畫",
}


def pofile(addon, name):
    path = ROOT / addon / "i18n" / name
    assert path.is_file(), f"{addon}: i18n/{name} is missing"
    return polib.pofile(str(path))


def entries(addon, lang):
    return [e for e in pofile(addon, f"{lang}.po") if not e.obsolete]


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_term_of_the_template_is_translated(addon, lang):
    template = {e.msgid for e in pofile(addon, f"{addon}.pot")}
    assert template, f"{addon}: empty template"
    po = {e.msgid: e for e in entries(addon, lang)}
    missing = sorted(
        msgid
        for msgid in template
        if msgid not in po or not po[msgid].msgstr or "fuzzy" in po[msgid].flags
    )
    assert not missing, f"{addon} {lang}: {len(missing)} untranslated: {missing[:10]}"
    stale = sorted(set(po) - template)
    assert not stale, f"{addon} {lang}: terms no longer in the template: {stale[:10]}"


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", LANGS)
def test_po_header(addon, lang):
    po = pofile(addon, f"{lang}.po")
    assert po.metadata["Language"] == lang
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def parses(text):
    """Whether ``text`` is markup (not an address in angle brackets, as in Odoo's alias help)."""
    try:
        etree.fromstring(f"<root>{text}</root>")
    except etree.XMLSyntaxError:
        return False
    return True


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_and_markup_are_kept(addon, lang):
    for entry in entries(addon, lang):
        source, translation = entry.msgid, entry.msgstr
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source)), (
            f"{addon} {lang}: placeholders differ in {translation!r}"
        )
        if "<" in source and parses(source):
            assert sorted(TAG.findall(translation)) == sorted(TAG.findall(source)), (
                f"{addon} {lang}: markup differs in {translation!r}"
            )
            etree.fromstring(f"<root>{translation}</root>")
        if "object." in source and source.startswith("'"):
            # a report file name: a Python expression that must stay one
            compile(translation, entry.msgid, "eval")


@pytest.mark.parametrize("addon", ADDONS)
def test_each_file_is_in_its_own_script(addon):
    for lang, foreign in (("zh_CN", TRADITIONAL_ONLY), ("zh_TW", SIMPLIFIED_ONLY)):
        for entry in entries(addon, lang):
            wrong = (set(entry.msgstr) & foreign) - set(entry.msgid)
            assert not wrong, f"{addon} {lang}: {''.join(sorted(wrong))} in {entry.msgstr!r}"


@pytest.mark.parametrize("addon", ADDONS)
def test_taiwan_file_uses_taiwan_words(addon):
    for entry in entries(addon, "zh_TW"):
        for word, taiwan in MAINLAND_WORDS.items():
            assert word not in entry.msgstr, (
                f"{addon} zh_TW: {word} (mainland) instead of {taiwan} in {entry.msgstr!r}"
            )


@pytest.mark.parametrize("addon", ADDONS)
def test_translations_are_chinese(addon):
    """A msgstr copied from the English msgid is no translation."""
    han = re.compile(r"[\u4e00-\u9fff]")
    for lang in LANGS:
        for entry in entries(addon, lang):
            # the words a user reads: neither placeholders nor markup and its attributes
            words = re.sub(r"<[^>]*>", "", PLACEHOLDER.sub("", entry.msgid))
            if han.search(words) or not re.search(r"[A-Za-z]{3}", words):
                continue
            if entry.msgid.startswith("object."):  # a report's file name: an expression
                continue
            assert han.search(entry.msgstr), f"{addon} {lang}: untranslated {entry.msgstr!r}"
