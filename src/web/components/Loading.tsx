// What the app shows while a screen's data or code is on the way (one polite status line), and
// when a screen's code could not be fetched (a dropped connection, or a new version deployed
// meanwhile): a message and a reload, instead of an empty page.
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="error-box" role="alert">
      <p>{t('common.loadFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </div>
  );
}

/** Catches a screen whose code failed to load; moving to another path tries again. */
export class ScreenBoundary extends Component<{ path: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidUpdate(before: { path: string }) {
    if (this.state.failed && before.path !== this.props.path) this.setState({ failed: false });
  }
  render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}
