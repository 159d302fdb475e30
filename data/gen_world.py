#!/usr/bin/env python3
"""Writes src/render/pictures/world.txt: the world's land as one SVG path,
simplified, for the small maps of an edition's places. Python 3 standard
library only; same input, same bytes.

It reads the Natural Earth 1:110m land outline (public domain) as the npm
package world-atlas 2.0.2 (ISC) ships it, as TopoJSON (land-110m.json).
Record any new version in src/render/pictures/README.md. Install it
somewhere outside the repository and run the script from the repository
root:

    npm install --prefix /tmp/world --ignore-scripts world-atlas@2.0.2
    python3 data/gen_world.py --node-modules /tmp/world/node_modules

The projection is equirectangular: x = (lon + 180) * SCALE and
y = (NORTH - lat) * SCALE, latitudes cut to NORTH..SOUTH (Antarctica and
the high Arctic take room and hold no news). src/render/pictures/map.rs
projects the dots with the same constants, which the output's first line
records and map.rs checks in a test.
"""
import argparse
import json
import os

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "src", "render", "pictures", "world.txt")

# Map units per degree, and the latitudes kept.
SCALE = 2
NORTH = 84
SOUTH = -58
# Douglas-Peucker tolerance, in map units.
TOLERANCE = 0.9
# Rings smaller than this (in square map units, after simplification) are
# dropped: specks of islands that would be a pixel on the page.
MIN_AREA = 6.0


def decode_arcs(topo):
    """Each arc as a list of (lon, lat), undoing the quantisation and the
    delta encoding of TopoJSON."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    """A closed ring from arc indices (a negative index ~i is arc i
    reversed); shared end points are kept once."""
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """Longitudes made continuous: a ring crossing the antimeridian steps
    past 180 (or -180) instead of jumping across the map."""
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(points, inside, cross):
    """Sutherland-Hodgman against one half-plane."""
    out = []
    for i, p in enumerate(points):
        q = points[i - 1]
        if inside(p):
            if not inside(q):
                out.append(cross(q, p))
            out.append(p)
        elif inside(q):
            out.append(cross(q, p))
    return out


def at_lon(edge):
    def cross(p, q):
        t = (edge - p[0]) / (q[0] - p[0])
        return (edge, p[1] + t * (q[1] - p[1]))
    return cross


def on_map(points):
    """The ring's pieces between -180 and 180: a ring that crosses the
    antimeridian is cut there and its far side drawn at the other edge."""
    points = unwrap(points)
    pieces = []
    for shift in (0, 360, -360):
        moved = [(lon + shift, lat) for lon, lat in points]
        moved = clip(moved, lambda p: p[0] >= -180, at_lon(-180))
        moved = clip(moved, lambda p: p[0] <= 180, at_lon(180))
        if len(moved) >= 3:
            pieces.append(moved)
    return pieces


def project(lon, lat):
    lat = max(SOUTH, min(NORTH, lat))
    return ((lon + 180) * SCALE, (NORTH - lat) * SCALE)


def simplify(points, tolerance):
    """Douglas-Peucker, iterative, keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_d = None, tolerance
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best_d:
                best, best_d = i, d
        if best is not None:
            keep[best] = True
            stack.append((a, best))
            stack.append((best, b))
    return [p for p, k in zip(points, keep) if k]


def area(points):
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def path(rings):
    """Rings as SVG path data: absolute start, relative integer steps."""
    parts = []
    for points in rings:
        x0, y0 = points[0]
        steps = []
        for x, y in points[1:]:
            dx, dy = x - x0, y - y0
            if dx or dy:
                steps.append(f"{dx} {dy}")
            x0, y0 = x, y
        if len(steps) >= 2:
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def land_rings(topo):
    arcs = decode_arcs(topo)
    rings = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for indices in polygon:
                rings.append(ring(arcs, indices))
    return rings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--node-modules", required=True)
    args = parser.parse_args()
    source = os.path.join(args.node_modules, "world-atlas", "land-110m.json")
    with open(source, encoding="utf-8") as f:
        topo = json.load(f)
    kept = []
    for whole in land_rings(topo):
        if max(lat for _, lat in whole) < SOUTH:
            continue
        for points in on_map(whole):
            projected = [project(lon, lat) for lon, lat in points]
            simple = simplify(projected + projected[:1], TOLERANCE)[:-1]
            rounded = [(round(x), round(y)) for x, y in simple]
            if len(rounded) >= 4 and area(rounded) >= MIN_AREA:
                kept.append(rounded)
    width, height = 360 * SCALE, (NORTH - SOUTH) * SCALE
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"{SCALE} {NORTH} {SOUTH} {width} {height}\n")
        f.write(path(kept) + "\n")
    print(f"{OUT}: {len(kept)} rings, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
