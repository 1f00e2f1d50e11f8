import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../problem.ts';
import { parseScene } from '../scene/parse.ts';
import { solveRun } from '../solve.ts';
import { readLandscape } from './index.ts';
import { landscapeScene } from './scene.ts';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('landscapeScene', () => {
  it('opens a loss-landscape file as a valid scene whose run can start', async () => {
    const landscape = await readLandscape(fixture('surface_2d.h5'), 'surface_2d.h5');
    const { scene, notes } = landscapeScene(landscape);
    expect(parseScene(JSON.parse(JSON.stringify(scene))).ok).toBe(true);
    expect(scene.problem).toMatchObject({ kind: 'grid', name: 'surface_2d.h5 · train_loss' });
    expect(scene.view.colorScale).toBe('log');
    expect(notes).toEqual(['The file also holds test_acc, test_loss, train_acc.']);
    const problem = resolveProblem(scene.problem);
    const run = scene.runs[0]!;
    const t = solveRun(problem, run, scene.domain);
    expect(t.count).toBeGreaterThan(1);
    expect(problem.minima[0]!.value).toBeLessThan(t.data[2]!);
  });

  it('picks another surface by name and refuses a 1D file', async () => {
    const landscape = await readLandscape(fixture('surface_2d.h5'), 'surface_2d.h5');
    const test = landscapeScene(landscape, 'test_loss');
    expect(test.scene.problem).toMatchObject({ name: 'surface_2d.h5 · test_loss' });
    // test_loss holds a NaN and an infinity: said, and stored as null (JSON has neither).
    expect(test.notes[0]).toMatch(/^2 of the 99 points of test_loss are not finite/);
    const values = (test.scene.problem as { values: (number | null)[] }).values;
    expect(values.filter((v) => v === null)).toHaveLength(2);
    expect(() => landscapeScene(landscape, 'nope')).toThrow(/train_loss/);
    const curve = await readLandscape(fixture('surface_1d.h5'), 'surface_1d.h5');
    expect(() => landscapeScene(curve)).toThrow(/1D plot/);
  });
});
