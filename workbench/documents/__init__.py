"""Documents: plain context from services, sandboxed Jinja2 templates, PDF on ReportLab."""
