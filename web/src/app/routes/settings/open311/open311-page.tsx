import { Open311KeysScreen } from '../../../../features/open311';
import '../../../../features/open311/open311.css';

/** Open311 接入 (settings.write): api keys of outside clients and how they connect (docs/open311.md). */
export function Open311Page() {
  return <Open311KeysScreen />;
}
