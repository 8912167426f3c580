"""Pages of the project workspace; each module defines ``PAGE`` (a Page subclass), found automatically."""
