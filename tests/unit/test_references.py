"""Records that reference records: agreements, evidence targets and holder accounts as links (migration 0017).

The fixtures in tests/fixtures/release_0016 were written by the release before this change (schema 0016).
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Boolean, MetaData, create_engine, select, text

from tests.cli_helpers import file_digest, run_cli
from tests.unit.test_parameter_split import check_split, stored
from workbench.domain.errors import UserError
from workbench.domain.references import ArchivedDocument, find_by_name, match_key, near_duplicates, place_old_evidence
from workbench.services.demo.projects import create_demo_projects
from workbench.services.documents import evidence
from workbench.services.history.undo import inverse
from workbench.services.issuance import accounts, ledger
from workbench.services.projects import lifecycle, projects
from workbench.services.sharing import packages
from workbench.services.support.context import Actor
from workbench.services.validation import validation
from workbench.store.models import ProjectRow
from workbench.store.models_evidence import EvidenceRow
from workbench.store.models_ledger import AccountRow
from workbench.store.workspace import _revision_graph, alembic_config, head_revisions, open_workspace

RELEASE = Path(__file__).parent.parent / "fixtures" / "release_0016"
ON = Actor("tester", date(2026, 5, 4))
VIET_NAM = "China–Viet Nam BRI voluntary emission reduction cooperation agreement"
LAO = "China–Lao PDR cooperation memorandum"


def release_workspace(tmp_path: Path) -> Path:
    """The workspace file the release wrote (schema 0016), plus one evidence file whose finding is gone."""
    path = tmp_path / "release.sqlite"
    path.write_bytes(gzip.decompress((RELEASE / "workspace.sqlite.gz").read_bytes()))
    con = sqlite3.connect(path)
    con.execute("UPDATE evidence_file SET attached_to = 'finding 999' WHERE name = 'site photo.jpg'")
    con.commit()
    con.close()
    return path


def kept_every_row(before: dict[str, int], after: dict[str, int], stage_references: int) -> bool:
    """Every row of every table is still there; the parameters that became declarations, evidence references and PDD
    texts (0018) are counted in their new tables, with the stage changes' references."""
    split = ("project_declaration", "evidence_reference", "pdd_text")
    moved = sum(after[t] for t in split) - stage_references
    return ({t: after[t] for t in before if t != "project_parameter"} == {t: n for t, n in before.items() if t != "project_parameter"}
            and after["project_parameter"] + moved == before["project_parameter"] and moved > 0)


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as con:
        found = {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in meta.tables if t != "alembic_version"}
    engine.dispose()
    return found


def test_names_are_compared_after_nfkc_case_folding_and_spacing():
    assert match_key("  ＢＲＩ  Agreement ") == match_key("bri agreement") == "briagreement"
    names = {1: VIET_NAM, 2: "Other"}
    assert find_by_name("  china–viet nam ＢＲＩ voluntary emission  reduction cooperation agreement ", names) == 1
    assert find_by_name(LAO, names) is None
    assert find_by_name("x", {1: "X", 2: "x "}) is None  # two rows equal after normalising: ambiguous, never guessed
    assert near_duplicates("huaxia offshore", {1: "Huaxia Offshore", 2: "huaxia offshore", 3: "Huaxia Onshore"}) == [1]
    docs = [ArchivedDocument(5, "verification-package", "1"), ArchivedDocument(9, "verification-package", "2")]
    place = lambda text, kind="evidence": place_old_evidence(text, kind, 7, [3], [2], {1: 11}, docs)  # noqa: E731
    assert place("finding 3").columns()["for_finding_id"] == 3
    assert place("period 1").columns()["for_period_id"] == 11
    assert place("document verification-package").target_id == 9  # the newest of that kind
    assert place("document verification-package 1").target_id == 5
    assert (place("").target, place("").target_id) == ("project", 7)
    for unknown in ("finding 4", "period 2", "document pdd", "engagement x"):
        assert (place(unknown).target, place(unknown).target_id, place(unknown).unmatched) == ("project", 7, unknown)
    archived = place("document verification-package 1", "document")
    assert (archived.target, archived.document_kind, archived.document_ref, archived.unmatched) == ("project", "verification-package", "1", "")


