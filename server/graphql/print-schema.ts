// Writes the schema as SDL to schema.graphql at the repository's root: the file analysts and
// tools read (GET /schema.graphql serves the same text), the add-in's operation types are
// generated from, and test/server/graphql/schema-file.test.ts compares with the running schema.
// Run it after changing a type: npm run schema.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaText } from './schema.ts';

const file = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(file, schemaText());
console.log(`Đã ghi lược đồ vào ${file}`);
