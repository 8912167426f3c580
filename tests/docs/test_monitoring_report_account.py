"""The monitoring report's account beside its figures, read back from the real PDF of the solar thermal demo (zh and
en): the registration it is compared with and the changes since, the natural gas taken from delivery notes with no
gas meter and how that is checked, the monitoring plan as applied, data flow and QA/QC, the −4.7 % against the PDD
estimate split by cause, the validation FAR followed up, and the uniqueness declaration with a signature block."""

from __future__ import annotations

from datetime import date

from tests.docs.test_every_document import flat, pdftotext
from workbench.services.documents import documents
from workbench.services.monitoring import meters, periods
from workbench.services.support.context import Actor
from workbench.services.validation import validation

TODAY = date(2026, 4, 1)


def _report(ws, code, lang, tmp_path, name="mr") -> str:
    path = documents.render(ws, "monitoring-report", code, lang, tmp_path / f"{name}-{code}-{lang}.pdf", TODAY, ref=1)
    return flat(pdftotext(path, layout=False))


def test_the_chinese_report_accounts_for_the_gas_the_deviation_the_far_and_declares_uniqueness(demo_ws, tmp_path):
    text = _report(demo_ws, "VN-CSP-01", "zh", tmp_path)
    for heading in ("B.1实施状态", "B.2登记后的变更", "C.2辅助燃料消耗量", "C.3监测计划的执行与变更", "C.4数据流、数据管理与质量保证",
                    "E.1各年度结果", "E.2与设计文件估算值的比较", "F.前瞻性行动要求（FAR）的跟进", "G.唯一性及不重复计算声明"):
        assert heading in text, heading
    # registered on 28 March 2025 by JC-2025-011; nothing about the plant changed after it
    # the stage when the report was written (registered), and the period's reductions issued (签发: Belt-and-Road)
    assert "阶段已登记（实施与监测）" in text and "2025年12月31日(已签发)" in text and "减排量已登记" not in text
    assert "项目登记2025年3月28日·JC-2025-011(demo)" in text and "自2025年3月28日项目登记以来，未记录" in text
    # no gas meter: 12 delivery notes, 32.100 delivered, +1 % → 32.421 counted; checked against the invoices
    assert "未安装燃料计量表，消耗量取自燃料入库单" in text and "共12张，自PVGas-2025-01(demo)" in text
    assert "32.10010^4Nm3" in text and "32.42110^4Nm3" in text and "+1.0%" in text and "期末库存不予扣减" in text
    assert "与供应商对同一批次开具的发票交叉核对" in text
    # the plan meters gas with flow meters: the report says it was taken from the notes instead
    assert "天然气流量计(孔板流量计,GB/T21446)" in text and "天然气：取自12张入库单，未安装燃料计量表" in text
    # data flow: 8,760 hourly readings per meter in 2025, every hour present; the retention rule of Measures art. 18
    assert "NT-EXP-0001上网8,76060100.0%2025年1月1日–2025年12月31日" in text and "《管理办法》第十八条" in text
    # −4.7 %: (145,966 − 152,000 MWh) × 0.6592 = −3,977.7 t from generation, −701.0 t of gas the estimate did not count,
    # +0.4 t as the estimate 100,198.4 is printed 100,198
    assert "上网净电量(MWh)152,000145,966" in text and "−3,977.7" in text and "−701.0" in text and "+0.4" in text and "−4,678.3" in text
    assert "较估算−4.0%" in text and "2025年：减排量较设计文件估算−4.7%，主要原因是上网净电量与估算不同。" in text
    # the validation's FAR on the delivery notes, answered by the owner and closed by the verifier
    assert "FAR-1审定·中国质量认证中心(演示)·2025年3月5日" in text and "已关闭" in text and "checkedonebyoneagainstthesupplier's" in text
    # the declaration for the period, no green certificate, one issuance split between the two registries; signed
    assert "针对2025年1月1日至2025年12月31日的核算期，项目业主声明" in text and "绿色电力证书" in text
    assert "同一吨减排量不会同时进入两个登记系统" in text
    assert text.index("G.唯一性及不重复计算声明") < text.index("签字盖章") and "项目业主中南光热发电有限公司" in text


