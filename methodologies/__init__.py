"""One package per CCER methodology: parameters as data files, equations as small pure functions.

``PACKAGES``: each methodology's id and the package that holds it, so that one methodology is loaded without
loading the others (``workbench.methodology.loader.get``); a test checks it against the packages found."""

PACKAGES = {
    "CCER-01-001": "solar_thermal",
    "CCER-01-002": "offshore_wind",
    "CCER-14-001": "afforestation",
    "CCER-14-002": "mangrove",
}
