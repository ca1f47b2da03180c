export { Open311KeysScreen } from './components/open311-keys';