def test_the_release_workspace_keeps_every_agreement_evidence_link_and_account(tmp_path, capsys):
    path = release_workspace(tmp_path)
    before = counts(f"sqlite:///{path}")
    ws = open_workspace(path)
    try:
        assert ws.migrated_from == "0016"
        backup = sqlite3.connect(ws.backup_path)  # the file as it was, copied before the migration
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0016",)
        assert backup.execute("SELECT count(*) FROM evidence_file WHERE attached_to != ''").fetchone() == (7,)
        backup.close()
        after = counts(f"sqlite:///{path}")
        assert kept_every_row(before, after, stage_references=1)
    finally:
        ws.close()
    shown = run_cli(capsys, "project", "show", "LA-HYD-01", "--db", path)
    assert f"agreement: {LAO} (not recorded yet: see tasks)\n" in shown.out and f"tasks:\n  - The agreement {LAO!r} is not" in shown.out
    ws = open_workspace(path)
    try:
        check_migrated(ws)
    finally:
        ws.close()


def check_migrated(ws) -> None:
    """What the release's data must look like after 0017, on either back end."""
    with ws.reading() as s:
        linked = {p.code: (p.agreement_id, p.agreement_unmatched) for p in s.scalars(select(ProjectRow))}
        files = {r.name: r for r in s.scalars(select(EvidenceRow))}
        holders = sorted(a.holder for a in s.scalars(select(AccountRow)))
    assert linked == {"VN-ACC-01": (1, ""), "VN-ACC-02": (1, ""), "LA-HYD-01": (None, LAO)}
    assert files["calibration JL-2025-0113.pdf"].for_finding_id is not None
    assert files["engagement letter.pdf"].for_engagement_id is not None
    assert files["meter log 2025.xlsx"].for_period_id is not None
    assert (files["vp.pdf"].document_kind, files["vp.pdf"].document_ref, files["vp.pdf"].for_project_id) == ("verification-package", "1", 1)
    assert files["vp cover signed.pdf"].for_document_id == files["vp.pdf"].id
    assert (files["pdd annex.pdf"].for_project_id, files["pdd annex.pdf"].unmatched_target) == (1, "document pdd")
    assert (files["site photo.jpg"].for_project_id, files["site photo.jpg"].unmatched_target) == (1, "finding 999")
    assert holders == ["GUANGZHOU  Green Energy Trading Co.", "Guangzhou Green Energy Trading Co.", "Huaxia Offshore Energy Co., Ltd.",
                       "Ke Ga Wind Power JSC", "Nordic Climate Investment AB"]
    tasks = {code: [t.text.en for t in lifecycle.view_project(ws, code, ON.today).tasks] for code in ("VN-ACC-01", "LA-HYD-01", "VN-ACC-02")}
    assert any("'document pdd'" in t for t in tasks["VN-ACC-01"]) and any("'finding 999'" in t for t in tasks["VN-ACC-01"])
    assert any("differ only by case" in t for t in tasks["VN-ACC-01"])
    assert tasks["LA-HYD-01"] == [f"The agreement {LAO!r} is not recorded: record it ('workbench agreement add', Issuance page) or choose "
                                  "a recorded one ('workbench project update --set agreement=ID', project details)"]
    assert tasks["VN-ACC-02"] == []
    # settling the tasks: record the agreement (the waiting project is linked), move the evidence where it belongs
    change = ledger.add_agreement(ws, ON, "China–Lao PDR Cooperation  Memorandum", "LA")
    assert change.result["linked_projects"] == [3]
    photo = next(f for f in evidence.list_files(ws, "VN-ACC-01") if f.name == "site photo.jpg")
    evidence.move(ws, ON, photo.id, "period:1")
    assert [t.code for t in lifecycle.view_project(ws, "VN-ACC-01", ON.today).tasks] == ["evidence_unmatched", "holder_twice"]


