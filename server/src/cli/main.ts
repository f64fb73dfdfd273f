import { runCli } from './run-cli.js';

// Setting exitCode (rather than calling exit) lets piped stdout drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
