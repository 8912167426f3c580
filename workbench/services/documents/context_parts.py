"""Parts every document's context shares: the project's facts and its participants (stored values the templates
word through their labels, ``|label`` and ``|country``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from workbench.services.projects.agreements import agreement_name
from workbench.store.models import ProjectRow


def project_facts(row: ProjectRow) -> dict[str, Any]:
    crediting = {"start": row.crediting_start, "end": row.crediting_end} if row.crediting_start and row.crediting_end else None
    return {
        "code": row.code, "title_en": row.title_en, "title_zh": row.title_zh,
        "programme": row.programme, "sector": row.sector,
        "host_country": row.host_country, "agreement": agreement_name(object_session(row), row),
        "methodology": f"{row.methodology_id}-{row.methodology_version}" if row.methodology_id else "",
        "construction_start": str(row.construction_start) if row.construction_start else None,
        "operation_start": str(row.operation_start) if row.operation_start else None,
        "project_start": str(row.project_start) if row.project_start else None,
        "lifetime_years": row.lifetime_years, "crediting": crediting,
    }


def parties(row: ProjectRow) -> list[dict[str, str]]:
    return [{"name_en": p.name_en, "name_zh": p.name_zh, "role": p.role, "nationality": p.nationality, "country": p.country,
             "form": p.participation_form} for p in row.parties]
