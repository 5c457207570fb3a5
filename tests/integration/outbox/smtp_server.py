"""A tiny loopback SMTP server for tests (aiosmtpd is not installed): enough of RFC 5321 for smtplib."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Inbox:
    messages: list[Received] = field(default_factory=list)


class _Handler(socketserver.StreamRequestHandler):
    inbox: Inbox
    hold: threading.Event | None = None  # set: the first message's end of data is never answered

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        sender, recipients = "", []
        while raw := self.rfile.readline():
            command = raw.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 localhost")
            elif verb == "MAIL":
                sender, recipients = command.split(":", 1)[1].strip(" <>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    chunks.append(line[1:] if line.startswith(b"..") else line)
                if self.hold is not None and not self.hold.is_set():
                    # hold the sender mid-transaction: no "250" means the message is not accepted (RFC 5321);
                    # wait until the client goes away, then drop the message
                    self.hold.set()
                    while self.rfile.readline():
                        pass
                    return
                self.inbox.messages.append(Received(sender, recipients, b"".join(chunks)))
                self.reply("250 OK queued")
            elif verb == "RSET":
                sender, recipients = "", []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@contextmanager
def smtp_server(hold: threading.Event | None = None) -> Iterator[tuple[int, Inbox]]:
    """A server on a free loopback port; with ``hold``, the first message is held unanswered (``hold`` is set
    when it arrives) and never accepted, and later ones are accepted."""
    inbox = Inbox()
    handler = type("Handler", (_Handler,), {"inbox": inbox, "hold": hold})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], inbox
    finally:
        server.shutdown()
        server.server_close()
