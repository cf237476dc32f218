"""Reading a zip file someone else made: member names checked, every read capped.

A package may be truncated, hold a member called `../../.bashrc`, or declare (or inflate
to) gigabytes. `SafeZip` refuses unsafe names when it opens the file and reads each
member in chunks, stopping at `MAX_MEMBER_BYTES`, so a bomb costs a few megabytes of
work, never the disk or the memory. zstd members (Anki's modern packages) are inflated
the same way: their frames carry no content size, so they are streamed too.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO, Protocol, Self, cast

from quizzer.errors import QuizzerError

__all__ = ["MAX_MEMBER_BYTES", "ZSTD_MAGIC", "SafeZip", "unzstd"]

MAX_MEMBER_BYTES = 200 * 1024 * 1024
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 1024 * 1024
_MIB = 1024 * 1024


class SafeZip:
    """A zip archive whose member names were checked; `read` caps every member."""

    def __init__(self, path: Path, *, cap: int = MAX_MEMBER_BYTES) -> None:
        self.path = path
        self.cap = cap
        try:
            self._zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise QuizzerError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise QuizzerError(f"{path}: is a folder, not a file") from None
        except OSError as error:
            raise QuizzerError(f"{path}: cannot read file: {error.strerror or error}") from None
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise QuizzerError(f"{path}: not a zip file, or a truncated one") from None
        try:
            self._infos = {info.filename: info for info in self._zip.infolist()}
            for info in self._infos.values():
                _check_name(path, info.filename)
                if info.file_size > cap:
                    raise QuizzerError(
                        f"{path}: member {info.filename[:60]!r} declares "
                        f"{info.file_size / _MIB:.0f} MiB; at most {cap // _MIB} MiB is read"
                    )
        except BaseException:
            self._zip.close()
            raise

    def names(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        """The member's size as the archive declares it (reading checks it)."""
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        """The member's bytes, at most `cap`: a member that inflates past it is refused."""
        try:
            with self._zip.open(self._infos[name]) as member:
                return _read_capped(member, self.cap, self.path, name)
        except QuizzerError:
            raise
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError) as error:
            raise QuizzerError(
                f"{self.path}: member {name[:60]!r} is damaged or truncated ({error})"
            ) from None

    def extract(self, name: str, target: BinaryIO) -> int:
        """Stream the member into `target`, zstd-decompressed when it is a zstd frame,
        chunk by chunk (never whole in memory), at most `cap` bytes; the bytes written."""
        where = f"{self.path}: member {name[:60]!r}"
        try:
            with self._zip.open(self._infos[name]) as member:
                head = cast(zipfile.ZipExtFile, member).peek(len(ZSTD_MAGIC))
                if head[: len(ZSTD_MAGIC)] != ZSTD_MAGIC:
                    return _copy_capped(member, target, self.cap, where)
                import zstandard

                try:
                    with zstandard.ZstdDecompressor().stream_reader(member) as reader:
                        return _copy_capped(reader, target, self.cap, where)
                except zstandard.ZstdError as error:
                    raise QuizzerError(f"{where}: damaged zstd data ({error})") from None
        except QuizzerError:
            raise
        except (zipfile.BadZipFile, EOFError, zlib.error, ValueError) as error:
            raise QuizzerError(f"{where} is damaged or truncated ({error})") from None

    def read_inflated(self, name: str) -> bytes:
        """The member's bytes, zstd-decompressed when they are a zstd frame."""
        data = self.read(name)
        return unzstd(data, self.cap, f"{self.path}: member {name[:60]!r}")

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def unzstd(data: bytes, cap: int, where: str) -> bytes:
    """`data` decompressed when it starts with the zstd magic, else as it is; at most
    `cap` bytes (the frames declare no content size, so it is read as a stream)."""
    if not data.startswith(ZSTD_MAGIC):
        return data
    import zstandard

    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
            return _read_capped(reader, cap, where, "")
    except zstandard.ZstdError as error:
        raise QuizzerError(f"{where}: damaged zstd data ({error})") from None


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def _read_capped(stream: _Readable, cap: int, where: object, name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    read = stream.read
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > cap:
            label = f"member {name[:60]!r}" if name else "its data"
            raise QuizzerError(f"{where}: {label} inflates past {cap // _MIB} MiB; refused")
        chunks.append(chunk)


def _copy_capped(stream: _Readable, target: BinaryIO, cap: int, where: str, total: int = 0) -> int:
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > cap:
            raise QuizzerError(f"{where} inflates past {cap // _MIB} MiB; refused")
        target.write(chunk)
    return total


def _check_name(path: Path, name: str) -> None:
    """Refuse a member name that could point outside a folder it is extracted to."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if (
        name.startswith(("/", "\\"))
        or pure.is_absolute()
        or ".." in pure.parts
        or (len(name) > 1 and name[1] == ":")
        or "\x00" in name
    ):
        raise QuizzerError(f"{path}: unsafe member name {name[:60]!r} (absolute or with '..')")
