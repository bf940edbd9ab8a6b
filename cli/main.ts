/**
 * Command line entry (bundled to dist/cli/main.js, run by bin/service-star.js).
 * Exit status: 0 computed (diagnostics may exist), 2 the run could not start (one
 * line on stderr saying why), 1 an unexpected internal error (one line; the stack
 * only with SERVICE_STAR_DEBUG=1).
 */
import { parseArgs } from 'node:util';
import type { Lang } from '../core/types';
import { computeCommand, type Io } from './commands/compute';
import { demoCommand } from './commands/demo';
import { templateCommand } from './commands/template';
import { whatIfCommand } from './commands/whatif';
import { explainCommand, statementsCommand } from './commands/explain';
import { finalizeCommand } from './finalize';
import { CliError } from './errors';
import { processStderr } from './stderr';
import { localIso } from '../core/time';

const USAGE = {
  en: `Usage:
  service-star compute <workbook.xlsx | folder-of-csv> --period 2026-Q3
      [--preset smile-cards] [--lang zh|en] [--out result.xlsx | folder] [--json] [--force]
  service-star template <preset> --out new.xlsx [--lang zh|en] [--force]
  service-star finalize <workbook.xlsx | folder-of-csv> --period 2026-Q3 [--out path] [--json] [--force]
  service-star whatif <workbook.xlsx | folder-of-csv> --period 2026-Q3 [--preset smile-cards]
      --set KEY=VALUE [--set KEY=VALUE …] [--json]
  service-star explain <workbook.xlsx | folder-of-csv> --period 2026-Q3 --staff S01 [--preset …] [--lang zh|en] [--json]
  service-star statements <workbook.xlsx | folder-of-csv> --period 2026-Q3 --out folder [--preset …] [--lang zh|en]
  service-star demo [--lang zh|en] [--json]
`,
  zh: `用法：
  service-star compute <工作簿.xlsx | CSV 文件夹> --period 2026-Q3
      [--preset smile-cards] [--lang zh|en] [--out 结果.xlsx | 文件夹] [--json] [--force]
  service-star template <方案> --out 新工作簿.xlsx [--lang zh|en] [--force]
  service-star finalize <工作簿.xlsx | CSV 文件夹> --period 2026-Q3 [--out 路径] [--json] [--force]
  service-star whatif <工作簿.xlsx | CSV 文件夹> --period 2026-Q3 [--preset smile-cards]
      --set 键=值 [--set 键=值 …] [--json]
  service-star explain <工作簿.xlsx | CSV 文件夹> --period 2026-Q3 --staff S01 [--preset …] [--lang zh|en] [--json]
  service-star statements <工作簿.xlsx | CSV 文件夹> --period 2026-Q3 --out 文件夹 [--preset …] [--lang zh|en]
  service-star demo [--lang zh|en] [--json]
`,
};

/** Language of messages before a workbook says otherwise: --lang, else the system locale. */
function envLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** `--lang zh` / `--lang=zh` seen before parsing, so even an argument error speaks the asked language. */
function langInArgv(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const m = /^--lang(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const v = (m[1] ?? argv[i + 1] ?? '').trim().toLowerCase();
    if (v === 'zh' || v === 'zh-cn' || v === 'cn') return 'zh';
    if (v === 'en') return 'en';
  }
  return undefined;
}

/** @throws CliError for a --lang other than zh or en. */
function langOption(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v === 'zh-cn' || v === 'cn') return 'zh';
  if (v === 'en') return 'en';
  throw new CliError(`--lang 只能是 zh 或 en（收到“${value}”）`, `--lang must be zh or en (got "${value}")`);
}

/** The run's time: the clock, or SERVICE_STAR_NOW for reproducible files in tests. */
function nowIso(env: NodeJS.ProcessEnv): string {
  const fixed = env.SERVICE_STAR_NOW;
  const ms = fixed && !Number.isNaN(Date.parse(fixed)) ? Date.parse(fixed) : Date.now();
  // In the machine's time zone (TZ): the Runs and Changes tabs show this wall clock (core/time.ts).
  return localIso(ms, -new Date(ms).getTimezoneOffset());
}

/**
 * Run the command line and return the exit status. Never throws: a refusal or an
 * internal error becomes one line on stderr.
 */