def copy_rows(source: Path, url: str) -> None:
    """Every row of a schema-0016 workspace file into a PostgreSQL database at schema 0016."""
    src, dest = create_engine(f"sqlite:///{source}"), create_engine(url)
    have, want = MetaData(), MetaData()
    have.reflect(src)
    want.reflect(dest)
    with src.connect() as read, dest.begin() as write:
        for table in have.sorted_tables:
            if table.name == "alembic_version":
                continue
            target = want.tables[table.name]
            flags = [c.name for c in target.c if isinstance(c.type, Boolean)]
            rows = [{**dict(r._mapping), **{f: bool(r._mapping[f]) for f in flags if r._mapping[f] is not None}}
                    for r in read.execute(select(table))]
            if rows:
                write.execute(target.insert(), rows)
            if "id" in target.c:
                write.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM {table.name}))"))
    src.dispose()
    dest.dispose()


def test_a_team_database_is_upgraded_only_after_its_owner_made_a_pg_dump(pg_cluster, tmp_path, monkeypatch):
    from alembic import command

    with pg_cluster.admin.connect() as con:
        con.execute(text("CREATE DATABASE workbench_release"))
    url = pg_cluster.url("workbench_release")
    engine = create_engine(url)
    with engine.begin() as con:
        config = alembic_config()
        config.attributes["connection"] = con
        command.upgrade(config, "0016")
    engine.dispose()
    source = release_workspace(tmp_path)
    copy_rows(source, url)
    parameters, events = stored(source)
    before = counts(url)
    monkeypatch.delenv("WORKBENCH_PG_DUMP", raising=False)
    with pytest.raises(UserError, match="back it up first: pg_dump --format=custom .* WORKBENCH_PG_DUMP=before-upgrade.dump"):
        open_workspace(url)
    (tmp_path / "notes.txt").write_text("I did back it up, honest")
    monkeypatch.setenv("WORKBENCH_PG_DUMP", str(tmp_path / "notes.txt"))
    with pytest.raises(UserError, match="is not a pg_dump file"):
        open_workspace(url)
    assert counts(url) == before
    dump = tmp_path / "before-upgrade.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", url.replace("+psycopg", "")], check=True, timeout=120)
    monkeypatch.setenv("WORKBENCH_PG_DUMP", str(dump))
    ws = open_workspace(url)
    try:
        assert ws.migrated_from == "0016"
        after = counts(url)
        assert kept_every_row({t: n for t, n in before.items() if t != "team_member"}, after, stage_references=len(events))
        check_migrated(ws)
        check_split(ws, parameters, events)  # 0018: parameters, declarations, evidence references and PDD texts
    finally:
        ws.close()
    with create_engine(url).connect() as con:
        assert {r[0] for r in con.execute(text("SELECT version_num FROM alembic_version"))} == head_revisions()


def test_a_package_written_by_the_release_imports_in_the_new_shape(tmp_path):
    ws = open_workspace(tmp_path / "w.sqlite")
    try:
        change, report = packages.import_package(ws, ON, RELEASE / "vn-acc-01.zip")
        assert report.action == "created"
        with ws.reading() as s:
            project = s.scalar(select(ProjectRow).where(ProjectRow.code == "VN-ACC-01"))
            assert (project.agreement_id, project.agreement_unmatched) == (1, "")
        attached = {f.name: f.attached_to.en for f in evidence.list_files(ws, "VN-ACC-01")}
        assert attached["calibration JL-2025-0113.pdf"].startswith("finding ")
        assert attached["meter log 2025.xlsx"] == "period 1"
        assert attached["vp cover signed.pdf"].startswith("archived Verification package 1 (file ")
        assert attached["pdd annex.pdf"] == "the project (was attached to document pdd, which is not in this project)"
        assert [t.code for t in lifecycle.view_project(ws, "VN-ACC-01", ON.today).tasks] == ["evidence_unmatched"]
        # the same project exported again in the new shape comes back unchanged
        again = packages.export_package(ws, ON, "VN-ACC-01", tmp_path / "again.zip")
        assert packages.import_package(ws, ON, again)[1].action == "unchanged"
    finally:
        ws.close()


