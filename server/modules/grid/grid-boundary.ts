// PURE: shape check for a grid's GeoJSON boundary (RFC 7946). We store what the map drew, so
// only the geometry types a grid can have are accepted: Polygon, MultiPolygon, or a Feature
// wrapping one of them.

/** Upper bound on positions so one boundary cannot bloat every node read. */
export const MAX_BOUNDARY_POSITIONS = 20_000;

export type BoundaryCheck = { ok: true } | { ok: false; reason: string; message: { zh: string; en: string } };

const bad = (reason: string, zh: string, en: string): BoundaryCheck => ({
  ok: false,
  reason,
  message: { zh, en },
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isPosition(p: unknown): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return false;
  if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) return false;
  const [lng, lat] = p as number[];
  return lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
}

function ringProblem(ring: unknown): BoundaryCheck | null {
  if (!Array.isArray(ring) || ring.length < 4) {
    return bad(
      'boundary.ring',
      '边界的每个环至少需要 4 个点',
      'Each boundary ring needs at least 4 positions',
    );
  }
  if (!ring.every(isPosition)) {
    return bad(
      'boundary.position',
      '边界坐标应为有效的经度、纬度',
      'Boundary positions must be valid longitude/latitude',
    );
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return bad(
      'boundary.ring_open',
      '边界的每个环首尾点必须相同',
      'Each boundary ring must end where it starts',
    );
  }
  return null;
}

function polygonProblem(coords: unknown): BoundaryCheck | null {
  if (!Array.isArray(coords) || coords.length === 0) {
    return bad('boundary.coordinates', '边界缺少坐标', 'The boundary has no coordinates');
  }
  for (const ring of coords) {
    const p = ringProblem(ring);
    if (p) return p;
  }
  return null;
}

function countPositions(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  if (v.length > 0 && typeof v[0] === 'number') return 1;
  return v.reduce((sum: number, x: unknown) => sum + countPositions(x), 0);
}

function geometryProblem(g: unknown): BoundaryCheck | null {
  if (!isObject(g))
    return bad(
      'boundary.type',
      '边界应为 Polygon 或 MultiPolygon',
      'The boundary must be a Polygon or MultiPolygon',
    );
  if (countPositions(g.coordinates) > MAX_BOUNDARY_POSITIONS) {
    return bad(
      'boundary.too_large',
      `边界点数不能超过 ${MAX_BOUNDARY_POSITIONS}`,
      `A boundary may have at most ${MAX_BOUNDARY_POSITIONS} positions`,
    );
  }
  if (g.type === 'Polygon') return polygonProblem(g.coordinates);
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
      return bad('boundary.coordinates', '边界缺少坐标', 'The boundary has no coordinates');
    }
    for (const poly of g.coordinates) {
      const p = polygonProblem(poly);
      if (p) return p;
    }
    return null;
  }
  return bad(
    'boundary.type',
    '边界应为 Polygon 或 MultiPolygon',
    'The boundary must be a Polygon or MultiPolygon',
  );
}

/** Accepts a Polygon, a MultiPolygon, or a Feature whose geometry is one of them. */
export function checkBoundary(value: unknown): BoundaryCheck {
  if (isObject(value) && value.type === 'Feature') {
    if (value.properties !== undefined && value.properties !== null && !isObject(value.properties)) {
      return bad('boundary.properties', '边界的 properties 应为对象', 'Feature properties must be an object');
    }
    return geometryProblem(value.geometry) ?? { ok: true };
  }
  return geometryProblem(value) ?? { ok: true };
}
