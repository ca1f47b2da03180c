import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { findViolations } from '../../scripts/check-boundaries.mjs';

describe('import boundaries', () => {
  it('when the source tree is scanned, then common/ is isomorphic and web/ and server/ do not import each other', () => {
    expect(findViolations()).toEqual([]);
  });
});
