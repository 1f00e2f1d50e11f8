import { describe, expect, it } from 'vitest';
import { landscapeFromCsv, trajectoryFromCsv } from './csv.ts';

const values = (l: { surfaces: { values: Float64Array }[] }, i = 0) =>
  Array.from(l.surfaces[i]?.values ?? []);

describe('matrix form', () => {
  it('reads x from the header row and y from the first column', () => {
    const text = ['beta\\alpha,-1,0,1', '-1,1,2,3', '0,4,5,6', '1,7,8,9', ''].join('\n');
    const l = landscapeFromCsv(text, { source: 'data/loss.csv' });
    expect(Array.from(l.xs)).toEqual([-1, 0, 1]);
    expect(Array.from(l.ys ?? [])).toEqual([-1, 0, 1]);
    expect(l.surfaces[0]?.name).toBe('loss');
    expect(values(l)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('accepts an empty corner, decreasing y (flipped), CRLF and a BOM', () => {
    const text = '\ufeff,0,0.5\r\n2,1,2\r\n1,3,4\r\n0,5,6\r\n';
    const l = landscapeFromCsv(text, { source: 'm.csv' });
    expect(Array.from(l.ys ?? [])).toEqual([0, 1, 2]);
    expect(values(l)).toEqual([5, 6, 3, 4, 1, 2]);
  });

  it('reads a bare matrix over −1…1 (or given ranges)', () => {
    const text = '1,2,3\n4,5,6\n';
    const l = landscapeFromCsv(text, { source: 'bare.csv' });
    expect(Array.from(l.xs)).toEqual([-1, 0, 1]);
    expect(Array.from(l.ys ?? [])).toEqual([-1, 1]);
    expect(values(l)).toEqual([1, 2, 3, 4, 5, 6]);
    const ranged = landscapeFromCsv(text, { source: 'bare.csv', xRange: [0, 2], yRange: [0, 10] });
    expect(Array.from(ranged.xs)).toEqual([0, 1, 2]);
    expect(Array.from(ranged.ys ?? [])).toEqual([0, 10]);
  });

  it('detects tabs and semicolons', () => {
    expect(values(landscapeFromCsv('1\t2\n3\t4\n', { source: 't.tsv' }))).toEqual([1, 2, 3, 4]);
    expect(values(landscapeFromCsv('1;2\n3;4\n', { source: 't.csv' }))).toEqual([1, 2, 3, 4]);
    // Blank lines neither spoil the guess nor shift the line numbers.
    expect(values(landscapeFromCsv('\n1\t2\n\n3\t4\n\n', { source: 't.tsv' }))).toEqual([
      1, 2, 3, 4,
    ]);
    expect(() => landscapeFromCsv('\n1\t2\n\n3\tx\n', { source: 't.tsv' })).toThrow(
      "t.tsv, line 4, column 2: 'x' is not a number.",
    );
  });

  it('keeps nan, inf and empty value cells as non-finite and counts them', () => {
    const l = landscapeFromCsv('y\\x,0,1,2\n0,nan,1,\n1,-inf,Infinity,2\n', { source: 'n.csv' });
    expect(l.surfaces[0]?.nonFinite).toBe(4);
    expect(values(l).slice(3)).toEqual([-Infinity, Infinity, 2]);
  });

  it('names bad cells by line and column', () => {
    expect(() => landscapeFromCsv('y\\x,0,1\n0,1,2\n\n1,3,oops\n', { source: 'bad.csv' })).toThrow(
      "bad.csv, line 4, column 3: 'oops' is not a number.",
    );
    expect(() => landscapeFromCsv('y\\x,0,one\n0,1,2\n1,3,4\n', { source: 'bad.csv' })).toThrow(
      "bad.csv, line 1, column 3: 'one' is not a number.",
    );
    expect(() => landscapeFromCsv('y\\x,0,1\n0,1,2\nnan,3,4\n', { source: 'bad.csv' })).toThrow(
      "bad.csv, line 3, column 1: a coordinate must be finite, not 'nan'.",
    );
    expect(() => landscapeFromCsv('1,2,3\n4,5\n', { source: 'ragged.csv' })).toThrow(
      'ragged.csv, line 2: 2 cells, expected 3 like the first row.',
    );
  });

  it('rejects unsorted coordinates and single rows', () => {
    expect(() => landscapeFromCsv('y\\x,0,1,0.5\n0,1,2,3\n1,4,5,6\n', { source: 'u.csv' })).toThrow(
      'not strictly increasing',
    );
    expect(() => landscapeFromCsv('1,2,3\n', { source: 'row.csv' })).toThrow(
      'has 1 point; at least 2 are needed',
    );
  });
});

describe('long form', () => {
  const header = 'x,y,train_loss,train_acc';
  const lattice = (order: number[]) => {
    const points: string[] = [];
    for (const y of [0, 1]) {
      for (const x of [-1, 0, 1]) points.push(`${x},${y},${10 * x + y},${100 - x - y}`);
    }
    return [header, ...order.map((i) => points[i])].join('\n');
  };

  it('reads a full lattice in any row order, one surface per value column', () => {
    const l = landscapeFromCsv(lattice([5, 0, 3, 2, 4, 1]), { source: 'long.csv' });
    expect(Array.from(l.xs)).toEqual([-1, 0, 1]);
    expect(Array.from(l.ys ?? [])).toEqual([0, 1]);
    expect(l.surfaces.map((s) => s.name)).toEqual(['train_loss', 'train_acc']);
    expect(values(l)).toEqual([-10, 0, 10, -9, 1, 11]);
    expect(values(l, 1)).toEqual([101, 100, 99, 100, 99, 98]);
  });

  it('finds x and y by name in any position and case', () => {
    const text = 'loss,Y,X\n1,0,0\n2,0,1\n3,1,0\n4,1,1\n';
    const l = landscapeFromCsv(text, { source: 'l.csv' });
    expect(values(l)).toEqual([1, 2, 3, 4]);
  });

  it('names missing and duplicated points', () => {
    expect(() => landscapeFromCsv(lattice([0, 1, 2, 3, 4]), { source: 'gap.csv' })).toThrow(
      'gap.csv: the points do not fill a 3×2 lattice (3 distinct x, 2 distinct y); missing (x=1, y=1).',
    );
    expect(() => landscapeFromCsv(lattice([0, 1, 2, 3, 4, 5, 2]), { source: 'dup.csv' })).toThrow(
      'dup.csv: the point (x=1, y=0) appears twice, on lines 4 and 8.',
    );
  });

  it('names bad value cells with the column name', () => {
    const text = 'x,y,loss\n0,0,1\n1,0,2\n0,1,x3\n1,1,4\n';
    expect(() => landscapeFromCsv(text, { source: 'b.csv' })).toThrow(
      "b.csv, line 4, column 3 ('loss'): 'x3' is not a number.",
    );
  });

  it('reads a 1D curve when there is no y column', () => {
    const l = landscapeFromCsv('x,loss\n1,3\n0,2\n-1,5\n', { source: 'c.csv' });
    expect(l.ys).toBeNull();
    expect(Array.from(l.xs)).toEqual([-1, 0, 1]);
    expect(values(l)).toEqual([5, 2, 3]);
    expect(() => landscapeFromCsv('x,loss\n1,3\n1,2\n', { source: 'c.csv' })).toThrow(
      'the point x=1 appears twice, on lines 2 and 3',
    );
  });

  it('needs a value column', () => {
    expect(() => landscapeFromCsv('x,y\n0,0\n', { source: 'n.csv' })).toThrow(
      'besides x and y, no value columns',
    );
  });
});

describe('trajectories', () => {
  it('reads columns x and y by name', () => {
    const t = trajectoryFromCsv('step,y,x\n0,1,2\n1,3,4\n', 't.csv');
    expect(Array.from(t.xs)).toEqual([2, 4]);
    expect(Array.from(t.ys)).toEqual([1, 3]);
  });

  it('reads proj_xcoord / proj_ycoord', () => {
    const t = trajectoryFromCsv('proj_xcoord,proj_ycoord\n0.5,0.25\n', 't.csv');
    expect(Array.from(t.xs)).toEqual([0.5]);
  });

  it('falls back to the first two numeric columns, with or without a header', () => {
    const t = trajectoryFromCsv('name,a,b,c\np,1,2,3\nq,4,5,6\n', 't.csv');
    expect(Array.from(t.xs)).toEqual([1, 4]);
    expect(Array.from(t.ys)).toEqual([2, 5]);
    const bare = trajectoryFromCsv('1,2\n3,4\n', 't.csv');
    expect(Array.from(bare.ys)).toEqual([2, 4]);
  });

  it('names bad cells', () => {
    expect(() => trajectoryFromCsv('x,y\n0,1\n2,?\n', 't.csv')).toThrow(
      "t.csv, line 3, column 2 ('y'): '?' is not a number.",
    );
    expect(() => trajectoryFromCsv('a,b\np,q\n', 't.csv')).toThrow('fewer than two columns');
  });
});
