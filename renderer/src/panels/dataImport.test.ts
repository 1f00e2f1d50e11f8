import { modelProblem } from '../../../shared/model/problem.ts';
import { describe, expect, it } from 'vitest';
import { MAX_DATA_POINTS } from '../../../shared/schema.ts';
import { dataSpecSchema } from '../../../shared/schema.ts';
import { checkImport, defaultColumns, previewCsv } from './dataImport.ts';

const HOUSES = [
  'size,rooms,price',
  '50,2,100',
  '',
  '70,3,140',
  '80,x,170',
  '90,4',
  '100,4,',
  '120,5,230',
].join('\n');

describe('previewCsv', () => {
  it('finds the header and shows the first data rows, without blank lines', () => {
    const p = previewCsv(HOUSES);
    expect(p.header).toEqual(['size', 'rooms', 'price']);
    expect(p.columns).toEqual(['size', 'rooms', 'price']);
    expect(p.rows[0]).toEqual(['50', '2', '100']);
    expect(p.rows[1]).toEqual(['70', '3', '140']);
    expect(p.rows).toHaveLength(5);
  });

  it('names the columns by number when the first row is data', () => {
    const p = previewCsv('\uFEFF1;2\n3;4\n');
    expect(p.header).toBeNull();
    expect(p.columns).toEqual(['Column 1', 'Column 2']);
    expect(p.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('gives no columns for an empty file', () => {
    expect(previewCsv('\n\n').columns).toEqual([]);
  });
});

describe('defaultColumns', () => {
  it('takes the first columns as inputs and the last as the target', () => {
    expect(defaultColumns(3, 'linear')).toEqual({ x: [0], y: 2 });
    expect(defaultColumns(4, 'logistic')).toEqual({ x: [0, 1], y: 3 });
    expect(defaultColumns(2, 'linear')).toEqual({ x: [0], y: 1 });
  });
});

describe('checkImport', () => {
  it('imports the usable rows and reports every skipped row by line and reason', () => {
    const check = checkImport(HOUSES, 'houses.csv', 'linear', { x: [0], y: 2 }, ['size']);
    expect(check.error).toBeNull();
    expect(check.usable).toBe(4);
    // Line 5 has a bad rooms cell, but rooms is not chosen: only the short and empty rows go.
    expect(check.skipped.map((s) => s.line)).toEqual([6, 7]);
    expect(check.skipped[0]?.reason).toMatch(/expected 3 column/);
    expect(check.skipped[1]?.reason).toMatch(/missing value/);
    expect(check.data).toEqual({
      kind: 'inline',
      name: 'houses.csv',
      task: 'regression',
      features: 1,
      x: [[50], [70], [80], [120]],
      y: [100, 140, 170, 230],
    });
    expect(dataSpecSchema.safeParse(check.data).success).toBe(true);
    // The viewing box moves to the new loss: its least-squares fit (w ≈ 1.9) lies inside it.
    const fit = modelProblem({ kind: 'model', model: 'linear', data: check.data! }).minima[0]!;
    const box = check.domain!;
    expect(fit.point[0]).toBeGreaterThan(box.x[0]);
    expect(fit.point[0]).toBeLessThan(box.x[1]);
    expect(fit.point[1]).toBeGreaterThan(box.y[0]);
    expect(fit.point[1]).toBeLessThan(box.y[1]);
  });

  it('skips a row whose chosen input is not a number, naming its line', () => {
    const check = checkImport(HOUSES, 'houses.csv', 'linear', { x: [1], y: 2 });
    expect(check.error).toBeNull();
    expect(check.usable).toBe(3);
    expect(check.skipped[0]).toEqual({ line: 5, reason: "column 'rooms' is not a number: 'x'" });
  });

  it('refuses a column used twice', () => {
    const check = checkImport(HOUSES, 'h.csv', 'linear', { x: [2], y: 2 });
    expect(check.error).toMatch(/different column/);
    expect(check.data).toBeNull();
  });

  it('refuses a file with no usable row, saying why', () => {
    const check = checkImport('a,b\nx,1\ny,2\n', 'bad.csv', 'linear', { x: [0], y: 1 });
    expect(check.usable).toBe(0);
    expect(check.data).toBeNull();
    expect(check.error).toMatch(/No row can be used.*line 2/);
  });

  it('refuses more points than a scene holds', () => {
    const lines = ['x,y'];
    for (let i = 0; i <= MAX_DATA_POINTS; i++) lines.push(`${i},${2 * i + 1}`);
    const check = checkImport(lines.join('\n'), 'big.csv', 'linear', { x: [0], y: 1 });
    expect(check.usable).toBe(MAX_DATA_POINTS + 1);
    expect(check.data).toBeNull();
    expect(check.error).toMatch(/at most 5000 points/);
  });

  it('refuses labels other than 0 and 1 for logistic regression', () => {
    const text = 'a,b,label\n1,2,1\n-1,-2,0\n2,1,2\n-2,-1,-1\n';
    const check = checkImport(text, 'c.csv', 'logistic', { x: [0, 1], y: 2 }, ['a', 'b', 'label']);
    expect(check.data).toBeNull();
    expect(check.error).toMatch(/labels 0 or 1/);
    expect(check.error).toMatch(/'label' has 2 row\(s\) with other values \(2, -1\)/);
  });

  it('builds a classification data set with two inputs for logistic regression', () => {
    const text = 'a,b,label\n1,2,1\n-1,-2,0\n2,1,1\n-2,-1,0\n';
    const check = checkImport(text, 'c.csv', 'logistic', defaultColumns(3, 'logistic'));
    expect(check.error).toBeNull();
    expect(check.data?.task).toBe('classification');
    expect(check.data?.features).toBe(2);
    expect(check.data?.x[2]).toEqual([2, 1]);
    expect(check.data?.y).toEqual([1, 0, 1, 0]);
  });

  it('passes on the model’s own objection (a constant input has no least-squares fit)', () => {
    const check = checkImport('x,y\n1,2\n1,3\n1,4\n', 'flat.csv', 'linear', { x: [0], y: 1 });
    expect(check.data).toBeNull();
    expect(check.error).toMatch(/cannot use these columns.*constant/);
  });
});
