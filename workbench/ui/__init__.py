"""The desktop GUI (PySide6). The only layer that imports Qt; it calls services and holds no business rule."""
