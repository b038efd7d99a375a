import { useEffect } from 'react';

export type ToastMessage = { id: number; text: string; action?: { label: string; run: () => void }; tone?: 'error' };

/** One short notice at a time, announced politely; it goes away by itself after a few seconds. */
export function Toast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, toast.action ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div className="toast-region" aria-live="polite">
      {toast && (
        <div className={toast.tone === 'error' ? 'toast toast-error' : 'toast'} data-testid="toast">
          <span>{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                toast.action?.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
