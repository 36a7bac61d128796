// `paperboy serve` exactly as the CLI runs it (its own command object, config from the environment),
// in a child process started with --expose-gc that answers one more thing over its IPC channel:
// "memory", with process.memoryUsage() after two full garbage collections. That is how the fuzz
// suite tells memory that is still held from memory V8 simply has not given back yet.
import { serveCommand } from '../../../src/cli/serve.command.js';

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message) => {
  if (message !== 'memory') return;
  gc?.();
  gc?.();
  process.send?.(process.memoryUsage());
});
process.exitCode = await serveCommand.run(process.argv.slice(2));
process.disconnect?.();
