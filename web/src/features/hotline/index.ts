export { HotlineImport } from './components/hotline-import';
export { ReplyExport } from './components/reply-export';
