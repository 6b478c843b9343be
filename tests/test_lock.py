"""requirements.lock (make lock) pins, at one version each, every dependency pyproject.toml names, within
the range it names, and only releases by name (no paths, URLs or local indexes)."""

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.harness import ROOT


def test_the_lock_pins_every_dependency_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [
        Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["test"]
    ]
    lines = [line.strip() for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()]
    pins = [line for line in lines if line and not line.startswith("#")]
    assert all("==" in pin and not pin.startswith("-") and "/" not in pin for pin in pins), pins
    pinned = {canonicalize_name(name): version for name, version in (pin.split("==") for pin in pins)}
    assert len(pinned) == len(pins)
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pinned, requirement
        assert requirement.specifier.contains(pinned[name], prereleases=True), (requirement, pinned[name])
        for extra in requirement.extras:  # psycopg[binary] -> psycopg-binary, wechatpy[cryptography] -> …
            assert any(canonicalize_name(extra) in other for other in pinned), (requirement, extra)
