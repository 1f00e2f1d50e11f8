import { describe, expect, it } from 'vitest';
import {
  BUILTIN_DATASETS,
  blobs,
  builtinDataset,
  datasetFromCsv,
  datasetFromJson,
  datasetToJson,
  moons,
  noisyLine,
  type BuiltinDatasetName,
} from './data.ts';
import { linearClosedForm } from './models.ts';

describe('generators', () => {
  it('noisyLine: defaults, range and the true line recovered by least squares', () => {
    const d = noisyLine();
    expect(d.task).toBe('regression');
    expect(d.features).toBe(1);
    expect(d.y.length).toBe(200);
    expect(d.x.length).toBe(200);
    for (const x of d.x) expect(x >= -3 && x < 3).toBe(true);
    const fit = linearClosedForm(d);
    expect(fit.theta[0]).toBeCloseTo(2, 1);
    expect(fit.theta[1]).toBeCloseTo(1, 1);
    // Residual variance ≈ noise² = 0.25.
    expect(fit.loss).toBeGreaterThan(0.15);
    expect(fit.loss).toBeLessThan(0.35);
  });

  it('noise 0 puts every point on the line', () => {
    const d = noisyLine({ n: 50, noise: 0 });
    for (let i = 0; i < 50; i++) expect(d.y[i]).toBeCloseTo(2 * (d.x[i] as number) + 1, 12);
  });

  it('blobs: balanced 0/1 labels, centres symmetric about the origin', () => {
    const d = blobs({ n: 2000, seed: 3 });
    expect(d.features).toBe(2);
    expect(d.x.length).toBe(4000);
    const sum = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (let i = 0; i < 2000; i++) {
      const c = d.y[i] as number;
      expect(c === 0 || c === 1).toBe(true);
      const s = sum[c] as number[];
      s[0] = (s[0] as number) + (d.x[2 * i] as number);
      s[1] = (s[1] as number) + (d.x[2 * i + 1] as number);
      s[2] = (s[2] as number) + 1;
    }
    expect(sum[0]?.[2]).toBe(1000);
    expect(sum[1]?.[2]).toBe(1000);
    expect((sum[0]![0] as number) / 1000).toBeCloseTo(-1.5, 0);
    expect((sum[1]![0] as number) / 1000).toBeCloseTo(1.5, 0);
    expect((sum[0]![1] as number) / 1000).toBeCloseTo(-1, 0);
    expect((sum[1]![1] as number) / 1000).toBeCloseTo(1, 0);
  });

  it('moons: two labelled arcs around the origin', () => {
    const d = moons({ n: 400, noise: 0 });
    let mx = 0;
    let my = 0;
    for (let i = 0; i < 400; i++) {
      const x = (d.x[2 * i] as number) + 0.5;
      const y = (d.x[2 * i + 1] as number) + 0.25;
      if (d.y[i] === 0) {
        // Upper arc: on the unit circle, y ≥ 0.
        expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
        expect(y).toBeGreaterThanOrEqual(-1e-12);
      } else {
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 12);
        expect(y).toBeLessThanOrEqual(0.5 + 1e-12);
      }
      mx += d.x[2 * i] as number;
      my += d.x[2 * i + 1] as number;
    }
    expect(Math.abs(mx / 400)).toBeLessThan(0.1);
    expect(Math.abs(my / 400)).toBeLessThan(0.1);
  });

  it('same seed gives the same points, another seed other points', () => {
    for (const name of Object.keys(BUILTIN_DATASETS) as BuiltinDatasetName[]) {
      const a = builtinDataset(name, { seed: 7, n: 30 });
      const b = builtinDataset(name, { seed: 7, n: 30 });
      const c = builtinDataset(name, { seed: 8, n: 30 });
      expect(a).toEqual(b);
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
      expect(a.name).toBe(name);
    }
  });

  it('rejects bad options and unknown names', () => {
    expect(() => noisyLine({ n: 1 })).toThrow(RangeError);
    expect(() => blobs({ n: 2.5 })).toThrow(/n must be an integer/);
    expect(() => moons({ noise: -1 })).toThrow(/noise/);
    expect(() => moons({ seed: NaN })).toThrow(/seed/);
    expect(() => builtinDataset('spiral' as BuiltinDatasetName)).toThrow(/line, blobs, moons/);
  });
});

