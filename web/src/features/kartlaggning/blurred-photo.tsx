/**
 * A photo of an ad, blurred until the user chooses to see it (one button per photo, so it is
 * reached and used by keyboard). The bytes come through the API with the purpose and are
 * shown from an object URL. The alt text says where the photo is, never what it shows.
 */
import { useEffect, useState } from 'react';
import { imagesApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';

export function BlurredPhoto({
  sha256,
  purpose,
  number,
  total,
  adTitle,
}: {
  sha256: string;
  purpose: string;
  /** 1-based position among the ad's photos. */
  number: number;
  total: number;
  adTitle: string;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [isRevealed, setIsRevealed] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    let created: string | null = null;
    setFailed(false);
    imagesApi.get(sha256, purpose).then(
      (blob) => {
        if (!isCurrent) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      () => {
        if (isCurrent) setFailed(true);
      },
    );
    return () => {
      isCurrent = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [sha256, purpose]);

  const where = t('photo.where', { number, total, title: adTitle });
  return (
    <figure className="photo" data-blurred={isRevealed ? 'false' : 'true'}>
      <div className={isRevealed ? 'photo__frame' : 'photo__frame photo__frame--blurred'}>
        {url ? (
          <img src={url} alt={isRevealed ? where : t('photo.altBlurred', { where })} className="photo__img" />
        ) : (
          <span className="photo__placeholder">{failed ? t('photo.failed') : t('photo.loading')}</span>
        )}
      </div>
      <button
        type="button"
        className="button button--secondary button--small photo__toggle"
        aria-label={`${isRevealed ? t('photo.hide') : t('photo.show')}: ${where}`}
        disabled={!url}
        onClick={() => setIsRevealed((v) => !v)}
      >
        {isRevealed ? t('photo.hide') : t('photo.show')}
      </button>
    </figure>
  );
}
