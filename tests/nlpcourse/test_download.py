"""fetch: the real download code against a loopback server (no test touches the internet)."""
import hashlib

import pytest
from loopback_http import LoopbackServer, unused_loopback_url

from nlpcourse import ChecksumError, DownloadError
from nlpcourse.download import RemoteFile, fetch

PAYLOAD = bytes(range(256)) * 1000  # 256 kB: several chunks, so the progress bar and the cut-off matter
PAYLOAD_SHA256 = hashlib.sha256(PAYLOAD).hexdigest()


@pytest.fixture
def server():
    with LoopbackServer() as running:
        running.routes["/data.bin"] = PAYLOAD
        yield running


@pytest.fixture
def downloads(tmp_path):
    return tmp_path / "downloads"


def remote(url, sha256=PAYLOAD_SHA256, size=None):
    return RemoteFile(url, "data.bin", sha256=sha256, size=size)


def leftovers(directory):
    return sorted(path.name for path in directory.rglob("*")) if directory.exists() else []


def test_download_is_verified_saved_and_reused(server, downloads):
    path = fetch(remote(server.url("/data.bin")), downloads)
    assert path == downloads / "data.bin" and path.read_bytes() == PAYLOAD
    assert fetch(remote(server.url("/data.bin")), downloads) == path
    assert server.requests == ["/data.bin"], "the second fetch must use the saved file"
    assert leftovers(downloads) == ["data.bin"]


def test_wrong_checksum_raises_and_leaves_nothing(server, downloads):
    wrong = "0" * 64
    with pytest.raises(ChecksumError, match=rf"sha256 {PAYLOAD_SHA256}, expected {wrong}"):
        fetch(remote(server.url("/data.bin"), sha256=wrong), downloads)
    assert leftovers(downloads) == []


def test_server_dying_mid_transfer_raises_and_leaves_nothing(server, downloads):
    server.cut_off.add("/data.bin")
    with pytest.raises(DownloadError, match="interrupted") as error:
        fetch(remote(server.url("/data.bin")), downloads)
    assert not isinstance(error.value, ChecksumError)
    assert leftovers(downloads) == []


def test_offline_names_the_url_and_where_to_place_the_file(downloads):
    url = unused_loopback_url("/data.bin")
    with pytest.raises(DownloadError, match="could not download") as error:
        fetch(remote(url), downloads)
    assert url in str(error.value) and str(downloads / "data.bin") in str(error.value)
    assert leftovers(downloads) == []


def test_http_error_is_reported_with_its_status(server, downloads):
    with pytest.raises(DownloadError, match="answered HTTP 404"):
        fetch(remote(server.url("/missing.bin")), downloads)


def test_a_file_placed_by_hand_is_used_without_the_network(downloads):
    downloads.mkdir()
    (downloads / "data.bin").write_bytes(PAYLOAD)
    assert fetch(remote(unused_loopback_url("/data.bin")), downloads).read_bytes() == PAYLOAD


def test_a_wrong_file_placed_by_hand_is_rejected_with_the_fix(downloads):
    downloads.mkdir()
    (downloads / "data.bin").write_bytes(b"not the data")
    with pytest.raises(ChecksumError, match=rf"the file at .*data.bin has sha256 .*Delete .*data.bin to download it again"):
        fetch(remote(unused_loopback_url("/data.bin")), downloads)


def test_a_pinned_size_is_checked(server, downloads):
    with pytest.raises(ChecksumError, match=f"has {len(PAYLOAD)} bytes, expected 12"):
        fetch(remote(server.url("/data.bin"), sha256=None, size=12), downloads)
    assert leftovers(downloads) == []


def test_an_unpinned_checksum_warns_with_the_digest_to_pin(server, downloads):
    with pytest.warns(UserWarning, match=f"no sha256 is pinned .* has sha256 {PAYLOAD_SHA256}"):
        path = fetch(remote(server.url("/data.bin"), sha256=None), downloads)
    assert path.read_bytes() == PAYLOAD
