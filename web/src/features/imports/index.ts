export { ExportButton } from './components/export-button';
export { ImportWizard } from './components/import-wizard';
