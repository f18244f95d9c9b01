// The files of an extract as download links: they come in the answer that made the extract (the
// pseudonym key is gone after it), so they are offered from memory, as blobs, on this screen only.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ExtractFile } from '../../../domain/api/extracts.ts';

type File = z.infer<typeof ExtractFile>;

const blobOf = (f: File) => new Blob([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], { type: f.mediaType });

export function ExtractFiles({ files }: { files: File[] }) {
  const { t } = useTranslation();
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(blobOf(f))), [files]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return (
    <>
      <ul>
        {files.map((f, i) => (
          <li key={f.name}>
            <a href={urls[i]} download={f.name}>
              {t('extract.download', { name: f.name })}
            </a>
          </li>
        ))}
      </ul>
      <p>{t('extract.downloadOnce')}</p>
    </>
  );
}
