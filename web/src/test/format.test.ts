import { describe, expect, it } from 'vitest';
import { apiNumber, fmtBytes, fmtInt, fmtNumber, fmtPct, signClass } from '../lib/format';

// docs/api.md: in metrics NaN is null and +/-infinity are the strings "inf" / "-inf".
describe('API numbers', () => {
  it('read "inf", "-inf" and null as numbers', () => {
    expect(apiNumber('inf')).toBe(Infinity);
    expect(apiNumber('-inf')).toBe(-Infinity);
    expect(apiNumber(null)).toBeNaN();
    expect(apiNumber(undefined)).toBeNaN();
    expect(apiNumber(-0.5)).toBe(-0.5);
  });

  it('format infinities as ∞ / −∞ and missing values as —, in every formatter', () => {
    for (const fmt of [fmtNumber, fmtInt, fmtPct]) {
      expect(fmt('inf')).toBe('∞');
      expect(fmt('-inf')).toBe('−∞');
      expect(fmt(null)).toBe('—');
      expect(fmt(undefined)).toBe('—');
      expect(fmt(NaN)).toBe('—');
    }
    expect(fmtBytes(null)).toBe('—');
  });

  it('format finite values as before', () => {
    expect(fmtNumber(1234.5)).toBe('1,234.50');
    expect(fmtNumber(1.23456, 4)).toBe('1.2346');
    expect(fmtInt(2160.4)).toBe('2,160');
    expect(fmtPct(0.1234)).toBe('12.34%');
    expect(fmtPct(-0.05, 1)).toBe('-5.0%');
    expect(fmtBytes(1536)).toBe('1.5 KB');
  });

  it('colour +inf as a gain and -inf as a loss', () => {
    expect(signClass('inf')).toBe(signClass(1));
    expect(signClass('-inf')).toBe(signClass(-1));
    expect(signClass(1)).not.toBe(signClass(-1));
    expect(signClass(null)).toBe('');
    expect(signClass(0)).toBe('');
  });
});
