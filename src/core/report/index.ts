export { toSarif, docsUrl, relativeUri, SARIF_RESULT_LIMIT, type SarifOptions } from './sarif';
export { toText, termSafe } from './text';
export { toMarkdown, mdEscape } from './markdown';
export { toJson, rootName, JSON_FORMAT_VERSION } from './json';
