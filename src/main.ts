// `npm start`: load .env, validate the configuration, start the bot. Configuration mistakes stop
// start-up with one clear message (what is wrong, an example, what to do) instead of a stack trace.
import { startApp } from './app.ts';
import { startScheduler } from './scheduler.ts';
import { ConfigError, loadConfig, StartupError } from './config/env.ts';
import { loadDotenv } from './config/dotenv.ts';
import { DirectoryError } from './directory/load.ts';

async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig();
  const app = await startApp(config);
  const scheduler = startScheduler(app, config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    scheduler
      .stop()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DirectoryError || error instanceof StartupError) {
    console.error(`Start-up stopped.\n${error.message}`);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
