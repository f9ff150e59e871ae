"""kefu_nb: what every Kefu Insight notebook needs, in one small module.

    from kefu_nb import kefu
    wh = kefu.warehouse()                      # work/demo/kefu.duckdb, read-only
    df = wh.sql("SELECT * FROM agent_daily_kpi WHERE day = ?", "2026-11-11")  # a pandas DataFrame
    kefu.setup_plots()                         # a font with Chinese glyphs, one house style

How the DuckDB files are read, in this order:

1. the ``duckdb`` Python module, when it is installed (an analyst's laptop: ``pip install duckdb``);
2. otherwise DuckDB's own JDBC driver through JPype (Debian: ``apt-get install python3-jpype``),
   the very jar the Java modules use: ``~/.m2/repository/org/duckdb/duckdb_jdbc/<version>/``, the
   version pinned in the root ``pom.xml`` (``$KEFU_DUCKDB_JDBC`` names another jar). This is what
   CI uses, as PyPI cannot be reached there and Debian does not package DuckDB for Python.

Both give the same DataFrames: DATE and TIMESTAMP columns as ``datetime64[ns]`` (TIMESTAMP columns
hold UTC, DATE columns shop-local days, as everywhere in the warehouse), DECIMAL and DOUBLE as
``float64``, integers as ``int64`` (``float64`` when the column has NULLs), BOOLEAN as ``bool``
(``object`` with NULLs), text as ``object``. Set ``KEFU_NB_BACKEND=jdbc`` to force the JDBC route.

Files are opened read-only: the batch job publishes the warehouse by renaming a complete new file
over the old one, so a notebook never blocks it. A file that another process holds read-write
(the dashboard's ``app.duckdb`` while the dashboard runs) is read from a snapshot copy.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "work" / "demo"

_DATE_TYPES = ("DATE",)
_TIME_TYPES = ("TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "DATETIME")
_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
              "UINTEGER", "UBIGINT", "INT", "INT2", "INT4", "INT8")
_FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL", "NUMERIC")


def backend() -> str:
    """``duckdb`` or ``jdbc``: how this process reads DuckDB files."""
    if os.environ.get("KEFU_NB_BACKEND", "").lower() == "jdbc":
        return "jdbc"
    try:
        import duckdb  # noqa: F401
        return "duckdb"
    except ImportError:
        return "jdbc"


def _base_type(t: str) -> str:
    t = t.upper().strip()
    return re.split(r"[(\s]", t, maxsplit=1)[0] if not t.startswith("TIMESTAMP WITH") else "TIMESTAMPTZ"


def _normalize(df: pd.DataFrame, types: list[str]) -> pd.DataFrame:
    """One set of dtypes whichever backend read the rows (see the module's note)."""
    out = {}
    for j, t in enumerate(types):
        b = _base_type(t)
        s = df.iloc[:, j]
        if b in _DATE_TYPES or b in _TIME_TYPES:
            s = pd.to_datetime(s)
        elif b == "TIMESTAMPTZ":
            s = pd.to_datetime(s, utc=True).dt.tz_localize(None)
        elif b in _FLOAT_TYPES:
            s = pd.to_numeric(s, errors="coerce").astype("float64")
        elif b in _INT_TYPES:
            s = pd.to_numeric(s, errors="coerce")
            s = s.astype("float64") if s.isna().any() else s.astype("int64")
        elif b == "BOOLEAN":
            if s.dtype == object:
                s = s.map(lambda v: v if v is None or isinstance(v, bool) or (isinstance(v, float) and math.isnan(v))
                          else str(v).lower() == "true")
            if not s.isna().any():
                s = s.astype(bool)
        out[j] = s
    result = pd.DataFrame(out, index=df.index)
    result.columns = list(df.columns)
    return result


def _normalize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes for a DataFrame from the duckdb module (whose conversions vary by version)."""
    import datetime
    import decimal
    out = {}
    for j in range(df.shape[1]):
        s = df.iloc[:, j]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            s = s.astype("datetime64[ns]")
        elif str(s.dtype) in ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
                              "Float32", "Float64"):
            s = s.astype("float64") if s.isna().any() else s.astype("int64" if str(s.dtype)[0] in "IU" else "float64")
        elif str(s.dtype) == "boolean":
            s = s.astype(object).where(s.notna(), None) if s.isna().any() else s.astype(bool)
        elif s.dtype == object:
            first = s.dropna().iloc[0] if s.notna().any() else None
            if isinstance(first, (datetime.date, datetime.datetime)):
                s = pd.to_datetime(s)
            elif isinstance(first, decimal.Decimal):
                s = s.astype("float64")
        elif pd.api.types.is_float_dtype(s.dtype):
            s = s.astype("float64")
        out[j] = s
    result = pd.DataFrame(out, index=df.index)
    result.columns = list(df.columns)
    return result


# ---------------------------------------------------------------------------------------------
# The JDBC route (JPype)

_jvm_started = False


def _pom_duckdb_version() -> str | None:
    pom = REPO / "pom.xml"
    if pom.exists():
        m = re.search(r"<duckdb\.version>([^<]+)</duckdb\.version>", pom.read_text(encoding="utf-8"))
        if m:
            return m.group(1).strip()
    return None


def duckdb_jdbc_jar() -> str:
    """The DuckDB JDBC jar: ``$KEFU_DUCKDB_JDBC``, else the pom's version in the Maven repository."""
    explicit = os.environ.get("KEFU_DUCKDB_JDBC")
    if explicit:
        if not Path(explicit).is_file():
            raise FileNotFoundError(f"KEFU_DUCKDB_JDBC={explicit}: no such file")
        return explicit
    m2 = Path(os.environ.get("KEFU_M2_REPO", Path.home() / ".m2" / "repository"))
    version = _pom_duckdb_version()
    if version:
        jar = m2 / "org" / "duckdb" / "duckdb_jdbc" / version / f"duckdb_jdbc-{version}.jar"
        if jar.is_file():
            return str(jar)
    # Fetch the pinned version through Maven (Maven Central is reachable where PyPI is not).
    if version and shutil.which("mvn"):
        subprocess.run(["mvn", "-B", "-q", "dependency:get", f"-Dartifact=org.duckdb:duckdb_jdbc:{version}"],
                       check=False, cwd=REPO, stdout=subprocess.DEVNULL)
        jar = m2 / "org" / "duckdb" / "duckdb_jdbc" / version / f"duckdb_jdbc-{version}.jar"
        if jar.is_file():
            return str(jar)
    raise FileNotFoundError(
        "no DuckDB JDBC jar: build the project once (mvn package) or set KEFU_DUCKDB_JDBC, "
        "or install the duckdb Python module (pip install duckdb)")


def _start_jvm() -> None:
    global _jvm_started
    if _jvm_started:
        return
    try:
        import jpype
        import jpype.imports  # noqa: F401  (lets `from java.sql import ...` work)
    except ImportError as e:
        raise ImportError(
            "neither the duckdb Python module nor JPype is installed: "
            "pip install duckdb (laptop) or apt-get install python3-jpype (Debian)") from e
    if not jpype.isJVMStarted():
        classpath = [duckdb_jdbc_jar()]
        # Debian's python3-jpype keeps its support jar in /usr/share/java, outside the module.
        for support in ("/usr/share/java/org.jpype.jar",):
            if Path(support).is_file():
                classpath.append(support)
        jpype.startJVM(classpath=classpath, convertStrings=True)
    _jvm_started = True


class _JdbcConnection:
    def __init__(self, path: str):
        _start_jvm()
        from java.sql import DriverManager  # type: ignore
        from java.util import Properties  # type: ignore
        props = Properties()
        props.setProperty("duckdb.read_only", "true")
        self._c = DriverManager.getConnection("jdbc:duckdb:" + path, props)

    def _prepare(self, sql: str, params):
        ps = self._c.prepareStatement(sql)
        for i, p in enumerate(params, start=1):
            if p is None:
                ps.setObject(i, None)
            elif isinstance(p, bool):
                ps.setBoolean(i, p)
            elif isinstance(p, int):
                ps.setLong(i, p)
            elif isinstance(p, float):
                ps.setDouble(i, p)
            else:
                ps.setString(i, str(p))
        return ps

    def query(self, sql: str, params) -> tuple[list[str], list[str], pd.DataFrame]:
        """Names, DuckDB types and the rows (as text) of a query.

        Rows travel through a CSV file that DuckDB writes itself (COPY works on a read-only
        database): one call instead of a JNI call per value, about 50 times faster.
        """
        sql = sql.strip().rstrip(";").strip()
        ps = self._prepare(sql, params)
        try:
            md = ps.getMetaData()
            n = md.getColumnCount()
            names = [str(md.getColumnLabel(i)) for i in range(1, n + 1)]
            types = [str(md.getColumnTypeName(i)) for i in range(1, n + 1)]
            fd, tmp = tempfile.mkstemp(prefix="kefu-nb-", suffix=".csv")
            os.close(fd)
            try:
                copy = self._prepare(
                    f"COPY ({sql}) TO '{tmp}' (FORMAT csv, HEADER false, NULLSTR '\\N')", params)
                try:
                    copy.execute()
                finally:
                    copy.close()
                if os.path.getsize(tmp) == 0:
                    rows = pd.DataFrame({i: pd.Series([], dtype=object) for i in range(n)})
                else:
                    rows = pd.read_csv(tmp, header=None, names=list(range(n)), dtype=str,
                                       na_values=["\\N"], keep_default_na=False)
            finally:
                os.unlink(tmp)
            return names, types, rows
        finally:
            ps.close()

    def close(self):
        self._c.close()


# ---------------------------------------------------------------------------------------------


class Db:
    """One DuckDB file, open read-only; ``sql`` returns pandas DataFrames."""

    def __init__(self, path: str | os.PathLike, label: str | None = None):
        self.path = Path(path).resolve()
        self.label = label or self.path.name
        self.backend = backend()
        self._snapshot_dir = None
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.path}: no such DuckDB file")
        try:
            self._open(self.path)
        except Exception as e:  # another process holds the file read-write: read a copy
            if "lock" not in str(e).lower():
                raise
            self._snapshot_dir = tempfile.mkdtemp(prefix="kefu-nb-")
            copy = Path(self._snapshot_dir) / self.path.name
            shutil.copy2(self.path, copy)
            if Path(str(self.path) + ".wal").exists():
                shutil.copy2(str(self.path) + ".wal", str(copy) + ".wal")
            print(f"{self.label}: held by another process; reading a snapshot copy")
            self._open(copy)

    def _open(self, path: Path):
        if self.backend == "duckdb":
            import duckdb
            self._con = duckdb.connect(str(path), read_only=True)
        else:
            self._con = _JdbcConnection(str(path))

    def sql(self, query: str, *params) -> pd.DataFrame:
        """Runs one query (``?`` placeholders bound to ``params``) and returns a DataFrame."""
        if self.backend == "duckdb":
            return _normalize_frame(self._con.execute(query, list(params)).df())
        names, types, df = self._con.query(query, params)
        df.columns = names
        # JDBC names types 'DATE', 'DECIMAL(18,2)' …: _normalize parses the text rows by them.
        return _normalize(df, types)

    def value(self, query: str, *params):
        """The single value of a one-row, one-column query."""
        df = self.sql(query, *params)
        return None if df.empty else df.iat[0, 0]

    def tables(self) -> set[str]:
        return set(self.sql("SELECT table_name FROM duckdb_tables() WHERE NOT internal")["table_name"])

    def has(self, *tables: str) -> bool:
        have = self.tables()
        return all(t in have for t in tables)

    def columns(self, table: str) -> list[str]:
        return list(self.sql("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                             "ORDER BY column_index", table)["column_name"])

    def close(self):
        try:
            self._con.close()
        finally:
            if self._snapshot_dir:
                shutil.rmtree(self._snapshot_dir, ignore_errors=True)

    def __repr__(self):
        return f"Db({str(self.path)!r}, backend={self.backend!r})"


def _path(env: str, default: Path) -> Path:
    return Path(os.environ.get(env) or default)


def warehouse_path() -> Path:
    """The batch warehouse: ``$KEFU_WAREHOUSE``, else work/demo/kefu.duckdb (``bin/kefu demo``)."""
    return _path("KEFU_WAREHOUSE", DEMO / "kefu.duckdb")


def app_db_path() -> Path:
    """The dashboard's own database (review decisions): ``$KEFU_APP_DB``, else work/demo/app.duckdb."""
    return _path("KEFU_APP_DB", DEMO / "app.duckdb")


def warehouse() -> Db:
    p = warehouse_path()
    if not p.is_file():
        raise FileNotFoundError(
            f"{p}: no warehouse. Make the demo one with `bin/kefu demo --no-serve` (about 2 minutes) "
            "or point KEFU_WAREHOUSE at another kefu.duckdb")
    return Db(p, "warehouse")


def app_db() -> Db | None:
    """The dashboard's app.duckdb, or None (printed) when there is none."""
    p = app_db_path()
    if not p.is_file():
        print(f"{p}: no app database (it appears once the dashboard has run: `bin/kefu demo`)")
        return None
    return Db(p, "app.duckdb")


def missing(db: Db, *tables: str) -> list[str]:
    """The tables of ``tables`` that ``db`` lacks, with a printed explanation when any are."""
    have = db.tables()
    gone = [t for t in tables if t not in have]
    if gone:
        print(f"{db.label} ({db.path}) has no {', '.join(gone)}: the analysis below is skipped. "
              "Re-run `bin/kefu demo --no-serve` with a build that writes "
              f"{'them' if len(gone) > 1 else 'it'}.")
    return gone


# ---------------------------------------------------------------------------------------------
# Plots

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "PingFang SC", "Hiragino Sans GB",
                "Heiti SC", "Microsoft YaHei", "SimHei", "Arial Unicode MS"]


def setup_plots() -> str | None:
    """House style for matplotlib, with a font that has Chinese glyphs; returns its family.

    Looks for the usual CJK families (Noto Sans CJK from Debian's fonts-noto-cjk, PingFang on a
    Mac, Microsoft YaHei on Windows); when matplotlib's font cache predates an installed font,
    registers the files fontconfig knows for Chinese.
    """
    from matplotlib import font_manager, pyplot as plt

    def known():
        names = {f.name for f in font_manager.fontManager.ttflist}
        return [f for f in CJK_FAMILIES if f in names]

    found = known()
    if not found and shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path:
                try:
                    font_manager.fontManager.addfont(path)
                except Exception:
                    pass
        found = known()
    from cycler import cycler
    twenty = list(plt.cm.tab20.colors)
    plt.rcParams.update({
        "axes.prop_cycle": cycler(color=twenty[::2] + twenty[1::2]),  # 20 distinct colours
        "font.family": "sans-serif",
        "font.sans-serif": found + ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.figsize": (10, 4.5),
        "figure.dpi": 100,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    if not found:
        print("no font with Chinese glyphs found: Chinese labels will show as boxes "
              "(Debian: apt-get install fonts-noto-cjk)")
        return None
    return found[0]


def agent_labels(wh: Db) -> dict[str, str]:
    """agent_id → '小美 a-xiaomei' style labels from agent_roster (ids alone when it is absent)."""
    if "agent_roster" not in wh.tables():
        return {}
    r = wh.sql("SELECT agent_id, name FROM agent_roster")
    return {a: f"{n} {a}" for a, n in zip(r.agent_id, r.name)}


def pct(x) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.1f}%"


class _Namespace:
    """``from kefu_nb import kefu`` then ``kefu.warehouse()``, ``kefu.setup_plots()`` …"""

    backend = staticmethod(backend)
    Db = Db
    warehouse = staticmethod(warehouse)
    warehouse_path = staticmethod(warehouse_path)
    app_db = staticmethod(app_db)
    app_db_path = staticmethod(app_db_path)
    missing = staticmethod(missing)
    setup_plots = staticmethod(setup_plots)
    agent_labels = staticmethod(agent_labels)
    pct = staticmethod(pct)
    duckdb_jdbc_jar = staticmethod(duckdb_jdbc_jar)
    REPO = REPO
    DEMO = DEMO


kefu = _Namespace()
