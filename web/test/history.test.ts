import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo } from '../src/domain/history.ts';

describe('undo/redo history', () => {
  it('undoes and redoes in order', () => {
    let h = createHistory('a');
    h = pushHistory(h, 'b');
    h = pushHistory(h, 'c');
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it('forgets the redo branch when something new is done', () => {
    let h = pushHistory(pushHistory(createHistory(1), 2), 3);
    h = undo(undo(h));
    h = pushHistory(h, 9);
    expect(h.present).toBe(9);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(1);
  });

  it('ignores a push of the same state and keeps at most `limit` steps', () => {
    const h = createHistory({ x: 1 });
    expect(pushHistory(h, { x: 1 }, (a, b) => a.x === b.x)).toBe(h);
    let big = createHistory(0);
    for (let i = 1; i <= 10; i++) big = pushHistory(big, i, Object.is, 3);
    expect(big.past).toEqual([7, 8, 9]);
  });
});
