"""A tiny SMTP server on 127.0.0.1 for tests: enough of the protocol for Django's SMTP backend.

server = SmtpServer(port)      # not listening yet: the mail server is "down"
server.start()
server.received                # [(recipients, raw message bytes), ...]
server.connections             # how many SMTP sessions were opened
server.down_after = 3          # after 3 emails it answers 421 and hangs up, as a server going down
server.keep_data = False       # keeps who each email was for, not its bytes (a memory benchmark)
server.stop()
"""

import socket
import socketserver
import threading


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        owner = self.server.owner
        owner.session()
        if owner.is_down():
            self.reply("421 localhost going down")
            return
        self.reply("220 localhost test SMTP")
        recipients: list[str] = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250 8BITMIME\r\n")
                self.wfile.flush()
            elif verb in {"HELO", "RSET", "NOOP"}:
                recipients = [] if verb == "RSET" else recipients
                self.reply("250 OK")
            elif verb == "MAIL":
                if owner.is_down():
                    self.reply("421 localhost going down")
                    return
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().split()[0].strip("<>")
                recipients.append(address)
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if not chunk or chunk in {b".\r\n", b".\n"}:
                        break
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.server.owner.record(list(recipients), b"".join(data))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SmtpServer:
    def __init__(self, port: int):
        self.port = port
        self.received: list[tuple[list[str], bytes]] = []
        self.connections = 0
        self.down_after: int | None = None
        self.keep_data = True
        self._lock = threading.Lock()
        self._server = None

    def record(self, recipients: list[str], data: bytes) -> None:
        with self._lock:
            self.received.append((recipients, data if self.keep_data else b""))

    def session(self) -> None:
        with self._lock:
            self.connections += 1

    def is_down(self) -> bool:
        with self._lock:
            return self.down_after is not None and len(self.received) >= self.down_after

    def count_for(self, address: str) -> int:
        with self._lock:
            return sum(address in recipients for recipients, _data in self.received)

    def start(self) -> None:
        self._server = _Server(("127.0.0.1", self.port), _Handler)
        self._server.owner = self
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
