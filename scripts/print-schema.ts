// npm run schema: writes schema.graphql, the committed contract that codegen and clients read.
import { writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { schema } from '../server/src/graphql/schema.js';

await writeFile(new URL('../schema.graphql', import.meta.url), `${printSchema(schema)}\n`);
console.log('Wrote schema.graphql');
