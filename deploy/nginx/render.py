"""Render the nginx site file for 绩效分级助手 from jixiao-bot.conf.j2.

    python deploy/nginx/render.py --server-name bot.example.gov.cn \
        --certificate /etc/ssl/bot.crt --certificate-key /etc/ssl/bot.key > /etc/nginx/sites-available/jixiao-bot

Without arguments it prints deploy/nginx/jixiao-bot.conf, whose TLS paths are placeholders. `--listen` gives
a plain-HTTP server instead (no TLS): for the end-to-end test, or behind another TLS terminator.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jinja2

HERE = Path(__file__).resolve().parent
TEMPLATE = "jixiao-bot.conf.j2"
PLACEHOLDER_CERTIFICATE = "/etc/jixiao-bot/tls/PLACEHOLDER-fullchain.pem"
PLACEHOLDER_CERTIFICATE_KEY = "/etc/jixiao-bot/tls/PLACEHOLDER-privkey.pem"


def render(
    server_name: str = "bot.example.gov.cn",
    upstream: str = "127.0.0.1:8080",
    certificate: str = PLACEHOLDER_CERTIFICATE,
    certificate_key: str = PLACEHOLDER_CERTIFICATE_KEY,
    listen: str | None = None,
    access_log: str = "/var/log/nginx/jixiao-bot.access.log",
    monitoring: tuple[str, ...] = (),
) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE), undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    return environment.get_template(TEMPLATE).render(
        tls=listen is None,
        server_name=server_name,
        upstream=upstream,
        certificate=certificate,
        certificate_key=certificate_key,
        listen=listen,
        access_log=access_log,
        monitoring=monitoring,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", default="bot.example.gov.cn", help="the public domain name")
    parser.add_argument("--upstream", default="127.0.0.1:8080", help="where `python -m bot serve` listens")
    parser.add_argument("--certificate", default=PLACEHOLDER_CERTIFICATE, help="certificate chain (PEM)")
    parser.add_argument("--certificate-key", default=PLACEHOLDER_CERTIFICATE_KEY, help="its key (PEM)")
    parser.add_argument(
        "--listen", help="plain HTTP on this address instead of TLS on 443, e.g. 127.0.0.1:8081"
    )
    parser.add_argument("--access-log", default="/var/log/nginx/jixiao-bot.access.log")
    parser.add_argument(
        "--allow-monitoring",
        action="append",
        default=[],
        metavar="NETWORK",
        help="a network that may read /healthz and /readyz besides loopback (repeatable)",
    )
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            args.server_name,
            args.upstream,
            args.certificate,
            args.certificate_key,
            args.listen,
            args.access_log,
            tuple(args.allow_monitoring),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
