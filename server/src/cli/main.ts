import { runCli } from './run-cli.js';

// Setting exitCode (rather than calling exit) lets piped stdout drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  writeStdout: (chunk) =>
    new Promise<void>((resolve, reject) => {
      // The callback fires once the chunk is handed on; waiting for it keeps a slow pipe from filling memory.
      process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
    }),
});
