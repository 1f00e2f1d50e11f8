/**
 * Messages for the user: refusals (a damaged or newer scene file, a bad link) stay until
 * dismissed; confirmations ("Link copied") fade after a few seconds.
 */
import { useEffect } from 'react';
import { actions, useApp } from '../store/hooks.ts';
import { Icon } from './Icon.tsx';

const INFO_MS = 4000;

export function NoticeBar() {
  const notice = useApp((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.kind !== 'info') return;
    const timer = setTimeout(() => {
      if (actions().notice?.id === notice.id) actions().dismissNotice();
    }, INFO_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{notice.text}</span>
      <button
        type="button"
        className="icon"
        aria-label="Dismiss"
        onClick={() => actions().dismissNotice()}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
