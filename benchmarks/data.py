"""Seeded data shaped like real projects, written to temporary workspaces and files."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from workbench.services.monitoring import meters
from workbench.services.methodology import methodology
from workbench.services.support.context import Actor
from workbench.services.demo.projects import create_demo_projects
from workbench.services.projects.projects import create_project
from workbench.store.models_monitoring import MeterRow, ReadingRow
from workbench.store.workspace import Workspace

ACTOR = Actor("bench", date(2035, 1, 1))


def readings_csv(path: Path, rows: int, minutes: int = 15, seed: int = 7) -> Path:
    """``rows`` readings of one export meter every ``minutes`` from 2025-01-01, in kWh with 3 decimals."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1)
    step = timedelta(minutes=minutes)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("meter,start,minutes,kwh\n")
        for i in range(rows):
            fh.write(f"EXP-1,{(start + i * step):%Y-%m-%d %H:%M},{minutes},{rng.randint(0, 40_000_000) / 1000:.3f}\n")
    return path


def wind_workspace(ws: Workspace) -> None:
    """The demo projects, with the export meter the import benchmark reads into."""
    create_demo_projects(ws, ACTOR)
    methodology.set_parameter(ws, ACTOR, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, ACTOR, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2"})


def hourly_years(ws: Workspace, project_code: str, years: int, seed: int = 3) -> None:
    """``years`` of hourly export readings for one project, bulk inserted."""
    rng = random.Random(seed)
    with ws.transaction() as s:
        from workbench.services.projects.projects import resolve

        p = resolve(s, project_code)
        meter = s.query(MeterRow).filter_by(project_id=p.id, serial="EXP-1").one_or_none()
        if meter is None:
            meter = MeterRow(project_id=p.id, serial="EXP-1", role="export", accuracy_class=__import__("decimal").Decimal("0.2"), location="")
            s.add(meter)
            s.flush()
        start = datetime(2025, 1, 1)
        batch = []
        for hour in range(years * 8760):
            batch.append({"meter_id": meter.id, "start": start + timedelta(hours=hour), "minutes": 60, "wh": rng.randint(0, 400_000_000)})
            if len(batch) == 50_000:
                s.execute(ReadingRow.__table__.insert(), batch)
                batch = []
        if batch:
            s.execute(ReadingRow.__table__.insert(), batch)


def many_projects(ws: Workspace, count: int, years: int) -> None:
    for i in range(count):
        code = f"P-{i:02d}"
        create_project(ws, ACTOR, {"code": code, "title_en": f"Wind farm {i}", "programme": "ccer", "host_country": "CN",
                                   "sector": "energy", "methodology_id": "CCER-01-002"})
        hourly_years(ws, code, years, seed=i)
