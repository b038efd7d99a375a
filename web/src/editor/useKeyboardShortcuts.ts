import { useEffect, useRef } from 'react';
import type { DrawingMode, DrawTool } from './drawing.ts';

type Handlers = {
  /** Off while a dialog is open (it has its own keys). */
  enabled: boolean;
  mode: DrawingMode;
  onTool: (tool: DrawTool) => void;
  onCoordinates: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onDeleteVertex: () => boolean;
  onEscape: () => void;
};

const TOOL_KEYS: Record<string, DrawTool> = { p: 'polygon', r: 'rectangle', a: 'angled-rectangle' };

/** Whether the key belongs to what the user is typing into, not to the map. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Drawing shortcuts: P polygon, R rectangle, A angled rectangle, K coordinates, Esc cancel,
 * Delete/Backspace remove the vertex under the pointer, Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo.
 * Keys typed into a field are left alone.
 */
export function useKeyboardShortcuts(handlers: Handlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const h = ref.current;
      if (!h.enabled || event.defaultPrevented || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      const command = event.ctrlKey || event.metaKey;
      if (command && !event.altKey) {
        if (key === 'z' && !event.shiftKey) {
          event.preventDefault();
          h.onUndo();
        } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
          event.preventDefault();
          h.onRedo();
        }
        return;
      }
      if (event.altKey || event.metaKey || event.ctrlKey) return;
      if (key === 'escape') {
        h.onEscape();
        return;
      }
      if ((key === 'delete' || key === 'backspace') && h.mode === 'edit') {
        if (h.onDeleteVertex()) event.preventDefault();
        return;
      }
      if (event.repeat) return;
      const tool = TOOL_KEYS[key];
      if (tool) {
        event.preventDefault();
        h.onTool(tool);
      } else if (key === 'k') {
        event.preventDefault();
        h.onCoordinates();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