def test_the_english_report_reads_the_same(demo_ws, tmp_path):
    text = _report(demo_ws, "VN-CSP-01", "en", tmp_path)
    assert "Noteswithoutametering" not in text and "Nofuelmeterisinstalled:thequantitiesarethoseofthedeliverynotes" in text
    assert "Net generation (−4.0 % against the estimate)".replace(" ", "") in text and "−4,678.3" in text
    assert "Declarationofuniquenessandnodoublecounting" in text and "Signaturesandseals" in text
    assert "Nochangetotheproject'ssites,meters,parties,parametersordeclarationshasbeenrecordedsinceregistrationon28March2025" in text


def test_a_change_after_registration_is_listed_and_an_unanswered_far_blocks_the_final_report(fresh_demo, tmp_path):
    ws, actor = fresh_demo, Actor("tester", date(2026, 2, 1))
    meters.add_meter(ws, Actor("tester", date(2026, 2, 3)), "VN-CSP-01", {"serial": "NT-EXP-0002", "role": "export", "accuracy_class": "0.2",
                                                                      "calibrated_on": "2026-02-03", "calibration_error": "0.05"})
    text = _report(ws, "VN-CSP-01", "zh", tmp_path)
    assert "添加计量表NT-EXP-0002" in text and "未记录" not in text
    # the wind farm's validation becomes final with its FAR open: carried forward, it is owed an answer in the report
    (wind,) = [e for e in validation.engagements_of(ws, "VN-OFW-01") if e.kind == "validation"]
    validation.finalise_report(ws, actor, wind.id)
    periods.add_period(ws, actor, "VN-OFW-01", "2025-01-01", "2025-12-31")
    missing = [m.item.en for m in documents.check(ws, "monitoring-report", "VN-OFW-01", TODAY, 1)]
    assert "the project owner's response to FAR-1 (Validation)" in missing
    far = next(f for f in validation.engagements_of(ws, "VN-OFW-01")[0].findings if f.type == "FAR")
    validation.respond(ws, actor, far.id, "Grid factor edition confirmed with the host authority's letter of 2026-01-10")
    assert not any("FAR" in m for m in [m.item.en for m in documents.check(ws, "monitoring-report", "VN-OFW-01", TODAY, 1)])


def test_the_report_names_the_final_pdd_archived_by_registration_with_its_sha256(fresh_demo, tmp_path):
    import hashlib

    from workbench.domain.references import Placement
    from workbench.services.documents.evidence import store_bytes
    from workbench.services.projects.projects import resolve
    from workbench.services.support.write_action import write_action

    before = Actor("tester", date(2024, 6, 20))  # the mangrove project was registered on 28 June 2024
    pdd = documents.render(fresh_demo, "pdd", "GD-MG-01", "zh", tmp_path / "pdd.pdf", before.today).read_bytes()
    with write_action(fresh_demo, before, "document.add") as act:  # as a final render archives itself
        p = resolve(act.session, "GD-MG-01")
        act.project_id = p.id
        store_bytes(act, p, "GD-MG-01-PDD-v1.0.pdf", pdd, Placement("project", p.id).columns(), "document", document=("pdd", ""))
    text = _report(fresh_demo, "GD-MG-01", "zh", tmp_path)
    assert "登记的项目设计文件（定稿存档）GD-MG-01-PDD-v1.0.pdf·2024年6月20日" in text
    assert f"SHA-256{hashlib.sha256(pdd).hexdigest()}" in text and "未存档" not in text
    # the solar thermal plant has none archived: the report says so and what to do
    assert "本工作区未存档定稿的项目设计文件" in _report(fresh_demo, "VN-CSP-01", "zh", tmp_path)


def test_the_owner_writes_the_implementation_and_plan_changes_of_a_period_in_both_languages(fresh_demo, tmp_path):
    from workbench.services.methodology import methodology

    owner = Actor("tester", date(2026, 1, 20))
    for name, text in (("text.report.1.implementation.zh", "2025年全年运行，集热场622个回路全部投运。"),
                       ("text.report.1.implementation.en", "In operation all year; all 622 collector loops in service."),
                       ("text.report.1.plan_changes.zh", "自2025年10月起，入库单另由仓库管理员逐张签收。")):
        methodology.set_parameter(fresh_demo, owner, "VN-CSP-01", name, text)
    zh = _report(fresh_demo, "VN-CSP-01", "zh", tmp_path)
    assert "2025年全年运行，集热场622个回路全部投运。" in zh and "自2025年10月起，入库单另由仓库管理员逐张签收。" in zh
    en = _report(fresh_demo, "VN-CSP-01", "en", tmp_path)
    # the English the owner wrote; the plan text written in Chinese only stands in the English report as written
    assert "Inoperationallyear;all622collectorloopsinservice." in en and "自2025年10月起" in en
