import { articlePlainText, type ArticleLocale } from '@deskside/shared';
import type { Command } from 'commander';

import { EXIT, printJson, runClientCommand, withProgress } from './context.js';

/** The help language from the environment the user runs in: Chinese for zh*, else English. */
function localeFromEnvironment(): ArticleLocale {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** `deskside-agent articles [--search TEXT] [--json]`: IT's help articles, searched or listed (offline too). */
export function registerArticlesCommand(program: Command): void {
  program
    .command('articles')
    .description("List IT's help articles, or search them (the offline copy when the server cannot be reached)")
    .option('--search <text>', 'show the articles that best match these words (English or Chinese)')
    .option('--json', 'print as JSON, with each article\'s full text')
    .action(async (options: { search?: string; json?: boolean }, command: Command) => {
      const search = options.search?.trim();
      if (options.search !== undefined && !search) {
        process.stderr.write('deskside-agent: --search needs some words\n');
        process.exitCode = EXIT.usage;
        return;
      }
      await runClientCommand(command, async (agent) => {
        const result = await withProgress(search ? 'Searching…' : 'Fetching articles…', agent.articles({ ...(search ? { query: search } : {}), locale: localeFromEnvironment() }));
        if (result.error !== null) process.stderr.write(`deskside-agent: ${search ? 'searched the offline copy' : 'showing the offline copy'}: ${result.error}\n`);
        if (options.json) {
          printJson(result);
        } else if (result.articles.length === 0) {
          process.stdout.write(search ? 'No article matches\n' : 'No articles\n');
        } else {
          for (const a of result.articles) {
            process.stdout.write(`${a.title}  [${a.category}]\n`);
            process.stdout.write(`    ${articlePlainText(a.body).replace(/\s+/g, ' ').slice(0, 160)}\n`);
          }
        }
        return result.error !== null && result.articles.length === 0 && result.fetchedAt === null ? EXIT.unavailable : EXIT.ok;
      });
    });
}
