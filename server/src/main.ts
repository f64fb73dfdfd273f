import { startServer } from './app.js';
import { loadConfig } from './config/config.js';
import { ConfigError } from './config/config-error.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { MigrationError } from './db/migrations/apply-migrations.js';

const printBootstrapKey = (url: string, secret: string) => {
  // Printed once, on the first start of an empty database; only its hash is stored.
  process.stdout.write(
    [
      '',
      '  AgentLoop created a default organization, project and admin API key.',
      '  This key is shown only now; store it somewhere safe:',
      '',
      `    ${secret}`,
      '',
      '  Try it:',
      '',
      `    curl -s ${url}/graphql -H 'content-type: application/json' \\`,
      `      -H 'authorization: Bearer ${secret}' \\`,
      `      -d '{"query":"{ viewer { role project { name } } }"}'`,
      '',
      '',
    ].join('\n'),
  );
};

const main = async () => {
  const config = loadConfig();
  const server = await startServer({ config });
  if (server.bootstrap) printBootstrapKey(`http://localhost:${server.port}`, server.bootstrap.apiKeySecret);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C means "now"
    server.logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error) => {
        server.logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `AgentLoop failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
