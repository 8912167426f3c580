"""Countries by ISO 3166-1 code or by name in either language (pycountry + CLDR via Babel)."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run_cli
from workbench.domain.errors import UserError
from workbench.reference.countries import NOT_HOST, by_code, countries, find_country, host_countries


@pytest.mark.parametrize("given", ["VN", "vn", "VNM", "Viet Nam", "Vietnam", "越南", " socialist republic of viet nam "])
def test_a_country_is_found_by_code_or_by_either_name(given):
    assert find_country(given) == "VN"


def test_names_come_from_maintained_data_in_both_languages():
    assert len(countries()) >= 249
    kz = by_code("KZ")
    assert kz.name_en == "Kazakhstan" and kz.name_zh == "哈萨克斯坦" and kz.alpha3 == "KAZ"


def test_an_ambiguous_name_is_refused_listing_the_candidates():
    with pytest.raises(UserError) as refused:
        find_country("Korea")
    assert refused.value.id == "error.countries.ambiguous"
    assert "KP Korea, Democratic People's Republic of" in refused.value.in_lang("en") and "KR Korea, Republic of" in refused.value.in_lang("en")
    with pytest.raises(UserError) as refused:
        find_country("刚果")
    assert "CD 刚果（金）" in refused.value.in_lang("zh") and "CG 刚果（布）" in refused.value.in_lang("zh")
    assert find_country("Congo") == "CG"  # a whole name is not ambiguous


def test_an_unknown_country_is_refused_naming_the_field_by_its_label():
    with pytest.raises(UserError) as refused:
        find_country("Atlantis", field="host_country")
    assert refused.value.in_lang("zh").startswith("东道国：'Atlantis' 不是国家")
    assert refused.value.in_lang("en").startswith("Host country: 'Atlantis' is not a country")


def test_the_host_country_choice_excludes_china_hong_kong_macao_and_taiwan():
    assert not {c.code for c in host_countries()} & NOT_HOST
    assert len(host_countries()) == len(countries()) - 4
    for given in ("CN", "香港", "Macao", "TW"):
        with pytest.raises(UserError, match="cannot host a Belt-and-Road project"):
            find_country(given, host=True)


def test_the_cli_takes_a_chinese_country_name_and_refuses_taiwan_as_a_bri_host(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    made = run_cli(capsys, "project", "create", "--db", db, "--code", "KZ-1", "--title-en", "Steppe wind", "--programme", "bri",
                   "--host-country", "哈萨克斯坦", "--sector", "energy", "--agreement", "CN-KZ", "--format", "json")
    assert made.code == 0, made.err
    shown = run_cli(capsys, "project", "show", "KZ-1", "--db", db, "--format", "json").json()
    assert shown["host_country"] == "KZ"
    refused = run_cli(capsys, "project", "create", "--db", db, "--code", "TW-1", "--title-en", "X", "--programme", "bri",
                      "--host-country", "Taiwan", "--sector", "energy", "--agreement", "Y")
    assert refused.code == 2 and "not in China (CN, HK, MO, TW)" in refused.err


def test_the_table_is_read_from_its_cache_while_its_sources_are_unchanged(monkeypatch, tmp_path):
    from workbench.reference import countries as module

    monkeypatch.setattr("workbench.paths.cache_dir", lambda: tmp_path)
    built, key = module._build(), module._sources_key()
    assert module._read_cache(key) is None  # nothing yet
    module._write_cache(key, built)
    assert module._read_cache(key) == built == countries()
    changed = [[*key[0][:2], key[0][2] + 1], *key[1:]]  # a library (or this module) changed since
    assert module._read_cache(changed) is None
    (tmp_path / "countries.json").write_text("{not json")
    assert module._read_cache(key) is None
