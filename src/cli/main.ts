#!/usr/bin/env node
/**
 * ai-lockin-audit: the headless CLI, a thin shell over src/core.
 * Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage or config error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, type Config, type FailOn, loadConfigFile, RuleError, scan, type ScanResult, type Severity, VERSION } from '../core';
import { toJson, toMarkdown, toSarif, toText } from '../core/report';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON: FailOn[] = ['error', 'warning', 'note', 'never'];

export class UsageError extends Error {}

interface Args {
  command: 'scan' | 'help' | 'version' | 'rules';
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  failOn?: FailOn;
  verbose: boolean;
  color?: boolean;
  inlineSuppressions?: boolean;
  quiet: boolean;
}

export const HELP = `ai-lockin-audit ${VERSION}: find where a workspace binds its AI workloads to one cloud's AI service

Usage:
  ai-lockin-audit scan [paths...] [options]     scan folders or files (default: .)
  ai-lockin-audit rules                         list the rules
  ai-lockin-audit --version | --help

Options:
  -f, --format text|json|sarif|markdown   report format (default: text)
  -o, --output FILE                       write the report to FILE instead of stdout
  -c, --config FILE                       config file (default: .ai-lockin-audit.yaml at each root)
      --fail-on error|warning|note|never  exit 1 when a finding reaches this severity (default: error)
      --no-inline-suppressions            ignore ai-lockin-audit-ignore comments
      --verbose                           text format: print the guidance of each finding
      --color / --no-color                force or disable colour (default: on a TTY)
  -q, --quiet                             no progress line

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage or configuration error.
`;

export function parseArgs(argv: string[]): Args {
  const a: Args = { command: 'scan', paths: [], format: 'text', verbose: false, quiet: false };
  const rest = [...argv];
  const first = rest[0];
  if (first === 'scan' || first === 'rules') {
    a.command = first;
    rest.shift();
  } else if (first === 'help') {
    a.command = 'help';
    return a;
  } else if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`unknown command "${first}": use "ai-lockin-audit scan [paths...]" (see --help)`);
  }
  const value = (flag: string): string => {
    const v = rest.shift();
    if (v === undefined || v.startsWith('-')) throw new UsageError(`${flag} needs a value (see --help)`);
    return v;
  };
  while (rest.length) {
    let arg = rest.shift()!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      rest.unshift(arg.slice(eq + 1));
      arg = arg.slice(0, eq);
    }
    switch (arg) {
      case '-h':
      case '--help':
        a.command = 'help';
        return a;
      case '-v':
      case '--version':
        a.command = 'version';
        return a;
      case '-f':
      case '--format': {
        const f = value(arg);
        if (!FORMATS.includes(f as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
        a.format = f as Format;
        break;
      }
      case '-o':
      case '--output':
        a.output = value(arg);
        break;
      case '-c':
      case '--config':
        a.config = value(arg);
        break;
      case '--fail-on': {
        const f = value(arg);
        if (!FAIL_ON.includes(f as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${f}"`);
        a.failOn = f as FailOn;
        break;
      }
      case '--no-inline-suppressions':
        a.inlineSuppressions = false;
        break;
      case '--verbose':
        a.verbose = true;
        break;
      case '--color':
        a.color = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '-q':
      case '--quiet':
        a.quiet = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" (see --help)`);
        a.paths.push(arg);
    }
  }
  if (!a.paths.length) a.paths.push('.');
  return a;
}

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'never') return EXIT.ok;
  return result.findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? EXIT.findings : EXIT.ok;
}

export function render(result: ScanResult, format: Format, opts: { color: boolean; verbose: boolean }): string {
  switch (format) {
    case 'json':
      return toJson(result);
    case 'sarif':
      return JSON.stringify(toSarif(result), null, 2) + '\n';
    case 'markdown':
      return toMarkdown(result);
    default:
      return toText(result, opts);
  }
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`ai-lockin-audit: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (args.command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  try {
    if (args.command === 'rules') {
      const { loadCatalog } = await import('../core');
      for (const r of loadCatalog().rules) io.stdout.write(`${r.id.padEnd(44)} ${r.severity.padEnd(8)} ${r.provider.padEnd(6)} ${r.title}\n`);
      return EXIT.ok;
    }
    let configFile: Config | undefined;
    if (args.config) configFile = loadConfigFile(args.config);
    for (const p of args.paths) if (!fs.existsSync(p)) throw new UsageError(`path not found: ${p}`);
    const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
    let lastProgress = 0;
    const result = await scan(args.paths, {
      configFile,
      overrides: args.inlineSuppressions === false ? { inlineSuppressions: false } : {},
      onProgress:
        tty && !args.quiet
          ? (p) => {
              const now = Date.now();
              if (now - lastProgress < 100) return;
              lastProgress = now;
              io.stderr.write(`\r\x1b[2Kscanning: ${p.files} files, ${p.findings} findings${p.current ? `  ${p.current.slice(-60)}` : ''}`);
            }
          : undefined,
    });
    if (tty && !args.quiet) io.stderr.write('\r\x1b[2K');
    const failOn: FailOn = args.failOn ?? configFile?.failOn ?? rootFailOn(args.paths) ?? 'error';
    const color = args.color ?? (!args.output && Boolean((io.stdout as NodeJS.WriteStream).isTTY) && !process.env.NO_COLOR);
    const text = render(result, args.format, { color, verbose: args.verbose });
    if (args.output) {
      fs.mkdirSync(path.dirname(path.resolve(args.output)), { recursive: true });
      fs.writeFileSync(args.output, text);
      if (!args.quiet) io.stderr.write(`ai-lockin-audit: ${result.summary.findings} finding(s), report written to ${args.output}\n`);
    } else io.stdout.write(text);
    return exitCodeFor(result, failOn);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof RuleError) {
      io.stderr.write(`ai-lockin-audit: ${e instanceof ConfigError ? 'invalid config: ' : ''}${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

function rootFailOn(paths: string[]): FailOn | undefined {
  // the failOn of the first root's config file, when it sets one
  const { loadRootConfig } = require('../core') as typeof import('../core');
  try {
    const p = paths[0];
    const dir = fs.statSync(p).isDirectory() ? p : path.dirname(p);
    return loadRootConfig(dir).failOn;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`ai-lockin-audit: internal error: ${(e as Error).stack ?? e}\nPlease report it with the command line you ran.\n`);
      process.exitCode = 3;
    },
  );
}
