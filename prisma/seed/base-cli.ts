// `npm run db:demo-base` (run by `npm install`): makes the demo's base for `npm start`'s first
// start on an empty folder (prisma/seed/base.ts), unless the one kept is of this very code.
import { demoBaseDir, demoBaseInputs, demoBaseKey, ensureDemoBase, findDemoBase } from './base.ts';

const key = demoBaseKey(demoBaseInputs());
try {
  if (findDemoBase(key)) {
    console.log(`Bản nền dữ liệu demo đã có (${demoBaseDir}).`);
  } else {
    await ensureDemoBase(key);
    console.log(`Đã tạo bản nền dữ liệu demo (${demoBaseDir}).`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