export async function run(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const state = { lang: langInArgv(argv) ?? envLang(env) };
  try {
    return await dispatch(argv, io, env, state);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`service-star: ${oneLine(err.text(err.lang ?? state.lang))}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`service-star: ${state.lang === 'zh' ? '内部错误' : 'internal error'}: ${oneLine(message)}\n`);
    if (env.SERVICE_STAR_DEBUG === '1' && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

/** @throws CliError for bad arguments or inputs. */
async function dispatch(argv: string[], io: Io, env: NodeJS.ProcessEnv, state: { lang: Lang }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        period: { type: 'string', short: 'p' },
        preset: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        set: { type: 'string', multiple: true },
        staff: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CliError(`参数有误：${why}（运行 service-star --help 查看用法）`, `${why} (run service-star --help for usage)`);
  }
  const { values, positionals } = parsed;
  const lang = langOption(values.lang);
  const messageLang = lang ?? state.lang;
  state.lang = messageLang;
  const [command, ...rest] = positionals;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (values.help || command === 'help') {
    io.stdout(USAGE[messageLang]);
    return 0;
  }
  if (command === undefined) {
    throw new CliError('请指定命令：compute、template、finalize、whatif 或 demo（service-star --help 查看用法）',
      'Name a command: compute, template, finalize, whatif or demo (service-star --help for usage)');
  }
  const now = nowIso(env);
  // SERVICE_STAR_PROGRESS=1 always prints progress, =0 never (scripts and tests on a busy machine); unset: live on a terminal, else after a second.
  const progressAfterMs = env.SERVICE_STAR_PROGRESS === '1' ? 0 : env.SERVICE_STAR_PROGRESS === '0' ? Number.POSITIVE_INFINITY : undefined;
  const extra = (n: number) => {
    if (rest.length > n) {
      throw new CliError(`多余的参数：${rest.slice(n).join(' ')}`, `Unexpected argument: ${rest.slice(n).join(' ')}`);
    }
  };
  switch (command) {
    case 'compute': {
      if (rest.length === 0) throw new CliError('请指定工作簿（.xlsx）或 CSV 文件夹', 'Name a workbook (.xlsx) or a folder of CSV files');
      extra(1);
      if (!values.period) throw new CliError('请用 --period 指定期间，例如 --period 2026-Q3', 'Give the period with --period, e.g. --period 2026-Q3');
      return computeCommand({
        source: rest[0], period: values.period, preset: values.preset, lang, messageLang,
        out: values.out, json: Boolean(values.json), force: Boolean(values.force), now, progressAfterMs,
      }, io);
    }
    case 'template': {
      if (rest.length === 0) throw new CliError('请指定方案，例如 service-star template smile-cards --out 新工作簿.xlsx', 'Name a preset, e.g. service-star template smile-cards --out new.xlsx');
      extra(1);
      if (!values.out) throw new CliError('请用 --out 指定新工作簿（.xlsx）', 'Give the new workbook with --out new.xlsx');
      return templateCommand({ preset: rest[0], out: values.out, lang: messageLang, force: Boolean(values.force), now }, io.stdout);
    }
    case 'demo': {
      extra(0);
      return demoCommand({ lang, messageLang, json: Boolean(values.json), now, outDir: values.out ?? 'out', progressAfterMs }, io);
    }
    case 'finalize': {
      if (rest.length === 0) throw new CliError('请指定工作簿（.xlsx）或 CSV 文件夹', 'Name a workbook (.xlsx) or a folder of CSV files');
      extra(1);
      if (!values.period) throw new CliError('请用 --period 指定期间，例如 --period 2026-Q3', 'Give the period with --period, e.g. --period 2026-Q3');
      return finalizeCommand({ source: rest[0], period: values.period, out: values.out, lang, messageLang, json: Boolean(values.json), force: Boolean(values.force), now }, io);
    }
    case 'whatif': {
      if (rest.length === 0) throw new CliError('请指定工作簿（.xlsx）或 CSV 文件夹', 'Name a workbook (.xlsx) or a folder of CSV files');
      extra(1);
      if (!values.period) throw new CliError('请用 --period 指定期间，例如 --period 2026-Q3', 'Give the period with --period, e.g. --period 2026-Q3');
      return whatIfCommand({
        source: rest[0], period: values.period, preset: values.preset, lang, messageLang,
        sets: values.set ?? [], json: Boolean(values.json), progressAfterMs,
      }, io);
    }
    case 'explain':
    case 'statements': {
      if (rest.length === 0) throw new CliError('请指定工作簿（.xlsx）或 CSV 文件夹', 'Name a workbook (.xlsx) or a folder of CSV files');
      extra(1);
      if (!values.period) throw new CliError('请用 --period 指定期间，例如 --period 2026-Q3', 'Give the period with --period, e.g. --period 2026-Q3');
      const base = { source: rest[0], period: values.period, preset: values.preset, lang, messageLang, now };
      if (command === 'explain') {
        if (!values.staff) throw new CliError('请用 --staff 指定工号，例如 --staff S01', 'Give the staff id with --staff, e.g. --staff S01');
        return explainCommand({ ...base, staff: values.staff, json: Boolean(values.json) }, io);
      }
      if (!values.out) throw new CliError('请用 --out 指定保存网页的文件夹', 'Give the folder for the pages with --out');
      return statementsCommand({ ...base, out: values.out }, io);
    }
    default:
      throw new CliError(`未知命令“${command}”：可用 compute、template、finalize、whatif、explain、statements、demo`, `Unknown command "${command}": use compute, template, finalize, whatif, explain, statements or demo`);
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

/** One line, no stack: the first line of the message, trimmed. */
function oneLine(text: string): string {
  return text.split(/\r?\n/)[0].trim();
}

/** Run with the process's arguments and set its exit code (called by bin/service-star.js). */
export async function cliMain(): Promise<void> {
  const io: Io = {
    stdout: (text) => { process.stdout.write(text); },
    stderr: processStderr(),
  };
  process.exitCode = await run(process.argv.slice(2), io, process.env);
}

if (require.main === module) void cliMain();
