import { describe, expect, it } from 'vitest';
import { superscript } from './superscript.ts';

describe('superscript', () => {
  it('raises digits and minus signs, and leaves the rest', () => {
    expect(superscript('2')).toBe('²');
    expect(superscript('-1')).toBe('⁻¹');
    expect(superscript('1024')).toBe('¹⁰²⁴');
    expect(superscript('0.5')).toBe('⁰.⁵');
  });
});
