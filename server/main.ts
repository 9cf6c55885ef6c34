// `npm start`: the server on the embedded database (or DATABASE_URL) with the demo data.
import { loadConfig } from './config.ts';
import { startApp } from './app.ts';

try {
  const app = await startApp(loadConfig());
  const stop = async () => {
    // Requests under way finish and the database is closed cleanly; should anything hang (a
    // connection to a database that went away), the process still ends so it can be restarted.
    setTimeout(() => {
      console.error('Máy chủ không dừng được trong 15 giây; thoát ngay.');
      process.exit(1);
    }, 15_000).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(
    `Không khởi động được máy chủ: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
