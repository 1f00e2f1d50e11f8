import { describe, expect, it } from 'vitest';
import { clipFileName, safeBaseName, sequenceEntryName } from './names.ts';

describe('file names', () => {
  it('numbers clips so they sort in slide order', () => {
    expect(clipFileName('lesson', 'mp4', 0, 1)).toBe('lesson.mp4');
    expect(clipFileName('lesson', 'mp4', 0, 4)).toBe('lesson-01.mp4');
    expect(clipFileName('lesson', 'gif', 11, 120)).toBe('lesson-012.gif');
    expect(sequenceEntryName(7, 60)).toBe('frame-0007.png');
  });

  it('makes safe base names from titles', () => {
    expect(safeBaseName('Three learning rates on x²')).toBe('Three-learning-rates-on-x2');
    expect(safeBaseName('../../etc')).toBe('etc');
    expect(safeBaseName('∇∇')).toBe('scene');
  });
});
