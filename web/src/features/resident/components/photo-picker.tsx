import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { App } from 'antd';
import { type ChangeEvent, useEffect, useMemo } from 'react';
import { useResidentText } from '../messages';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_COUNT = 9;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

// A stable React key per picked file, even when the same photo is picked twice.
const fileKeys = new WeakMap<File, number>();
let nextFileKey = 0;
const keyOf = (f: File) => {
  let k = fileKeys.get(f);
  if (k === undefined) {
    k = ++nextFileKey;
    fileKeys.set(f, k);
  }
  return k;
};

/**
 * Photos from the camera or the album, previewed as thumbnails. Too large or wrong-type files are refused here with
 * a message; the server checks again by magic bytes.
 */
export function PhotoPicker({
  value = [],
  onChange,
}: {
  value?: File[];
  onChange?: (files: File[]) => void;
}) {
  const rt = useResidentText();
  const { message } = App.useApp();
  const urls = useMemo(
    () => value.map((f) => (typeof URL.createObjectURL === 'function' ? URL.createObjectURL(f) : '')),
    [value],
  );
  useEffect(
    () => () => {
      for (const u of urls) if (u) URL.revokeObjectURL(u);
    },
    [urls],
  );

  const add = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(e.target.files ?? []);
    e.target.value = '';
    const ok: File[] = [];
    for (const f of picked) {
      if (f.size > PHOTO_MAX_BYTES) message.error(rt('h5.report.photo.tooLarge', { name: f.name }));
      else if (f.type && !PHOTO_TYPES.includes(f.type))
        message.error(rt('h5.report.photo.type', { name: f.name }));
      else ok.push(f);
    }
    onChange?.([...value, ...ok].slice(0, PHOTO_MAX_COUNT));
  };

  return (
    <div className="h5-photos" data-testid="photo-picker">
      {value.map((f, i) => (
        <div className="h5-photo" key={keyOf(f)}>
          {urls[i] ? <img src={urls[i]} alt={f.name} /> : null}
          <button
            type="button"
            className="h5-photo-remove"
            aria-label={rt('h5.report.photo.remove')}
            onClick={() => onChange?.(value.filter((_, j) => j !== i))}
          >
            <CloseOutlined />
          </button>
        </div>
      ))}
      {value.length < PHOTO_MAX_COUNT ? (
        <>
          <label className="h5-photo-add">
            <CameraOutlined />
            <span>{rt('h5.report.photo.camera')}</span>
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              data-testid="photo-camera"
              onChange={add}
            />
          </label>
          <label className="h5-photo-add">
            <PictureOutlined />
            <span>{rt('h5.report.photo.album')}</span>
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              multiple
              data-testid="photo-input"
              onChange={add}
            />
          </label>
        </>
      ) : null}
    </div>
  );
}
