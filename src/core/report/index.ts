export { toSarif, docsUrl, SARIF_RESULT_LIMIT } from './sarif';
export { toText } from './text';
export { toMarkdown, mdEscape } from './markdown';
export { toJson, JSON_FORMAT_VERSION } from './json';
