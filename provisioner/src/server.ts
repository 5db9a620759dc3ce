/** Production entry: reads the configuration, starts the API, stops gracefully on SIGTERM/SIGINT. */
import { ConfigError, readServerConfig } from './config.js';
import { startOptionsFromConfig, startProvisioner } from './start.js';

let config;
try {
  config = readServerConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}

const provisioner = await startProvisioner(startOptionsFromConfig(config));
const GRACE_MS = 10_000;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    provisioner.app.log.info(`${signal}: finishing running requests, then stopping`);
    const force = setTimeout(() => process.exit(1), GRACE_MS);
    force.unref();
    provisioner.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
