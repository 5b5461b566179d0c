"""Drive load with wrk from a separate process and read its figures."""

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Result:
    """Throughput and latency percentiles of one scenario."""

    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(text)
    return float(match.group(1)) * _UNITS[match.group(2)]


def _find(pattern: str, output: str) -> str:
    match = re.search(pattern, output, re.MULTILINE)
    if match is None:
        raise ValueError(f"wrk printed no {pattern!r}:\n{output}")
    return match.group(1)


def _lua_post(body: str) -> str:
    quoted = body.replace("\\", "\\\\").replace('"', '\\"')
    return (
        'wrk.method = "POST"\n'
        f'wrk.body = "{quoted}"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
    )


def run(
    name: str,
    url: str,
    *,
    seconds: int,
    connections: int,
    post: str | None = None,
    script: str | None = None,
) -> Result:
    """Run wrk against `url` (a POST of `post` when given) and parse its report.

    `script` is a wrk Lua script of the caller's (say, a `request()` that
    mixes requests); it replaces the POST script.
    """
    with tempfile.TemporaryDirectory() as folder:
        command = [
            "wrk",
            "--latency",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            url,
        ]
        lua = script
        if lua is None and post is not None:
            lua = _lua_post(post)
        if lua is not None:
            path = Path(folder) / "script.lua"
            path.write_text(lua)
            command[1:1] = ["-s", str(path)]
        finished = subprocess.run(  # noqa: S603 (our own wrk command line)
            command, capture_output=True, text=True, check=True
        )
        output = finished.stdout
    rps = float(_find(r"Requests/sec:\s+([\d.]+)", output))
    p50 = _milliseconds(_find(r"^\s+50%\s+(\S+)", output))
    p99 = _milliseconds(_find(r"^\s+99%\s+(\S+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(group) for group in socket_errors.groups())
    return Result(name, rps, p50, p99, errors)
