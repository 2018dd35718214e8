"""Map tiles of clusters: what part of the world a tile z/x/y covers, and the points in it
counted on a grid in SQL, so a map asks only for what its screen shows.

Tiles are the Web Mercator ("slippy map") tiles Leaflet and every tile server use. Each tile is
cut into GRID x GRID cells; one GROUP BY over the indexed public coordinates counts the points in
each cell. Every point on the map lies in exactly one tile of a zoom level (the tiles' edges are
half-open: a point on the border between two tiles belongs to the northern or eastern one), and
in exactly one cell of it, so the counts of the cells of any set of tiles add up to the points
in those tiles. Points beyond Web Mercator's latitude limit (about ±85.05°) are on no tile.
"""

import math
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, Func, IntegerField, Max, Min, Q, QuerySet
from django.db.models import Value as V
from django.urls import reverse

# Tiles deeper than this are not served: at zoom 20 a cell is a few metres wide.
MAX_ZOOM = 20
# Cells per side of a tile: 8 x 8 cells of 32 pixels on a 256-pixel tile.
GRID = 8
# Web Mercator's latitude limit, where the square world map ends.
MAX_LATITUDE = math.degrees(math.atan(math.sinh(math.pi)))


class TileError(ValueError):
    """z/x/y names no tile."""


@dataclass(frozen=True)
class Tile:
    z: int
    x: int
    y: int

    def __post_init__(self):
        if not 0 <= self.z <= MAX_ZOOM:
            raise TileError(f"zoom {self.z} is not between 0 and {MAX_ZOOM}")
        size = 2**self.z
        if not (0 <= self.x < size and 0 <= self.y < size):
            raise TileError(f"tile {self.x}/{self.y} is not on zoom level {self.z}")

    @property
    def west(self) -> float:
        return self.x / 2**self.z * 360.0 - 180.0

    @property
    def east(self) -> float:
        return (self.x + 1) / 2**self.z * 360.0 - 180.0

    @property
    def north(self) -> float:
        return _tile_latitude(self.y, self.z)

    @property
    def south(self) -> float:
        return _tile_latitude(self.y + 1, self.z)

    @property
    def is_top(self) -> bool:
        return self.y == 0

    @property
    def is_last_column(self) -> bool:
        return self.x == 2**self.z - 1

    def contains(self, lat: float, lon: float) -> bool:
        """The same test as `in_tile_q`, in Python."""
        north_ok = lat <= self.north if self.is_top else lat < self.north
        east_ok = lon <= self.east if self.is_last_column else lon < self.east
        return self.south <= lat and north_ok and self.west <= lon and east_ok

    def cell_of(self, lat: float, lon: float) -> int:
        """The same cell as `cell_expression`, in Python (for a point the tile contains)."""
        column = min(int((lon - self.west) * GRID / (self.east - self.west)), GRID - 1)
        row = min(int((self.north - lat) * GRID / (self.north - self.south)), GRID - 1)
        return row * GRID + column

    def cell_bounds(self, cell: int) -> tuple[float, float, float, float]:
        """(south, west, north, east) of one cell."""
        row, column = divmod(cell, GRID)
        height = (self.north - self.south) / GRID
        width = (self.east - self.west) / GRID
        north = self.north - row * height
        west = self.west + column * width
        return north - height, west, north, west + width


def tile_at(lat: float, lon: float, z: int) -> Tile:
    """The tile of zoom level z that holds the point (clamped to the edges of the world)."""
    size = 2**z
    x = min(max(int((lon + 180.0) / 360.0 * size), 0), size - 1)
    lat = min(max(lat, -MAX_LATITUDE), MAX_LATITUDE)
    y_float = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * size
    y = min(max(int(y_float), 0), size - 1)
    # Float rounding at a border: step to the neighbour whose half-open edges hold the point.
    tile = Tile(z, x, y)
    if not tile.contains(lat, lon):
        for dy in (-1, 1):
            if 0 <= y + dy < size and Tile(z, x, y + dy).contains(lat, lon):
                return Tile(z, x, y + dy)
    return tile


# Numbers no tile address holds, reversed once and swapped for {z}, {x}, {y} and {cell}.
_PLACEHOLDERS = {"z": 90001, "x": 90002, "y": 90003, "cell": 90004}