@pytest.fixture
def issued(ws, tmp_path):
    from tests.unit.test_ledger import verified_wind_period

    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    return actor


def test_a_misspelt_holder_is_refused_with_the_account_suggested(ws, issued):
    owner = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.holder.startswith("Huaxia"))
    before = file_digest(ws)
    with pytest.raises(UserError, match=r"did you mean account \d+ 'Shenzhen Energy Trading Co\.'\?"):
        ledger.transfer(ws, issued, owner.block, "SHENZHEN  Energy Trading Co.", 10)
    with pytest.raises(UserError, match=r"did you mean account \d+ 'Shenzhen Energy Trading Co\.'\?"):
        ledger.transfer(ws, issued, owner.block, "Ｓhenzhen Energy Trading Co.", 10)
    with pytest.raises(UserError, match="no account held by 'Nobody' in the CN registry; open it first: workbench account open 'Nobody' --registry CN"):
        ledger.transfer(ws, issued, owner.block, "Nobody", 10)
    with pytest.raises(UserError, match=r"differs only by case, spacing or full-width characters from account \d+ 'Shenzhen Energy Trading Co\.'") as near:
        accounts.open_account(ws, issued, "shenzhen energy trading co.", "CN")
    assert re.search(r"与 CN 登记系统中的 账户 \d+（“Shenzhen Energy Trading Co\.”）", near.value.in_lang("zh"))  # not "account 8" in Chinese
    with pytest.raises(UserError, match="already holds account"):
        accounts.open_account(ws, issued, "Shenzhen Energy Trading Co.", "cn")
    assert file_digest(ws) == before
    account = next(a for a in accounts.list_accounts(ws, "CN") if a.holder == "Shenzhen Energy Trading Co.")
    moved = ledger.transfer(ws, issued, owner.block, str(account.id), 10).result["block"]  # by id too
    assert next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.block == moved).holder == "Shenzhen Energy Trading Co."
    assert accounts.open_account(ws, issued, "Shenzhen Energy Trading Co.", "VN").result["registry"] == "VN"  # another registry


