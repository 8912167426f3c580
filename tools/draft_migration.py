"""Draft a migration by autogenerate (developer tool): python tools/draft_migration.py SCRATCH_DB MESSAGE REV_ID [HEAD]

The scratch database is upgraded to the current heads first; the new revision goes on HEAD (default: the single head)."""
import sys
from pathlib import Path
from alembic import command
from sqlalchemy import create_engine
from workbench.store.workspace import alembic_config
db = Path(sys.argv[1]); msg = sys.argv[2]; rev = sys.argv[3]
engine = create_engine(f"sqlite:///{db}")
cfg = alembic_config()
with engine.begin() as c:
    cfg.attributes["connection"] = c
    command.upgrade(cfg, "heads")
with engine.begin() as c:
    cfg.attributes["connection"] = c
    kw = {"head": sys.argv[4]} if len(sys.argv) > 4 else {}
    command.revision(cfg, message=msg, autogenerate=True, rev_id=rev, **kw)
