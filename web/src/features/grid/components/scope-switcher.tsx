import { Select } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n';
import { useScope } from '../../../lib/scope';
import type { MeAssignment } from '../../auth/api/types';
import { GridNodePicker } from './grid-node-picker';

interface ScopeSwitcherProps {
  /** Users with grid.read browse the tree; others pick among the nodes they are assigned to. */
  canBrowseGrid: boolean;
  assignments: MeAssignment[];
  onPicked?: () => void;
  width?: number | string;
}

/** The "where am I working" switch in the header: limited to what the user may see. */
export function ScopeSwitcher({ canBrowseGrid, assignments, onPicked, width = 260 }: ScopeSwitcherProps) {
  const { t } = useI18n();
  const { scope, setScope } = useScope();
  const navigate = useNavigate();

  if (!canBrowseGrid) {
    const options = [...new Map(assignments.map((a) => [a.nodeId, a])).values()].map((a) => ({
      value: a.nodeId,
      label: a.nodeName,
    }));
    return (
      <div data-testid="scope-switcher" style={{ width }}>
        <Select
          style={{ width: '100%' }}
          value={scope?.id}
          options={options}
          placeholder={t('scope.placeholder')}
          aria-label={t('scope.label')}
          onChange={(id: number) => {
            const picked = options.find((o) => o.value === id);
            if (picked) setScope({ id: picked.value, name: picked.label });
            onPicked?.();
          }}
        />
      </div>
    );
  }

  return (
    <div data-testid="scope-switcher" style={{ width }}>
      <GridNodePicker
        style={{ width: '100%' }}
        value={scope?.id ?? null}
        valueLabel={scope?.name}
        allowClear={false}
        placeholder={t('scope.placeholder')}
        onChange={(id, node) => {
          if (id === null || !node) return;
          setScope({ id, name: node.name });
          navigate(`/grid/${id}`);
          onPicked?.();
        }}
      />
    </div>
  );
}
