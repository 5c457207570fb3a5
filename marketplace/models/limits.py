"""Rate-limit counters shared by every backend worker (``accounts.ratelimit``).

One row per (bucket, key, window): ``count`` actions of that kind by that caller in the fixed window that
starts at ``window_start`` (Unix seconds). ``expires`` (Unix seconds, the window's end) lets the worker delete
spent windows. ``key`` is a hash of the user id or client address, never the address itself.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, String
from sqlmodel import Field, SQLModel


class RateHit(SQLModel, table=True):
    __tablename__ = "rate_hits"

    bucket: str = Field(sa_type=String(32), primary_key=True)
    key: str = Field(sa_type=String(64), primary_key=True)
    window_start: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    count: int = Field(default=0)
    expires: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
