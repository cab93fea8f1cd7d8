import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { actionText, keepTogether, paneText } from '../../addin/text';
import { usePaneStyles as useStyles } from './styles';

/** The message a successful write leaves; it stays until the user closes it. */
export interface Banner {
  message: string;
  next?: string;
  goTo: { sheet: string; address: string };
}

/** After a write: what was written, the next step, and where to go (browser mode: fetch the workbook first). */
export function WrittenBanner({
  banner,
  bannerRef,
  canDownload,
  onDownload,
  onGoTo,
  onDismiss,
}: {
  banner: Banner | null;
  bannerRef: React.RefObject<HTMLDivElement | null>;
  canDownload: boolean;
  onDownload: () => void;
  onGoTo: (to: Banner['goTo']) => void;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  return (
    <div aria-live="polite">
      {banner && (
        <div ref={bannerRef} tabIndex={-1} data-banner>
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody className={styles.message}>
              <MessageBarTitle>{actionText.written}</MessageBarTitle> {keepTogether(banner.message)}
              {banner.next && <div>{keepTogether(banner.next)}</div>}
              {banner.next && canDownload && <div>{paneText.browserNext}</div>}
            </MessageBarBody>
            <MessageBarActions className={styles.bannerActions}>
              {canDownload && (
                <Button appearance="primary" className={styles.wrapButton} onClick={onDownload}>
                  {actionText.download}
                </Button>
              )}
              <Button className={styles.wrapButton} onClick={() => onGoTo(banner.goTo)}>
                {actionText.goTo(banner.goTo.sheet)}
              </Button>
              <Button appearance="subtle" className={styles.wrapButton} onClick={onDismiss}>
                {actionText.dismiss}
              </Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
    </div>
  );
}