describe('datasetFromCsv', () => {
  it('reads named columns and reports every bad row with its line and reason', () => {
    const text = [
      'a,b,label', // line 1: header
      '1,2,0', // 2 ok
      '3,x,1', // 3 not a number
      '5,6', // 4 wrong column count
      '', // 5 blank: ignored
      '7,,1', // 6 missing value
      '8,9,2', // 7 bad label
      '10,11,1', // 8 ok
      '1e999,1,0', // 9 overflow
    ].join('\n');
    const { dataset, skipped } = datasetFromCsv(text, {
      x: ['a', 'b'],
      y: 'label',
      task: 'classification',
    });
    expect(dataset.features).toBe(2);
    expect(Array.from(dataset.x)).toEqual([1, 2, 10, 11]);
    expect(Array.from(dataset.y)).toEqual([0, 1]);
    expect(skipped.map((s) => s.line)).toEqual([3, 4, 6, 7, 9]);
    expect(skipped[0]?.reason).toMatch(/'b' is not a number: 'x'/);
    expect(skipped[1]?.reason).toMatch(/expected 3 column\(s\), found 2/);
    expect(skipped[2]?.reason).toMatch(/missing value in column 'b'/);
    expect(skipped[3]?.reason).toMatch(/0 or 1.*got 2/);
    expect(skipped[4]?.reason).toMatch(/overflows/);
  });

  it('keeps regression targets of any value and picks columns in the given order', () => {
    const text = 'y,x1,x2\r\n2.5,1,-3\r\n-1e2,0.5,.25\r\n';
    const { dataset, skipped } = datasetFromCsv(text, {
      x: ['x2', 'x1'],
      y: 'y',
      task: 'regression',
    });
    expect(skipped).toEqual([]);
    expect(Array.from(dataset.x)).toEqual([-3, 1, 0.25, 0.5]);
    expect(Array.from(dataset.y)).toEqual([2.5, -100]);
  });

  it('counts lines through quoted fields that span lines', () => {
    const text = 'note,x,y\n"two\nlines",1,2\nbad,q,3\n';
    const { skipped } = datasetFromCsv(text, { x: ['x'], y: 'y', task: 'regression' });
    expect(skipped).toEqual([{ line: 4, reason: expect.stringMatching(/'x' is not a number/) }]);
  });

  it('works without a header when columns are indices', () => {
    const { dataset, skipped } = datasetFromCsv('1,2\n3,4\nfoo,5\n', {
      x: [0],
      y: 1,
      task: 'regression',
    });
    expect(Array.from(dataset.x)).toEqual([1, 3]);
    expect(Array.from(dataset.y)).toEqual([2, 4]);
    expect(skipped).toEqual([{ line: 3, reason: "column 0 is not a number: 'foo'" }]);
  });

  it('skips a header row with indices, and a byte-order mark', () => {
    const { dataset } = datasetFromCsv('\uFEFFx;y\n1;0\n2;1\n', {
      x: [0],
      y: 1,
      task: 'classification',
    });
    expect(Array.from(dataset.y)).toEqual([0, 1]);
  });

  it('names the missing column and lists the present ones', () => {
    expect(() =>
      datasetFromCsv('a,b\n1,2\n', { x: ['a'], y: 'target', task: 'regression' }),
    ).toThrow("column 'target' is not in the header; the columns are 'a', 'b'");
    expect(() => datasetFromCsv('1,2\n', { x: [5], y: 1, task: 'regression' })).toThrow(
      /index 5 is out of range/,
    );
  });

  it('throws when no row is usable', () => {
    expect(() => datasetFromCsv('a,b\nx,y\n', { x: ['a'], y: 'b', task: 'regression' })).toThrow(
      /no usable rows.*line 2/,
    );
    expect(() => datasetFromCsv('\n\n', { x: [0], y: 1, task: 'regression' })).toThrow(/no rows/);
  });
});

describe('JSON form', () => {
  it('round-trips exactly', () => {
    for (const d of [noisyLine({ n: 10 }), blobs({ n: 10 }), moons({ n: 11 })]) {
      const json = JSON.parse(JSON.stringify(datasetToJson(d))) as unknown;
      expect(datasetFromJson(json)).toEqual(d);
    }
  });

  it('rejects inconsistent or non-finite data with a clear message', () => {
    const good = datasetToJson(blobs({ n: 4 }));
    expect(() => datasetFromJson({ ...good, y: [0, 1, 0] })).toThrow(/4 row\(s\) but y has 3/);
    expect(() => datasetFromJson({ ...good, x: [[1], [2], [3], [4]] })).toThrow(/x\[0\]/);
    expect(() => datasetFromJson({ ...good, x: [[1, NaN], ...good.x.slice(1)] })).toThrow(
      /x\[0\]\[1\] is not a finite number/,
    );
    expect(() => datasetFromJson({ ...good, y: [0, 1, 0, 3] })).toThrow(/y\[3\] must be 0 or 1/);
    expect(() => datasetFromJson({ ...good, task: 'ranking' })).toThrow(/task/);
    expect(() => datasetFromJson({ ...good, features: 0 })).toThrow(/features/);
    expect(() => datasetFromJson({ ...good, x: [], y: [] })).toThrow(/no points/);
    expect(() => datasetFromJson(null)).toThrow(TypeError);
  });
});
