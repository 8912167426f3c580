"""Projects, their parties and sites, stages, deadlines, risks and joint-body decisions."""