def test_a_target_that_does_not_exist_and_deleting_one_with_evidence_are_refused(ws, tmp_path):
    actor = Actor("tester", date(2025, 3, 3))
    create_demo_projects(ws, actor)
    vvb = validation.add_vvb(ws, actor, {"name_en": "VVB One", "scopes": "forestry"}).result["id"]
    engagement = validation.engage(ws, actor, "GX-AR-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    finding = validation.raise_finding(ws, actor, engagement, "CAR", "Land tenure certificate missing").result["id"]
    spare = validation.raise_finding(ws, actor, engagement, "CL", "Raised twice by mistake").result["id"]
    scan = tmp_path / "tenure.pdf"
    scan.write_bytes(b"%PDF-1.4 tenure certificate")
    file_id = evidence.attach(ws, actor, "GX-AR-01", scan, f"finding:{finding}").result["id"]
    before = file_digest(ws)
    for target, message in ((f"finding:{finding + 100}", f"project GX-AR-01 has no finding {finding + 100}"),
                            ("period:4", "project GX-AR-01 has no period 4"), ("document:pdd", "project GX-AR-01 has no document pdd"),
                            ("document:12345", "project GX-AR-01 has no document 12345")):
        with pytest.raises(UserError, match=message):
            evidence.attach(ws, actor, "GX-AR-01", scan, target)
        with pytest.raises(UserError, match=message):
            evidence.move(ws, actor, file_id, target)
    with pytest.raises(UserError, match=rf"CAR-1 cannot be deleted while these refer to it: evidence files {file_id} \(tenure.pdf\)"):
        validation.remove_finding(ws, actor, finding, "raised by mistake")
    with pytest.raises(UserError, match="say why"):
        validation.remove_finding(ws, actor, spare, " ")
    assert file_digest(ws) == before
    with ws.transaction() as s:  # the database refuses too, whoever deletes
        with pytest.raises(Exception):
            with s.begin_nested():
                s.execute(text("DELETE FROM finding WHERE id = :i"), {"i": finding})
    validation.remove_finding(ws, actor, spare, "raised twice")
    evidence.move(ws, actor, file_id, "")  # on the project now: the finding may go
    assert validation.remove_finding(ws, actor, finding, "withdrawn by the VVB").entities[0].after is None


def test_an_archived_document_with_evidence_cannot_be_deleted(ws, tmp_path):
    from workbench.services.documents import documents

    create_demo_projects(ws, ON)
    vvb = validation.add_vvb(ws, ON, {"name_en": "VVB One"}).result["id"]
    engagement = validation.engage(ws, ON, "VN-OFW-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
    validation.sample_sites(ws, ON, engagement)
    documents.render(ws, "validation-package", "VN-OFW-01", "en", tmp_path / "final.pdf", ON.today, final=True, archive=ON)
    (archived,) = evidence.list_files(ws, "VN-OFW-01")
    cover = tmp_path / "cover.pdf"
    cover.write_bytes(b"%PDF-1.4 signed cover")
    attached = evidence.attach(ws, ON, "VN-OFW-01", cover, "document:validation-package").result["id"]
    assert evidence.list_files(ws, "VN-OFW-01")[1].attached_to.en == f"archived Validation package (file {archived.id})"
    before = file_digest(ws)
    with pytest.raises(UserError, match=rf"final.pdf cannot be deleted while these refer to it: evidence files {attached} \(cover.pdf\)"):
        evidence.remove(ws, ON, archived.id, confirmed=True, reason="re-rendered")
    assert file_digest(ws) == before


def test_a_package_that_would_delete_a_finding_with_evidence_is_refused(tmp_path):
    ws = open_workspace(tmp_path / "w.sqlite")
    try:
        actor = Actor("tester", date(2025, 3, 3))
        create_demo_projects(ws, actor)
        older = packages.export_package(ws, actor, "GX-AR-01", tmp_path / "older.zip")
        vvb = validation.add_vvb(ws, actor, {"name_en": "VVB One", "scopes": "forestry"}).result["id"]
        engagement = validation.engage(ws, actor, "GX-AR-01", vvb, "validation", "Li Wei, Zhang Min").result["id"]
        finding = validation.raise_finding(ws, actor, engagement, "CAR", "Land tenure certificate missing").result["id"]
        scan = tmp_path / "tenure.pdf"
        scan.write_bytes(b"%PDF-1.4 tenure certificate")
        evidence.attach(ws, actor, "GX-AR-01", scan, f"finding:{finding}")
        before = file_digest(ws)
        with pytest.raises(UserError, match=r"would delete records that still have evidence here: finding/.* \(evidence file \d+, tenure.pdf\)"):
            packages.import_package(ws, actor, older, take="incoming")
        assert file_digest(ws) == before
    finally:
        ws.close()


def test_a_project_names_a_recorded_agreement_or_keeps_the_name_as_a_task(ws):
    actor = Actor("tester", date(2025, 3, 3))
    values = {"code": "VN-X", "title_en": "X", "programme": "bri", "host_country": "VN", "sector": "energy", "agreement": "CN-VN MoU"}
    pid = projects.create_project(ws, actor, values).result["id"]
    assert [t.code for t in lifecycle.view_project(ws, pid, actor.today).tasks] == ["agreement_unmatched"]
    assert ledger.add_agreement(ws, actor, "CN-VN MoU", "VN").result["linked_projects"] == [pid]  # recording it links the project
    lao = ledger.add_agreement(ws, actor, "CN-LA MoU", "LA").result["id"]
    before = file_digest(ws)
    with pytest.raises(UserError, match=r"agreement 'cn-vn  mou' is already recorded as 1: 'CN-VN MoU'"):
        ledger.add_agreement(ws, actor, "cn-vn  mou", "VN")
    with pytest.raises(UserError, match="agreement 'CN-LA MoU' is with LA; project VN-X is in VN"):
        projects.update_project(ws, actor, pid, {"agreement": str(lao)})
    with pytest.raises(UserError, match="no agreement 99"):
        projects.update_project(ws, actor, pid, {"agreement": "99"})
    assert file_digest(ws) == before
    view = lifecycle.view_project(ws, pid, actor.today)
    assert (view.snapshot.header.agreement, view.snapshot.header.agreement_id) == ("CN-VN MoU", 1)  # linked when recorded
    assert view.tasks == ()
    other = ledger.add_agreement(ws, actor, "CN-VN MoU 2025", "VN").result["id"]
    change = projects.update_project(ws, actor, pid, {"agreement": "cn-vn mou 2025"})
    assert lifecycle.view_project(ws, pid, actor.today).snapshot.header.agreement_id == other
    inverse(change)(ws, actor)  # undo goes back to the agreement linked before
    assert lifecycle.view_project(ws, pid, actor.today).snapshot.header.agreement == "CN-VN MoU"


def test_the_migration_goes_back_to_the_release_texts(tmp_path):
    """Downgrading 0017 writes every link as the release's text again (unmatched text as it was)."""
    from alembic import command

    path = release_workspace(tmp_path)
    con = sqlite3.connect(path)
    texts = dict(con.execute("SELECT id, attached_to FROM evidence_file").fetchall())
    agreements = dict(con.execute("SELECT code, agreement FROM project").fetchall())
    con.close()
    open_workspace(path).close()
    engine = create_engine(f"sqlite:///{path}")  # foreign keys off, as a schema change on SQLite needs
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, _revision_graph()["0017_references"][-1])  # a parent: 0017 goes, whatever else follows it
    engine.dispose()
    con = sqlite3.connect(path)
    # the evidence of "document verification-package" names the archived document it was matched to in full
    assert dict(con.execute("SELECT id, attached_to FROM evidence_file").fetchall()) == {**texts, 6: "document verification-package 1"}
    back = dict(con.execute("SELECT code, agreement FROM project").fetchall())
    con.close()
    assert back == {**agreements, "VN-ACC-02": VIET_NAM}  # the linked agreement's own name


def test_a_package_holder_written_differently_lands_in_the_existing_account(tmp_path):
    from tests.unit.test_ledger import verified_wind_period

    first = open_workspace(tmp_path / "first.sqlite")
    second = open_workspace(tmp_path / "second.sqlite")
    try:
        actor = verified_wind_period(first, tmp_path)
        ledger.issue(first, actor, "VN-OFW-01", 1, "2026-01-20")
        owner = next(x for x in ledger.ledger(first, "VN-OFW-01") if x.holder.startswith("Huaxia"))
        ledger.transfer(first, actor, owner.block, "Shenzhen Energy Trading Co.", 10)
        package = packages.export_package(first, actor, "VN-OFW-01", tmp_path / "p.zip")
        there = accounts.open_account(second, actor, "SHENZHEN  Energy Trading Co.", "CN").result["id"]
        packages.import_package(second, actor, package)
        assert [a.holder for a in accounts.list_accounts(second, "CN") if match_key(a.holder) == match_key("Shenzhen Energy Trading Co.")] == [
            "SHENZHEN Energy Trading Co."]  # opening an account keeps single spaces
        moved = next(x for x in ledger.ledger(second, "VN-OFW-01") if x.quantity == 10)
        assert moved.holder == "SHENZHEN Energy Trading Co." and there == 1
    finally:
        first.close()
        second.close()
