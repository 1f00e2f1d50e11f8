/**
 * Share link in the desktop app. A link to app:// opens nowhere outside the app, so links point
 * at the public web build, whose address the user gives here once (kept in the settings). The
 * dialog shows the link it will copy, so the address can be checked and changed at any time.
 */
import { useEffect, useState } from 'react';
import { bridge } from '../platform/bridge.ts';
import { platform } from '../platform/platform.ts';
import { shareAddressProblem, shareUrl } from '../platform/shareLink.ts';
import { actions } from '../store/hooks.ts';
import { Dialog } from './Dialog.tsx';

export function ShareDialog({ onClose }: { onClose: () => void }) {
  // Null until the saved address has been read.
  const [saved, setSaved] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void bridge
      ?.getPreferences()
      .then((prefs) => {
        if (!live) return;
        setSaved(prefs.shareBaseUrl ?? '');
        setText(prefs.shareBaseUrl ?? '');
      })
      .catch(() => live && setSaved(''));
    return () => {
      live = false;
    };
  }, []);

  const problem = shareAddressProblem(text);
  const url = problem === null ? shareUrl(text.trim(), actions().scene) : null;

  const copy = async (): Promise<void> => {
    if (url === null || !bridge) return;
    const address = text.trim();
    if (address !== saved) {
      try {
        await bridge.setShareBaseUrl({ url: address });
      } catch (error) {
        setFailure(`The address could not be saved: ${String(error)}`);
        return;
      }
    }
    const ok = await platform.copyText(url);
    actions().notify(
      ok ? 'info' : 'error',
      ok ? 'Link copied: it opens this exact scene.' : `Copy this link: ${url}`,
    );
    onClose();
  };

  return (
    <Dialog title="Share link" onClose={onClose} testId="share-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void copy();
        }}
      >
        <p className="hint">
          The link opens this scene in the browser version of Descent Studio. Give the address where
          your course or department serves it (the folder holding its index.html).
        </p>
        <label className="field">
          <span>Web address of Descent Studio</span>
          <input
            type="url"
            data-testid="share-base-input"
            placeholder="https://"
            value={text}
            disabled={saved === null}
            aria-invalid={text !== '' && problem !== null}
            onChange={(e) => {
              setText(e.target.value);
              setFailure(null);
            }}
          />
        </label>
        {text !== '' && problem !== null && <p className="field-error">{problem}</p>}
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        {url !== null && (
          <p className="hint share-preview" data-testid="share-preview">
            {url.length > 120 ? `${url.slice(0, 117)}…` : url}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="share-copy" disabled={!url}>
            Copy link
          </button>
        </div>
      </form>
    </Dialog>
  );
}
