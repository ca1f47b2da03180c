import type { LocalizedText } from './i18n';

/** The grid hierarchy, top to bottom: 市 › 区/县 › 街道/乡镇 › 社区/村 › 全科网格 › 微网格. */
export const GRID_LEVELS = ['city', 'district', 'street', 'community', 'grid', 'microgrid'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const GRID_LEVEL_LABELS: Readonly<Record<GridLevel, LocalizedText>> = {
  city: { zh: '市', en: 'City' },
  district: { zh: '区/县', en: 'District / county' },
  street: { zh: '街道/乡镇', en: 'Sub-district / township' },
  community: { zh: '社区/村', en: 'Community / village' },
  grid: { zh: '全科网格', en: 'Grid' },
  microgrid: { zh: '微网格', en: 'Micro-grid' },
};

// 6 (GB/T 2260) + 3 乡级 + 3 村级 (统计用区划代码) + 3 grid + 3 micro-grid (DOMAIN §7.3, §1.2).
const CODE_LENGTHS: Readonly<Record<GridLevel, number>> = {
  city: 6,
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
  microgrid: 18,
};

// GB/T 2260 province prefixes, including 71 台湾, 81 香港, 82 澳门.
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

export function isGridLevel(value: unknown): value is GridLevel {
  return typeof value === 'string' && (GRID_LEVELS as readonly string[]).includes(value);
}

export function expectedCodeLength(level: GridLevel): number {
  return CODE_LENGTHS[level];
}

export function childLevel(level: GridLevel): GridLevel | null {
  const i = GRID_LEVELS.indexOf(level);
  return i >= 0 && i < GRID_LEVELS.length - 1 ? GRID_LEVELS[i + 1] : null;
}

export function parentLevel(level: GridLevel): GridLevel | null {
  const i = GRID_LEVELS.indexOf(level);
  return i > 0 ? GRID_LEVELS[i - 1] : null;
}

export type NodeCodeCheck = { ok: true } | { ok: false; reason: string; message: LocalizedText };

function fail(reason: string, message: LocalizedText): NodeCodeCheck {
  return { ok: false, reason, message };
}

function inRange(twoOrThreeDigits: string, min: number, max: number): boolean {
  const n = Number(twoOrThreeDigits);
  return n >= min && n <= max;
}

// Sequence ranges for the segment each level appends to its parent's code.
// Street 001-599: GB/T 10114 uses 001-099 街道, 100-199 镇, 200-399 乡, 400-599 政企合一.
// Community 001-599: 居委会 001-199 and 村委会 200+ as seen in 统计用区划代码.
// Grids are our own numbering, so the whole 001-999 range is open.
const SEQUENCE_RANGES: Readonly<Partial<Record<GridLevel, readonly [number, number]>>> = {
  district: [1, 99],
  street: [1, 599],
  community: [1, 599],
  grid: [1, 999],
  microgrid: [1, 999],
};

/**
 * Checks a grid node's code against its level and its parent's code, so codes stay compatible
 * with 行政区划代码 and 数字城管 grid IDs (DOMAIN §7.3). `reason` is a stable key for tests and
 * the API; `message` is what the user sees.
 */
export function validateNodeCode(level: GridLevel, code: string, parentCode: string | null): NodeCodeCheck {
  if (!isGridLevel(level)) {
    return fail('level.unknown', { zh: '未知的网格层级', en: 'Unknown grid level' });
  }
  const length = CODE_LENGTHS[level];
  const label = GRID_LEVEL_LABELS[level];
  if (typeof code !== 'string' || !/^\d*$/.test(code)) {
    return fail('code.digits', { zh: '编码只能由数字组成', en: 'The code may contain digits only' });
  }
  if (code.length !== length) {
    return fail('code.length', {
      zh: `${label.zh}编码应为 ${length} 位数字`,
      en: `A ${label.en.toLowerCase()} code must be ${length} digits`,
    });
  }

  if (level === 'city') {
    if (parentCode !== null) {
      return fail('parent.unexpected', {
        zh: '市级节点是最高层级，不能设置上级',
        en: 'A city is the top level and cannot have a parent',
      });
    }
    if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) {
      return fail('code.province', {
        zh: '编码前两位不是有效的省级行政区划代码',
        en: 'The first two digits are not a valid province code',
      });
    }
    const prefecture = code.slice(2, 4);
    // 01-70 are 地级市 / 地区 / 自治州 / 盟; 90 groups the 省直辖县级行政区划.
    if (!(inRange(prefecture, 1, 70) || prefecture === '90')) {
      return fail('code.prefecture', {
        zh: '编码第 3–4 位应为 01–70 或 90（地级行政区划）',
        en: 'Digits 3–4 must be 01–70 or 90 (prefecture-level division)',
      });
    }
    if (code.slice(4, 6) !== '00') {
      return fail('code.city_suffix', {
        zh: '市级编码最后两位应为 00',
        en: 'The last two digits of a city code must be 00',
      });
    }
    return { ok: true };
  }

  const parent = parentLevel(level)!;
  if (parentCode === null) {
    return fail('parent.required', {
      zh: `${label.zh}必须挂在${GRID_LEVEL_LABELS[parent].zh}下面，只有市级可以没有上级`,
      en: `A ${label.en.toLowerCase()} needs a parent ${GRID_LEVEL_LABELS[parent].en.toLowerCase()}; only a city may have none`,
    });
  }
  if (!/^\d+$/.test(parentCode) || parentCode.length !== CODE_LENGTHS[parent]) {
    return fail('parent.code_invalid', {
      zh: `上级${GRID_LEVEL_LABELS[parent].zh}的编码应为 ${CODE_LENGTHS[parent]} 位数字`,
      en: `The parent ${GRID_LEVEL_LABELS[parent].en.toLowerCase()} code must be ${CODE_LENGTHS[parent]} digits`,
    });
  }
  // A district shares the city's first four digits (省 + 地); deeper levels extend the whole parent code.
  const sharedPrefix = level === 'district' ? 4 : parentCode.length;
  if (code.slice(0, sharedPrefix) !== parentCode.slice(0, sharedPrefix)) {
    return fail('code.parent_prefix', {
      zh: `编码前 ${sharedPrefix} 位应与上级编码一致（${parentCode.slice(0, sharedPrefix)}）`,
      en: `The first ${sharedPrefix} digits must match the parent code (${parentCode.slice(0, sharedPrefix)})`,
    });
  }
  const [min, max] = SEQUENCE_RANGES[level]!;
  const seq = code.slice(level === 'district' ? 4 : parentCode.length);
  if (!inRange(seq, min, max)) {
    const width = seq.length;
    const lo = String(min).padStart(width, '0');
    const hi = String(max).padStart(width, '0');
    return fail('code.sequence', {
      zh: `编码最后 ${width} 位应在 ${lo}–${hi} 之间`,
      en: `The last ${width} digits must be between ${lo} and ${hi}`,
    });
  }
  return { ok: true };
}
