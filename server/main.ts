// `npm start`: the server on the embedded database (or DATABASE_URL) with the demo data.
import { loadConfig } from './config.ts';
import { startApp } from './app.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';

// A connection to PostgreSQL dropping outside any request (the database restarting) can surface
// as an error nobody awaits; that is no reason to stop serving, the next query reconnects.
// Anything else unforeseen stops the server with a clear message, for its supervisor to restart.
const unforeseen = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (isDatabaseUnavailable(error)) {
    console.error(
      `Mất kết nối tới cơ sở dữ liệu (${message}); máy chủ vẫn chạy và sẽ kết nối lại.`,
    );
    return;
  }
  console.error(
    `Lỗi không lường trước, máy chủ dừng: ${error instanceof Error ? (error.stack ?? message) : message}`,
  );
  process.exit(1);
};
process.on('uncaughtException', unforeseen);
process.on('unhandledRejection', unforeseen);

try {
  const app = await startApp(loadConfig());
  const stop = async () => {
    // Requests under way finish and the database is closed cleanly; should anything hang (a
    // connection to a database that went away), the process still ends so it can be restarted.
    let step = '';
    setTimeout(() => {
      console.error(`Máy chủ không dừng được trong 15 giây (đang chờ: ${step}); thoát ngay.`);
      process.exit(1);
    }, 15_000).unref();
    await app.close((next) => (step = next));
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
