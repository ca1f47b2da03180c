import { CameraOutlined, DeleteOutlined, FileOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { CASE_FILE_MAX_BYTES } from '../../../../../common/cases';
import { useCaseI18n } from '../messages';

export interface PickedFile {
  key: number;
  file: File;
  url: string;
}

let nextKey = 1;

/**
 * Photos (and, where allowed, PDFs) chosen on the device, previewed before anything is sent; type and
 * size are checked here so a worker on a phone network never waits for an upload the server refuses.
 */
export function FilePicker({
  value = [],
  onChange,
  accept,
  max = 9,
  hint,
  testId = 'case-files-input',
}: {
  value?: PickedFile[];
  onChange?: (files: PickedFile[]) => void;
  accept: string[];
  max?: number;
  hint?: string;
  testId?: string;
}) {
  const { t } = useCaseI18n();
  const { message } = App.useApp();
  const latest = useRef(value);
  latest.current = value;
  // Object URLs live as long as the picker; revoke what is left when it goes away.
  useEffect(
    () => () => {
      for (const p of latest.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  const add = (list: FileList | null) => {
    if (!list) return;
    const next = [...value];
    for (const f of Array.from(list)) {
      if (!accept.includes(f.type)) message.error(t('cases.action.files.badType', { name: f.name }));
      else if (f.size > CASE_FILE_MAX_BYTES)
        message.error(t('cases.action.files.tooLarge', { name: f.name }));
      else if (next.length < max) next.push({ key: nextKey++, file: f, url: URL.createObjectURL(f) });
    }
    onChange?.(next);
  };
  const remove = (p: PickedFile) => {
    URL.revokeObjectURL(p.url);
    onChange?.(value.filter((x) => x.key !== p.key));
  };

  return (
    <div>
      <div className="cs-picker">
        {value.map((p) => (
          <div key={p.key} className="cs-picker-item">
            {p.file.type.startsWith('image/') ? (
              <img src={p.url} alt={p.file.name} />
            ) : (
              <div className="cs-picker-doc">
                <FileOutlined />
                <span>{p.file.name}</span>
              </div>
            )}
            <Button
              size="small"
              shape="circle"
              danger
              icon={<DeleteOutlined />}
              aria-label={p.file.name}
              onClick={() => remove(p)}
              className="cs-picker-remove"
            />
          </div>
        ))}
        {value.length < max ? (
          <label className="cs-picker-add">
            <CameraOutlined style={{ fontSize: 20, marginBottom: 4 }} />
            {t('cases.action.files.add')}
            <input
              type="file"
              accept={accept.join(',')}
              multiple
              data-testid={testId}
              style={{ display: 'none' }}
              onChange={(e) => {
                add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        ) : null}
      </div>
      {hint ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      ) : null}
    </div>
  );
}
