"""A tiny HTTP server on 127.0.0.1 for the download tests: serves bytes by path, can cut a
transfer off halfway, and records what was asked for. Nothing leaves the machine."""
import http.server
import socket
import threading


class LoopbackServer:
    def __init__(self):
        self.routes: dict[str, bytes] = {}
        self.cut_off: set[str] = set()  # paths whose transfer dies halfway
        self.requests: list[str] = []
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        host, port = self._server.server_address
        return f"http://{host}:{port}{path}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                body = server.routes.get(self.path)
                if body is None:
                    self.send_error(404, "no such fixture")
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path in server.cut_off:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)  # the server "dies" mid-transfer
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, *args):  # keep test output clean
                pass

        return Handler


def unused_loopback_url(path: str) -> str:
    """A URL on a loopback port where nothing listens: what an offline machine sees."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"
