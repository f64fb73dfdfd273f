import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from '../codegen.js';

type GeneratedFile = { filename: string; content: string };

// The typed client is committed so users need no codegen step; this keeps it in step with
// schema.graphql and the operations. When it fails, run `npm run codegen` and commit the result.
describe('generated TypeScript client', () => {
  it('matches what codegen produces from schema.graphql and the operations', async () => {
    // saveToFile=false: generate in memory and leave the working tree alone.
    const outputs: GeneratedFile[] = await generate({ ...codegenConfig, silent: true }, false);

    expect(outputs.map((output) => output.filename).sort()).toEqual([
      'clients/typescript/src/generated/graphql.ts',
      'clients/typescript/src/generated/schema-types.ts',
    ]);
    for (const output of outputs) {
      const committed = await readFile(resolve(import.meta.dirname, '..', output.filename), 'utf8');
      expect(committed, `${output.filename} is stale: run \`npm run codegen\``).toBe(output.content);
    }
  });
});
