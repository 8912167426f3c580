"""Parts every document's context shares: the project's facts and its participants, in both languages."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from workbench.domain.parties import Nationality, ParticipationForm, PartyRole
from workbench.domain.project import Programme, Sector
from workbench.domain.text import Bilingual
from workbench.services.projects.agreements import agreement_name
from workbench.store.models import ProjectRow


def project_facts(row: ProjectRow) -> dict[str, Any]:
    crediting = f"{row.crediting_start} – {row.crediting_end}" if row.crediting_start and row.crediting_end else None
    return {
        "code": row.code, "title_en": row.title_en, "title_zh": row.title_zh,
        "programme_en": Programme(row.programme).en, "programme_zh": Programme(row.programme).zh,
        "sector_en": Sector(row.sector).en, "sector_zh": Sector(row.sector).zh,
        "host_country": row.host_country, "agreement": agreement_name(object_session(row), row),
        "methodology": f"{row.methodology_id}-{row.methodology_version}" if row.methodology_id else "",
        "construction_start": str(row.construction_start) if row.construction_start else None,
        "operation_start": str(row.operation_start) if row.operation_start else None,
        "lifetime_years": row.lifetime_years, "crediting": crediting,
    }


def parties(row: ProjectRow) -> list[dict[str, str]]:
    out = []
    for p in row.parties:
        role, nat = PartyRole(p.role), Nationality(p.nationality)
        form = ParticipationForm(p.participation_form) if p.participation_form else Bilingual("", "")
        out.append({"name_en": p.name_en, "name_zh": p.name_zh, "role_en": role.en, "role_zh": role.zh, "nationality_en": nat.en,
                    "nationality_zh": nat.zh, "country": p.country, "form_en": form.en, "form_zh": form.zh})
    return out
