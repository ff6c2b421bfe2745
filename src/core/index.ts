/** Public API of the engine. The CLI and the VS Code extension import only from here. */
export * from './types';
export { Engine } from './engine';
export { scan, scanOne, summarize, compareFindings, type ScanOptions } from './scan';
export { discover, DEFAULT_EXCLUDES } from './discovery';
export { classify } from './classify';
export { loadCatalog, validateRule, RuleError, type Catalog } from './rules/catalog';
export { loadTerms, composeGuidance, sourcesOf, statement, type Fact, type TermsBase } from './terms';
export { type Config, ConfigError, CONFIG_FILE, defaultConfig, loadConfigFile, loadRootConfig, mergeConfig, parseConfig, effectiveSeverity, type FailOn } from './config';
export { DIRECTIVE } from './suppress';
export { VERSION } from './version';
export { MAX_NESTING, TooComplexError, parseBudgets } from './guard';