def tile_url_template(name: str, query: str = "", *, cell: bool = False) -> str:
    """The address of the URL pattern `name` with {z}/{x}/{y} (and {cell}) for a map's script
    to fill in, with the page's query string."""
    keys = ["z", "x", "y", "cell"] if cell else ["z", "x", "y"]
    url = reverse(name, kwargs={key: _PLACEHOLDERS[key] for key in keys})
    for key in keys:
        url = url.replace(str(_PLACEHOLDERS[key]), "{" + key + "}")
    return f"{url}?{query}" if query else url


def _tile_latitude(y: int, z: int) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / 2**z))))


def in_tile_q(tile: Tile, lat_field: str, lon_field: str) -> Q:
    """Rows whose point lies in the tile, with the tiles' half-open edges."""
    q = Q(**{f"{lat_field}__gte": tile.south, f"{lon_field}__gte": tile.west})
    q &= Q(**{f"{lat_field}__{'lte' if tile.is_top else 'lt'}": tile.north})
    q &= Q(**{f"{lon_field}__{'lte' if tile.is_last_column else 'lt'}": tile.east})
    return q


class _Floor(Func):
    """floor() of a non-negative number, as an integer, on both databases.

    SQLite's CAST truncates, which is floor for numbers ≥ 0, and needs no math extension;
    PostgreSQL's CAST rounds, so it floors first.
    """

    template = "CAST(FLOOR(%(expressions)s) AS integer)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS INTEGER)")


class _Least(Func):
    """The smaller of two integers (MIN on SQLite, LEAST on PostgreSQL)."""

    function = "LEAST"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="MIN")


def cell_expression(tile: Tile, lat_field: str, lon_field: str) -> Func:
    """The cell (row x GRID + column) of a point in the tile, as a database expression.

    Rows run down from the tile's northern edge, linear in latitude: cells are a little taller
    than wide towards the poles, which a count does not mind.
    """
    last = V(GRID - 1)
    column_scale = V(GRID / (tile.east - tile.west))
    row_scale = V(GRID / (tile.north - tile.south))
    column = _Least(
        _Floor((F(lon_field) - V(tile.west)) * column_scale, output_field=FloatField()), last
    )
    row = _Least(
        _Floor((V(tile.north) - F(lat_field)) * row_scale, output_field=FloatField()), last
    )
    return row * V(GRID) + column


@dataclass(frozen=True)
class Cell:
    """The points of one cell: how many, where their middle is, their extent, and the id of the
    smallest (the only one when `count` is 1)."""

    cell: int
    count: int
    lat: float
    lon: float
    south: float
    west: float
    north: float
    east: float
    first_id: int


def tile_cells(queryset: QuerySet, tile: Tile, *, lat_field: str, lon_field: str) -> list[Cell]:
    """The occupied cells of the tile for the rows of `queryset`, in one query."""
    rows = (
        queryset.filter(in_tile_q(tile, lat_field, lon_field))
        .annotate(map_cell=cell_expression(tile, lat_field, lon_field))
        .order_by()
        .values("map_cell")
        .annotate(
            n=Count("pk"),
            mid_lat=Avg(lat_field),
            mid_lon=Avg(lon_field),
            south=Min(lat_field),
            west=Min(lon_field),
            north=Max(lat_field),
            east=Max(lon_field),
            first_id=Min("pk"),
        )
        .order_by("map_cell")
    )
    return [
        Cell(
            cell=row["map_cell"],
            count=row["n"],
            lat=row["mid_lat"],
            lon=row["mid_lon"],
            south=row["south"],
            west=row["west"],
            north=row["north"],
            east=row["east"],
            first_id=row["first_id"],
        )
        for row in rows
    ]


def in_cell_queryset(
    queryset: QuerySet, tile: Tile, cell: int, *, lat_field: str, lon_field: str
) -> QuerySet:
    """The rows of `queryset` in one cell of the tile."""
    if not 0 <= cell < GRID * GRID:
        raise TileError(f"cell {cell} is not between 0 and {GRID * GRID - 1}")
    return (
        queryset.filter(in_tile_q(tile, lat_field, lon_field))
        .annotate(map_cell=cell_expression(tile, lat_field, lon_field))
        .filter(map_cell=cell)
    )
